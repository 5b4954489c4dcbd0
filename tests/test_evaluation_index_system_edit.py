"""The bureau edits an index system on its page: indicators, weights and scoring formulas (the safe
expression language), grade rules. Bad input is refused in Chinese and nothing is saved; editing a frozen
version saves a new version and says so; every saved edit records who, when, why and before → after."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from evaluation import systems
from evaluation.models import IndexSystem, IndexSystemEdit
from tests import evaluation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return evaluation_world.build()


def page_data(client, system) -> dict[str, str]:
    """The edit form as the page fills it, keyed by input name."""
    edit = client.get(reverse("evaluation:system_edit", args=[system.pk])).context["edit"]
    data = {}
    for form in [edit.form, edit.indicators.management_form, edit.grades.management_form]:
        data.update({form.add_prefix(name): form[name].value() for name in form.fields})
    for form in [*edit.indicators.forms, *edit.grades.forms]:
        data.update({form.add_prefix(name): form[name].value() for name in form.fields})
    shown = {None: "", False: "", True: "on"}  # how a browser sends empty fields and checkboxes
    return {
        key: shown[value] if value is None or isinstance(value, bool) else str(value)
        for key, value in data.items()
    }


def row_of(data: dict[str, str], name: str) -> str:
    """The formset prefix of the indicator called `name` (indicator-3)."""
    key = next(key for key, value in data.items() if key.endswith("-name") and value == name)
    return key.removesuffix("-name")


def edit(client, system, changes: dict[tuple[str, str], str], note: str = "按2026年评价方案调整"):
    data = page_data(client, system)
    for (indicator, field), value in changes.items():
        data[f"{row_of(data, indicator)}-{field}"] = value
    data["note"] = note
    return client.post(reverse("evaluation:system_edit", args=[system.pk]), data, follow=True)


def test_a_draft_is_edited_in_place_and_the_edit_is_recorded(client, world):
    system = world.system
    client.force_login(world.bureau)
    response = edit(
        client, system, {("年度研发经费投入", "weight"): "25", ("仪器设备对外服务机时", "weight"): "5"}
    )
    assert "指标体系已保存" in response.content.decode()
    assert system.indicators.get(code="rd_expense").weight == Decimal(25)
    (record,) = IndexSystemEdit.objects.filter(system=system)
    assert (record.edited_by, record.note, record.based_on) == (world.bureau, "按2026年评价方案调整", None)
    assert {"item": "年度研发经费投入", "field": "分值", "before": "20", "after": "25"} in record.changes
    assert len(record.changes) == 2
    latest = system.indicators.get(code="rd_expense").history.first()
    assert (latest.history_user, latest.history_change_reason) == (world.bureau, "按2026年评价方案调整")
    page = response.content.decode()
    history = page[page.index('id="history"') :]
    assert "wh-bureau" in history and "年度研发经费投入 · 分值" in history


@pytest.mark.parametrize(
    ("formula", "error"),
    [
        ("__import__('os').system('id')", "计分公式有误"),
        ("value * revenue", "计分公式有误：表达式 value * revenue 使用了未知的名称:revenue"),
        ("min(value / target, 1", "计分公式有误"),
    ],
)
def test_a_bad_formula_is_refused_and_nothing_is_saved(client, world, formula, error):
    client.force_login(world.bureau)
    response = edit(
        client, world.system, {("年度研发经费投入", "expression"): formula, ("研发人员数", "weight"): "1"}
    )
    assert error in response.content.decode()
    assert world.system.indicators.get(code="rd_staff").weight == Decimal(15)
    assert not IndexSystemEdit.objects.exists()


def test_weights_that_do_not_add_up_are_refused(client, world):
    client.force_login(world.bureau)
    response = edit(client, world.system, {("年度研发经费投入", "weight"): "25"})
    assert "非加分指标分值合计应为100分，现为105分" in response.content.decode()
    assert world.system.indicators.get(code="rd_expense").weight == Decimal(20)
    assert not IndexSystemEdit.objects.exists()


def test_editing_a_frozen_version_saves_a_new_version_and_says_so(client, world):
    frozen = systems.freeze(world.system)
    client.force_login(world.bureau)
    assert (
        "保存后将另存为新版本"
        in client.get(reverse("evaluation:system_edit", args=[frozen.pk])).content.decode()
    )
    response = edit(
        client, frozen, {("年度研发经费投入", "weight"): "25", ("仪器设备对外服务机时", "weight"): "5"}
    )
    page = response.content.decode()
    assert "已被评价轮次使用并冻结，本次修改已另存为新版本 v2" in page
    new = IndexSystem.objects.get(code=frozen.code, version=2)
    assert response.redirect_chain[-1][0] == new.get_absolute_url()
    assert new.indicators.get(code="rd_expense").weight == Decimal(25) and not new.frozen
    assert frozen.indicators.get(code="rd_expense").weight == Decimal(20)
    assert IndexSystemEdit.objects.get().based_on == frozen
    assert "据已冻结的 v1 另存为新版本" in page


def test_an_indicator_is_added_and_one_removed(client, world):
    client.force_login(world.bureau)
    data = page_data(client, world.system)
    removed = row_of(data, "仪器设备对外服务机时")
    data[f"{removed}-DELETE"] = "on"
    blank = f"indicator-{int(data['indicator-TOTAL_FORMS']) - 1}"
    data.update(
        {
            f"{blank}-name": "科普活动场次",
            f"{blank}-category": "开放共享",
            f"{blank}-weight": "10",
            f"{blank}-expression": "min(value / target, 1) * weight",
            f"{blank}-target": "12",
            "note": "以科普活动替代共享机时",
        }
    )
    response = client.post(reverse("evaluation:system_edit", args=[world.system.pk]), data, follow=True)
    assert "指标体系已保存" in response.content.decode(), response.context and response.context.get("edit")
    names = list(world.system.indicators.values_list("name", flat=True))
    assert "科普活动场次" in names and "仪器设备对外服务机时" not in names
    added = world.system.indicators.get(name="科普活动场次")
    assert (added.method, added.target) == ("formula", Decimal(12))
    changes = IndexSystemEdit.objects.get().changes
    assert {"item": "科普活动场次", "field": "指标", "before": "—", "after": "新增"} in changes
    assert {
        "item": "仪器设备对外服务机时",
        "field": "指标",
        "before": "仪器设备对外服务机时",
        "after": "删除",
    } in changes


def test_a_grade_rule_is_edited(client, world):
    client.force_login(world.bureau)
    data = page_data(client, world.system)
    grade = next(key for key, value in data.items() if key.endswith("-grade") and value == "excellent")
    data[grade.replace("-grade", "-min_score")] = "85"
    data["note"] = "优秀线调整为85分"
    client.post(reverse("evaluation:system_edit", args=[world.system.pk]), data)
    assert world.system.grade_rules.get(grade="excellent").min_score == Decimal(85)
    assert {"item": "等次“优秀”", "field": "最低得分", "before": "90", "after": "85"} in (
        IndexSystemEdit.objects.get().changes
    )


def test_only_the_bureau_edits(client, world):
    url = reverse("evaluation:system_edit", args=[world.system.pk])
    client.force_login(world.host_users[0])
    assert client.get(url).status_code == 403
    assert client.post(url, {"note": "x"}).status_code == 403


def test_the_edit_page_in_english(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.bureau)
    page = client.get(reverse("evaluation:system_edit", args=[world.system.pk])).content.decode()
    for text in ("Edit the index system", "Score formula", "Save changes", "Grade rule", "Excellent"):
        assert text in page
