"""The rule editor saves versions only when the rule is valid and its cases pass; dry runs save nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import RuleVersion
from benefits.rule_store import current_text, history, live_rulebook
from tests.factories import AnnualDataFactory, OrganizationFactory, QualificationFactory

pytestmark = pytest.mark.django_db
RULE = "weihai-2023.rd-increment"
URL = reverse("benefits:rule_edit", args=[RULE])


def post(client, user, text: str, action: str = "save", **extra: str):
    client.force_login(user)
    return client.post(URL, {"spec": text, "note": "调整口径说明", "action": action, **extra})


def test_an_invalid_expression_is_refused_in_chinese_and_nothing_is_saved(client, bureau_admin):
    text = current_text(RULE).replace(
        "amount: rd_increment * rd_increment_rate", "amount: rd_increment * __import__('os')"
    )
    response = post(client, bureau_admin, text)
    assert "不允许使用函数 __import__" in response.context["error"]
    assert not RuleVersion.objects.exists()
    assert live_rulebook().by_id[RULE].spec.amount == "rd_increment * 0.05"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: cap", "kind: bonus"), "kind：取值无效"),
        (
            ("cap: rd_increment_cap", "cap: 800000"),
            "测试用例未通过：「增量3000万按5%为150万，封顶100万」期望 1,000,000 元，实际 800,000 元",
        ),
        (("id: weihai-2023.rd-increment", "id: weihai-2023.other"), "规则标识不能修改"),
        (("title: 企业研发投入递增补助", "title: [未闭合"), "YAML 格式错误"),
    ],
)
def test_schema_errors_failing_cases_and_bad_yaml_are_refused(client, bureau_admin, change, message):
    response = post(client, bureau_admin, current_text(RULE).replace(*change))
    assert message in response.context["error"]
    assert message in response.content.decode()
    assert not RuleVersion.objects.exists()


def test_a_valid_edit_becomes_the_live_rule_with_history_and_diff(client, bureau_admin):
    text = current_text(RULE).replace("title: 企业研发投入递增补助", "title: 企业研发投入递增奖励")
    response = post(client, bureau_admin, text)
    assert response.context["saved"].rule_id == RULE
    assert live_rulebook().by_id[RULE].spec.title == "企业研发投入递增奖励"
    (entry,) = history(RULE)
    assert "-title: 企业研发投入递增补助" in entry.diff and "+title: 企业研发投入递增奖励" in entry.diff
    assert "+title: 企业研发投入递增奖励" in client.get(URL).content.decode()
    assert current_text(RULE) == text.strip() + "\n"


def test_dry_run_explains_the_edited_rule_for_an_organization_without_saving(client, department_officer):
    organization = OrganizationFactory(region_id="371002", above_designated_size=True)
    QualificationFactory(organization=organization, granted=dt.date(2023, 12, 1))
    AnnualDataFactory(organization=organization, year=2023, rd_expense=Decimal(10_000_000))
    AnnualDataFactory(organization=organization, year=2024, rd_expense=Decimal(12_000_000))
    text = current_text(RULE).replace("title: 企业研发投入递增补助", "title: 试算中的规则")
    response = post(
        client, department_officer, text, action="dry_run", organization=organization.uscc, year="2024"
    )
    (item,) = response.context["dry_run"].items
    assert item["explanation"]["summary"].startswith("试算中的规则：100,000 元")
    assert "研发投入较上年度增长率：20.00%（需 ≥ 10.00%）" in response.content.decode()
    assert not RuleVersion.objects.exists()
