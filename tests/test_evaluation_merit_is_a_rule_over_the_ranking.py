"""Weihai's "根据绩效评价结果,择优给予不超过50万元补助" (威政发〔2023〕5号 二.(一).1) is a rule over the
ranking: a city key laboratory graded 合格 or better is paid when its rank is within the best share of the
round, a share the bureau sets (default 30 %, places rounded up). The calculator pays it from the
database, on the published round's `platform_evaluated` facts; the file cases hold the boundaries without
a database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from benefits.calculator import Calculator, parse_snapshot
from benefits.rule_store import live_rulebook
from benefits.snapshots import snapshot_for
from evaluation import consequences, rounds
from tests import evaluation_world
from tests.test_evaluation_round_end_to_end import run_to_results

pytestmark = pytest.mark.django_db
RULE = "weihai-2023.municipal-lab-center-evaluated"
SHARE = "市级重点实验室、技术创新中心、临床医学研究中心绩效补助：择优比例"


@pytest.fixture
def published():
    world = evaluation_world.build()
    round_, submissions, _results = run_to_results(world)
    today = timezone.localdate()
    rounds.start_publicity(round_, today, today)
    rounds.publish(round_, by=world.bureau, document="威科字〔2026〕1号")
    return world, [submission.result for submission in submissions]


def paid(organization, year: int) -> Decimal:
    rulebook = live_rulebook()
    result = Calculator(rulebook).evaluate(parse_snapshot(snapshot_for(organization, year, rulebook)), year)
    return sum((item.amount for item in result.items if item.rule.id == RULE), Decimal(0))


def set_share(client, user, share: str, since: dt.date) -> None:
    url = reverse("benefits:rule_edit", args=[RULE])
    client.force_login(user)
    form = client.get(url).context["officer_form"]
    data = {name: form[name].value() for name in form.fields}
    (value_field,) = (
        name
        for name, field in form.fields.items()
        if name.startswith("value_") and field.label.startswith(SHARE)
    )
    data[value_field] = share
    data[value_field.replace("value_", "since_")] = since.isoformat()
    data.update({"mode": "officer", "action": "save", "note": "市科技局确定本年度择优比例"})
    response = client.post(url, {key: "" if value is None else str(value) for key, value in data.items()})
    assert response.context.get("error") is None, response.context.get("error")


def test_only_the_best_share_of_the_round_is_paid_from_the_database(published):
    world, (first, second, third) = published
    year = timezone.localdate().year
    # Three labs, 30 %: ceil(0.9) = one place. The first is paid; the second, graded 合格, is the first
    # place outside it.
    assert (first.rank, second.rank, second.grade, first.cohort) == (1, 2, "pass", 3)
    assert paid(world.hosts[0], year) == Decimal(500_000)
    assert paid(world.hosts[1], year) == Decimal(0)
    (reward,) = consequences.rewards_for(first)
    assert reward.rule == RULE
    ranking = reward.explanation["conditions"][-1]
    assert ranking["text"] == "评价排名在择优名额以内：1（需 ≤ 1，即参评平台数的前30%，名次数向上取整）"


def test_the_share_the_bureau_sets_moves_the_last_paid_place(client, published):
    world, (first, second, third) = published
    today = timezone.localdate()
    set_share(client, world.bureau, "0.5", dt.date(today.year, 1, 1))
    # 50 % of three: ceil(1.5) = two places; the second is now the last paid, the third (不合格) never is.
    assert paid(world.hosts[1], today.year) == Decimal(500_000)
    assert paid(world.hosts[2], today.year) == Decimal(0)
    assert [reward.rule for reward in consequences.rewards_for(second)] == [RULE]
    # Earlier years keep the share in force then.
    policy = live_rulebook().by_id[RULE].policy
    last_year_end = dt.date(today.year - 1, 12, 31)
    assert policy.parameter("municipal_lab_center_merit_share", last_year_end) == Decimal("0.3")


def test_a_grade_without_a_rank_is_not_chosen(published):
    world, (first, _second, _third) = published
    year = timezone.localdate().year
    snapshot = snapshot_for(world.hosts[0], year)
    for event in snapshot["events"]:
        if event["type"] == "platform_evaluated":
            del event["rank"]
    result = Calculator(live_rulebook()).evaluate(parse_snapshot(snapshot), year)
    assert [item for item in result.items if item.rule.id == RULE] == []
