"""What the calculator pages show, assembled from the domain modules (facts, rule_store, tasks,
scenarios), plus the pages' forms. Views stay thin; the command line never needs any of this."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from operator import attrgetter
from typing import Any

from django import forms
from django.db.models import Case, CharField, F, Max, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from benefits import rule_store
from benefits.calculator import Calculator, parse_snapshot
from benefits.models import BenefitAward, BenefitRun, RunStatus, Scenario
from benefits.scenarios import compare, field_choices
from benefits.snapshots import PENDING_SOURCES, snapshot_for
from benefits.tasks import policy_titles
from kechuang.listing import Column
from registry.models import AnnualData, Organization

FIRST_YEAR = 2020
WINNERS_SHOWN = 100
SCENARIO_ROWS = 3


def year_choices() -> list[int]:
    return list(range(dt.date.today().year, FIRST_YEAR - 1, -1))


def default_year(organization: Organization | None = None) -> int:
    """The latest year with reported figures (an enterprise's own, or anyone's), else this year."""
    rows = AnnualData.objects.all() if organization is None else organization.annual_data.all()
    return rows.aggregate(latest=Max("year"))["latest"] or dt.date.today().year


def chosen_year(raw: str | None, default: int) -> int:
    try:
        year = int(raw or "")
    except ValueError:
        return default
    return year if FIRST_YEAR <= year <= dt.date.today().year + 1 else default


def organization_page(organization: Organization, year: int, own: bool) -> dict[str, Any]:
    rulebook = rule_store.live_rulebook()
    snapshot = snapshot_for(organization, year, rulebook)
    result = Calculator(rulebook).evaluate(parse_snapshot(snapshot), year, nearly=True)
    titles = policy_titles()
    items = [
        {
            "rule": item.rule.id,
            "title": item.rule.spec.title,
            "amount": item.amount,
            "kind": item.rule.spec.kind,
            "clause": item.rule.spec.clause,
            "policy": titles.get(item.rule.policy.code, item.rule.policy.code),
            "excluded_by": item.excluded_by,
            "explanation": item.explanation,
        }
        for item in result.items
    ]
    nearly = [
        {**near, "policy_title": titles.get(near["policy"], near["policy"])} for near in result.nearly or []
    ]
    return {
        "organization": organization,
        "own": own,
        "year": year,
        "years": year_choices(),
        "snapshot": snapshot,
        "facts": snapshot_facts(snapshot),
        "items": items,
        "total": result.total,
        "nearly": nearly,
        "pending_sources": PENDING_SOURCES,
    }


MONEY_KEYS = frozenset({"revenue", "rd_expense", "high_tech_revenue", "instrument_service_yuan"})


def snapshot_facts(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The data a calculation used, in words: the region's name, qualifications, yearly figures and events
    under their labels, vocabulary values as their labels, money in the product's format."""
    from benefits.calculator.explain import phrases
    from benefits.calculator.money import format_yuan, format_yuan_english
    from registry.adcodes import region_name

    words = phrases()
    yuan = format_yuan if words.yuan is format_yuan else format_yuan_english

    def shown(key: str, value: Any) -> str:
        if isinstance(value, bool):
            return words.yes if value else words.no
        if key.endswith("region") and isinstance(value, str):
            return region_name(value)
        if isinstance(value, (int, float, Decimal)) and (key in MONEY_KEYS or key.endswith("_yuan")):
            return yuan(Decimal(str(value)))
        return str(words.values.get(value, value))

    events = []
    for event in snapshot.get("events", []):
        fields = [
            f"{words.names.get(key, key)} {shown(key, value)}"
            for key, value in event.items()
            if key not in ("type", "date") and value is not None
        ]
        events.append(
            {"date": event["date"], "label": words.events.get(event["type"], event["type"]), "fields": fields}
        )
    return {
        "region": region_name(snapshot.get("region")),
        "qualifications": [
            {**q, "label": words.values.get(q["type"], q["type"])} for q in snapshot.get("qualifications", [])
        ],
        "annual": [
            (year, [(words.names.get(key, key), shown(key, value)) for key, value in values.items()])
            for year, values in snapshot.get("annual", {}).items()
        ],
        "events": events,
    }


def finder_url() -> str:
    return reverse("benefits:finder")


def finder_page(run: BenefitRun | None, year: int) -> dict[str, Any]:
    rules = []
    if run is not None and run.status == RunStatus.DONE:
        titles = policy_titles()
        rules = _money_rows(run.summary.get("rules", []), titles)
    return {"run": run, "year": year, "rules": rules, "total": _summary_total(run)}


def run_awards(run: BenefitRun, rule_id: str = "") -> Any:
    """The benefits a run pays (stacking losers left out), of one rule when named, with their policy's
    title (`policy_title`; the rules name a handful of policies)."""
    titles = [When(policy=code, then=Value(title)) for code, title in policy_titles().items()]
    awards = (
        BenefitAward.objects.filter(run=run, excluded_by="")
        .select_related("organization")
        .annotate(policy_title=Case(*titles, default=F("policy"), output_field=CharField()))
    )
    return awards.filter(rule_id=rule_id) if rule_id else awards


AWARD_COLUMNS = (
    Column(
        _("受益机构"),
        attrgetter("organization.name"),
        key="organization",
        order_by=("organization__name",),
    ),
    Column(
        _("统一社会信用代码"), attrgetter("organization.uscc"), key="uscc", order_by=("organization__uscc",)
    ),
    Column(_("政策条款"), attrgetter("title"), key="rule", order_by=("title",)),
    Column(_("政策文件"), attrgetter("policy_title"), key="policy", order_by=("policy_title",)),
    Column(_("责任部门"), attrgetter("department"), key="department"),
    Column(_("金额（元）"), attrgetter("amount"), key="amount"),
)


def winners(run: BenefitRun, rule_id: str) -> dict[str, Any]:
    awards = BenefitAward.objects.filter(run=run, rule_id=rule_id, excluded_by="").select_related(
        "organization"
    )
    return {"run": run, "rule_id": rule_id, "awards": awards[:WINNERS_SHOWN], "count": awards.count()}


def forecast_page() -> dict[str, Any]:
    """The latest finished live run of each year, totalled by policy, department and budget line."""
    titles = policy_titles()
    years = []
    seen: set[int] = set()
    for run in BenefitRun.objects.filter(scenario=None, status=RunStatus.DONE).order_by("-year", "-id"):
        if run.year in seen:
            continue
        seen.add(run.year)
        summary = run.summary
        years.append(
            {
                "run": run,
                "total": _summary_total(run),
                "policies": _money_rows(summary.get("policies", []), titles),
                "departments": _money_rows(summary.get("departments", []), titles),
                "budget_lines": _money_rows(summary.get("budget_lines", []), titles),
            }
        )
    return {"years": years}


def _money_rows(rows: list[dict[str, Any]], titles: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {**row, "total": Decimal(row["total"]), "policy_title": titles.get(row["policy"], row["policy"])}
        for row in rows
    ]


def _summary_total(run: BenefitRun | None) -> Decimal | None:
    if run is None or run.status != RunStatus.DONE:
        return None
    return Decimal(run.summary.get("total", "0"))


def rule_choices() -> list[tuple[str, str]]:
    return [(rule.id, f"{rule.spec.title}({rule.id})") for rule in rule_store.live_rulebook().rules]


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("情景名称"), max_length=100)
    year = forms.TypedChoiceField(label=_("测算年度"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in year_choices()]
        self.fields["year"].initial = default_year()
        rules, fields = [("", "—"), *rule_choices()], field_choices()
        for row in range(1, SCENARIO_ROWS + 1):
            self.fields[f"rule_{row}"] = forms.ChoiceField(
                label=_("规则 %(n)s") % {"n": row}, choices=rules, required=row == 1
            )
            self.fields[f"field_{row}"] = forms.ChoiceField(
                label=_("调整项 %(n)s") % {"n": row}, choices=fields, required=False
            )
            self.fields[f"value_{row}"] = forms.CharField(
                label=_("新值 %(n)s") % {"n": row}, required=False, max_length=300
            )

    def changes(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"rule": data[f"rule_{row}"], "field": data[f"field_{row}"], "value": data[f"value_{row}"]}
            for row in range(1, SCENARIO_ROWS + 1)
        ]


def what_if_start() -> dict[str, Any]:
    """The ten newest scenarios, each with its runs (the page links the newest run)."""
    return {"scenarios": Scenario.objects.prefetch_related("runs")[:10]}


def what_if_page(run: BenefitRun) -> dict[str, Any]:
    baseline, labels = run.baseline, dict(field_choices())
    finished = run.status == RunStatus.DONE and baseline is not None and baseline.status == RunStatus.DONE
    failed = RunStatus.FAILED in {run.status, baseline.status if baseline else None}
    done = run.done + (baseline.done if baseline else 0)
    total = run.total + (baseline.total if baseline else 0)
    return {
        "run": run,
        "scenario": run.scenario,
        "finished": finished,
        "failed": failed,
        "changes": [
            {**change, "label": labels.get(change["field"], change["field"])}
            for change in run.scenario.changes
        ],
        "percent": 100 if not total else done * 100 // total,
        "comparison": compare(run) if finished else None,
    }


def rule_list_page() -> dict[str, Any]:
    edited = rule_store.latest_versions()
    rulebook = rule_store.live_rulebook()
    policies = []
    for policy in rulebook.policies:
        rules = [
            {"rule": rule, "version": edited.get(rule.id)} for rule in rulebook.rules if rule.policy is policy
        ]
        policies.append({"policy": policy, "rules": rules})
    return {"policies": policies}


def find_organization(text: str) -> Organization | None:
    text = text.strip()
    if not text:
        return None
    organizations = Organization.objects.order_by("name", "pk")
    return (
        organizations.filter(uscc=text.upper()).first()
        or organizations.filter(name=text).first()
        or organizations.filter(name__icontains=text).first()
    )


def rule_action(form: Any, rule_id: str, user: User) -> dict[str, Any]:
    """Dry run or save the rule an editor form (rule_form) describes, as the pressed button says;
    errors come back in Chinese, nothing saved."""
    data = form.cleaned_data
    try:
        text = form.rule_text()
        if form.data.get("action") == "save":
            return {"saved": rule_store.save_version(rule_id, text, user, data["note"])}
        organization = find_organization(data["organization"])
        if organization is None:
            return {"error": _("找不到要试算的机构，请填写统一社会信用代码或名称。")}
        year = data["year"] or default_year(organization)
        return {
            "dry_run": rule_store.dry_run(rule_id, text, organization, year),
            "dry_organization": organization,
            "dry_year": year,
        }
    except rule_store.RuleEditError as error:
        return {"error": str(error)}
