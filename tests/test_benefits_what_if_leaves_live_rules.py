"""A what-if scenario changes a cap or a rate in memory, compares with the live rules and changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import BenefitRun, RuleVersion
from benefits.rule_store import live_rulebook
from benefits.scenarios import ScenarioError, clean_changes, compare, scenario_rulebook
from tests.factories import weihai_rd_city

pytestmark = pytest.mark.django_db
RULE = "weihai-2023.rd-increment"


@pytest.fixture
def city(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    weihai_rd_city({"威海甲公司": 13_000_000, "威海乙公司": 12_000_000, "威海丙公司": 10_500_000})


def start(client, bureau_admin, **changes: str):
    client.force_login(bureau_admin)
    data = {
        "name": "提高研发补助比例",
        "year": 2024,
        "rule_1": RULE,
        "field_1": "amount",
        "value_1": "rd_increment * 0.10",
        "rule_2": "",
        "rule_3": "",
        **changes,
    }
    response = client.post(reverse("benefits:what_if"), data, follow=True)
    assert response.status_code == 200
    return response


def test_raising_the_rate_is_compared_with_the_live_rules(client, city, bureau_admin):
    response = start(client, bureau_admin)
    comparison = response.context["comparison"]
    rd = next(rule for rule in comparison.rules if rule.rule_id == RULE)
    # 甲: increment 300万 → 15万 live, 30万 in the scenario; 乙: 200万 → 10万 / 20万; 丙 grows 5%: nothing.
    assert (rd.live_count, rd.live_total, rd.scenario_total) == (2, Decimal(250000), Decimal(500000))
    assert comparison.delta == Decimal(250000)
    platform = next(rule for rule in comparison.rules if rule.rule_id == "zibo-2020.platform-national")
    assert platform.delta == 0
    assert "资金合计" in response.content.decode()


def test_a_lower_cap_lowers_the_total_and_a_zero_cap_names_the_lost_winners(client, city, bureau_admin):
    response = start(client, bureau_admin, field_1="cap", value_1="120000")
    rd = next(rule for rule in response.context["comparison"].rules if rule.rule_id == RULE)
    assert rd.scenario_total == Decimal(220000)  # 甲 capped at 12万, 乙 keeps 10万
    assert rd.gained == [] and rd.lost == []
    response = start(client, bureau_admin, name="取消研发补助", field_1="cap", value_1="0")
    rd = next(rule for rule in response.context["comparison"].rules if rule.rule_id == RULE)
    assert (rd.scenario_count, rd.lost) == (0, ["威海乙公司", "威海甲公司"])
    # each what-if compares with its own fresh run of the live rules, over the same registry data
    assert BenefitRun.objects.filter(scenario=None).count() == 2


def test_the_live_rules_and_live_runs_are_untouched(client, city, bureau_admin):
    before = live_rulebook().by_id[RULE].spec
    response = start(client, bureau_admin)
    scenario_run = response.context["run"]
    assert live_rulebook().by_id[RULE].spec == before
    assert not RuleVersion.objects.exists()
    live_runs = BenefitRun.objects.filter(scenario=None)
    assert [run.pk for run in live_runs] == [scenario_run.baseline_id]
    assert Decimal(live_runs.get().summary["total"]) == Decimal(250000) + Decimal(2000000)
    assert compare(scenario_run).live_total == Decimal(2250000)


def test_an_invalid_change_is_refused_in_chinese_and_nothing_runs(client, city, bureau_admin):
    response = start(client, bureau_admin, value_1="rd_increment * open(1)")
    assert "不允许使用函数 open" in response.content.decode()
    assert not BenefitRun.objects.exists()
    with pytest.raises(ScenarioError, match="单项上限.*必须是不小于 0 的数"):
        clean_changes([{"rule": RULE, "field": "cap", "value": "-5"}])


def test_a_policy_parameter_is_replaced_in_the_scenario_only(db):
    change = {"rule": "weihai-2023.ip-pledge-interest", "field": "parameter:lpr_1y", "value": "0.05"}
    scenario = scenario_rulebook(clean_changes([change]))
    day = dt.date(2024, 8, 31)
    assert scenario.by_id["weihai-2023.ip-pledge-interest"].policy.parameter("lpr_1y", day) == Decimal("0.05")
    assert live_rulebook().by_id["weihai-2023.ip-pledge-interest"].policy.parameter("lpr_1y", day) == Decimal(
        "0.0335"
    )
    with pytest.raises(ScenarioError, match="所属政策没有参数 lpr_1y"):
        clean_changes([{**change, "rule": "zibo-2020.platform-national"}])


def test_the_scenario_list_costs_the_same_queries_however_many_scenarios(client, bureau_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benefits.models import Scenario

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("benefits:what_if")).status_code == 200
        return len(captured)

    client.force_login(bureau_admin)
    Scenario.objects.create(name="情景一", changes=[], created_by=bureau_admin)
    one = queries()
    for number in range(2, 6):
        scenario = Scenario.objects.create(name=f"情景{number}", changes=[], created_by=bureau_admin)
        BenefitRun.objects.create(year=2024, scenario=scenario, total=0)
    assert queries() == one
