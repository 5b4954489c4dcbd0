"""The bureau edits an index system a round has frozen: a bad formula is refused in Chinese and nothing
is saved; fixed, the edit becomes version 2 (the page says so), the frozen version 1 keeps its weights,
and the new version's edit history shows who changed which weight from what to what."""

from playwright.sync_api import Page, expect

from evaluation import rounds
from evaluation.models import IndexSystem
from tests import evaluation_world


def indicator(page: Page, name: str):
    return page.locator(f'fieldset.indicator-row[data-name="{name}"]')


def test_editing_a_frozen_system_makes_a_new_version(page, login_as):
    world = evaluation_world.build()
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    login_as(world.bureau)
    page.goto(round_.get_absolute_url())
    page.get_by_role("link", name=str(world.system)).click()
    page.get_by_role("link", name="修改指标体系").click()
    expect(page.locator("#frozen-notice")).to_contain_text("保存后将另存为新版本")

    indicator(page, "年度研发经费投入").get_by_label("计分公式").fill("value * revenue")
    indicator(page, "年度研发经费投入").get_by_label("分值", exact=True).fill("25")
    indicator(page, "仪器设备对外服务机时").get_by_label("分值", exact=True).fill("5")
    page.get_by_label("修改说明").fill("按2026年评价方案调整权重")
    page.get_by_role("button", name="保存修改").click()
    expect(indicator(page, "年度研发经费投入")).to_contain_text("计分公式有误")
    expect(indicator(page, "年度研发经费投入").get_by_label("分值", exact=True)).to_have_value("25")
    assert IndexSystem.objects.filter(code=world.system.code).count() == 1

    indicator(page, "年度研发经费投入").get_by_label("计分公式").fill("min(value / target, 1) * weight")
    page.get_by_role("button", name="保存修改").click()
    expect(page.locator(".messages")).to_contain_text("本次修改已另存为新版本 v2")
    expect(page.locator("h1")).to_contain_text("（v2）")
    history = page.locator("#history")
    expect(history).to_contain_text("wh-bureau")
    expect(history).to_contain_text("按2026年评价方案调整权重")
    expect(history).to_contain_text("据已冻结的 v1 另存为新版本")
    change = history.locator(".changes li", has_text="年度研发经费投入 · 分值")
    expect(change.locator("del")).to_have_text("20")
    expect(change.locator("ins")).to_have_text("25")

    page.locator("#versions").get_by_role("link", name="v1").click()
    expect(page.locator("h1")).to_contain_text("（v1）")
    expect(page.locator("tr", has_text="年度研发经费投入")).to_contain_text("20")
