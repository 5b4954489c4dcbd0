"""On the demo registry, the database path pays 高新技术企业成长性奖励 (Weihai 2023 二.(四).17, which reads
revenue three years back) to exactly the enterprises that qualify on all their yearly data, and the
city-wide run that 政策找企业 and the budget forecast show counts them."""

from django.urls import reverse

from benefits import tasks
from benefits.calculator import Calculator, load_rulebook, parse_snapshot
from benefits.snapshots import snapshots_for
from registry.models import AnnualData, Organization, Qualification

GROWTH = "weihai-2023.high-tech-growth"
YEAR = 2025
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _with_all_yearly_data(organization: Organization) -> dict:
    """The organization's high-tech grants of the year and every year of yearly data it ever reported."""
    annual = {
        str(row.year): {"revenue": row.revenue}
        for row in AnnualData.objects.filter(organization=organization, revenue__isnull=False)
    }
    grants = Qualification.objects.filter(
        organization=organization, type="high_tech_enterprise", granted__year=YEAR
    )
    return {
        "kind": organization.kind,
        "region": organization.region_id,
        "annual": annual,
        "events": [
            {"type": "qualification_granted", "date": q.granted.isoformat(), "qualification": q.type}
            for q in grants
        ],
    }


def _pays_growth(calculator: Calculator, snapshot: dict) -> bool:
    return any(item.rule.id == GROWTH for item in calculator.evaluate(parse_snapshot(snapshot), YEAR).items)


def test_database_path_and_city_run_pay_every_enterprise_that_qualifies(
    run_demo, settings, client, bureau_admin
):
    run_demo(scale=0.3)
    calculator = Calculator(load_rulebook())
    granted = Organization.objects.filter(
        is_demo=True, qualifications__type="high_tech_enterprise", qualifications__granted__year=YEAR
    ).distinct()
    qualifying = {o.pk for o in granted if _pays_growth(calculator, _with_all_yearly_data(o))}
    paid = {
        o.pk
        for o, snapshot in snapshots_for(Organization.objects.all(), YEAR)
        if _pays_growth(calculator, snapshot)
    }
    assert qualifying, "the demo population should hold enterprises that qualify"
    assert paid == qualifying

    settings.TASKS = IMMEDIATE
    run = tasks.start_run(YEAR, bureau_admin)
    counted = {row["rule_id"]: row["count"] for row in run.summary["rules"]}
    assert counted[GROWTH] == len(qualifying)
    client.force_login(bureau_admin)
    forecast = client.get(reverse("benefits:forecast")).content.decode()
    assert "高新技术企业培育资金" in forecast  # the growth reward's budget line is in the forecast
    finder = client.get(reverse("benefits:finder"), {"year": YEAR}).content.decode()
    assert "高新技术企业成长性奖励" in finder
