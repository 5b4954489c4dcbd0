"""A policy officer edits a rule's amounts, rates and thresholds in a form with Chinese labels; the edit
goes through the rule's checks and test cases, errors come back in Chinese, nothing is saved on error,
and every saved edit is a version in the rule's history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import RuleVersion
from benefits.rule_store import history, live_rulebook

pytestmark = pytest.mark.django_db
RULE = "weihai-2023.rd-increment"
URL = reverse("benefits:rule_edit", args=[RULE])


RATE, CAP, GROWTH = (
    "企业研发投入递增补助：奖励比例",
    "企业研发投入递增补助：单项上限",
    "研发投入较上年度增长率",
)


def officer_post(client, user, action: str = "save", changes: dict | None = None, **fields: str):
    """Post the officer's form as shown, with `changes` keyed by the label the officer reads."""
    client.force_login(user)
    form = client.get(URL).context["officer_form"]
    data = {name: form[name].value() for name in form.fields}
    for label, value in (changes or {}).items():
        data[field_named(form, label)] = value
    data.update({"mode": "officer", "action": action, "note": "按新文件调整", **fields})
    return client.post(URL, {key: "" if value is None else str(value) for key, value in data.items()})


def field_named(form, label: str) -> str:
    return next(name for name, field in form.fields.items() if str(field.label).startswith(label))


def test_the_form_names_parameters_and_thresholds_in_chinese(client, bureau_admin):
    client.force_login(bureau_admin)
    page = client.get(URL).content.decode()
    officer = page[page.index('id="officer-form"') : page.index("专家模式")]
    assert "企业研发投入递增补助：奖励比例" in officer
    assert "研发投入较上年度增长率 ≥" in officer
    assert "rd_increment" not in officer and "rd_growth" not in officer  # no codes, not even in the HTML


def test_a_new_rate_from_a_date_is_saved_as_a_dated_value_with_history(client, bureau_admin):
    response = officer_post(
        client, bureau_admin, changes={RATE: "0.06", f"{RATE} 自何日起施行": "2025-01-01"}
    )
    assert response.context.get("error") is None and response.context["saved"].rule_id == RULE
    policy = live_rulebook().by_id[RULE].policy
    assert policy.parameter("rd_increment_rate", dt.date(2024, 12, 31)) == Decimal("0.05")
    assert policy.parameter("rd_increment_rate", dt.date(2025, 12, 31)) == Decimal("0.06")
    (entry,) = history(RULE)
    assert entry.version.note == "按新文件调整"
    assert any("2025-01-01" in line and line.startswith("+") for line in entry.diff)


def test_a_threshold_change_rewrites_the_condition_and_is_checked_against_the_cases(client, bureau_admin):
    client.force_login(bureau_admin)
    form = client.get(URL).context["officer_form"]
    data = {name: form[name].value() for name in form.fields} | {field_named(form, GROWTH): "0.15"}
    edited = type(form)(form.rule, data)
    assert edited.is_valid(), edited.errors
    assert "rd_growth >= 0.15" in edited.rule_text()
    response = officer_post(client, bureau_admin, changes={GROWTH: "0.15"})
    assert "测试用例未通过：「增长恰好10%（含）且增量150万，补助7.5万」" in response.content.decode()
    assert not RuleVersion.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({CAP: "800000"}, "测试用例未通过"),
        ({CAP: "很多"}, "请输入数字。"),
        ({CAP: "-1"}, "0"),
        ({f"{CAP} 自何日起施行": "2020-01-01", CAP: "2000000"}, "不能早于现行取值的起始日期 2023-07-13"),
    ],
)
def test_a_bad_edit_is_refused_in_chinese_and_nothing_is_saved(client, bureau_admin, changes, message):
    response = officer_post(client, bureau_admin, changes=changes)
    assert message in response.content.decode()
    assert not RuleVersion.objects.exists()


def test_a_dry_run_from_the_form_saves_nothing(client, bureau_admin, enterprise):
    changes = {RATE: "0.06", f"{RATE} 自何日起施行": "2025-01-01"}
    response = officer_post(
        client, bureau_admin, action="dry_run", changes=changes, organization=enterprise.uscc
    )
    assert "dry_run" in response.context
    assert not RuleVersion.objects.exists()


def test_a_department_officer_may_try_but_not_save(client, department_officer):
    response = officer_post(client, department_officer, changes={RATE: "0.06"})
    assert response.status_code == 403
    assert not RuleVersion.objects.exists()


def test_the_form_speaks_english_with_the_english_cookie(client, bureau_admin, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(bureau_admin)
    page = client.get(URL).content.decode()
    assert "Amounts, rates and conditions" in page and "Expert mode: edit the rule definition (YAML)" in page
    assert "A decimal: 0.05 means 5%" in page
