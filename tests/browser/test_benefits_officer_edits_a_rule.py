"""The bureau changes a rule's rate in the officer's form, sees a bad cap refused in Chinese with nothing
saved, then saves a new rate from a date and finds the version in the history."""

from playwright.sync_api import expect

from benefits.models import RuleVersion


def test_bureau_edits_a_rate_in_the_form(page, login_as, bureau_admin) -> None:
    login_as(bureau_admin)
    page.get_by_role("link", name="政策计算器").click()
    page.get_by_role("link", name="规则维护").click()
    page.get_by_role("link", name="企业研发投入递增补助").click()
    form = page.locator("#officer-form")
    expect(form).not_to_contain_text("rd_increment")

    form.get_by_label("企业研发投入递增补助：单项上限（元）").fill("800000")
    form.get_by_label("修改说明").fill("试降上限")
    form.get_by_role("button", name="保存为新版本").click()
    expect(page.locator("#rule-error")).to_contain_text("测试用例未通过")
    assert not RuleVersion.objects.exists()

    form = page.locator("#officer-form")
    form.get_by_label("企业研发投入递增补助：单项上限（元）").fill("1000000")
    form.get_by_label("企业研发投入递增补助：奖励比例", exact=True).fill("0.06")
    form.get_by_label("企业研发投入递增补助：奖励比例 自何日起施行").fill("2025-01-01")
    form.get_by_label("修改说明").fill("2025年起补助比例提至6%")
    form.get_by_role("button", name="保存为新版本").click()
    expect(page.get_by_text("已保存为新版本")).to_be_visible()
    expect(page.locator("article").first).to_contain_text("2025年起补助比例提至6%")
    assert RuleVersion.objects.count() == 1
