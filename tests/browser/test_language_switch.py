"""A person clicks "English" in the header and the whole product answers in English, page after page,
until they click "中文"."""

from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import PlatformFactory, persona


def test_language_button_switches_every_app_to_english_and_back(page, login_as, site) -> None:
    platform = PlatformFactory(name="淄博市陶瓷工程技术研究中心")
    login_as(persona(Role.BUREAU_ADMIN, username="wang"))
    expect(page.locator("h1")).to_have_text("工作台")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="首页").click()
    expect(page.locator("h1")).to_contain_text("科技创新资源概览")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Innovation resources at a glance")
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_role("link", name="Organizations")).to_be_visible()
    expect(page.get_by_text("Science bureau administrator")).to_be_visible()

    # The choice sticks across apps: registry, policies and planning.
    nav.get_by_role("link", name="Platforms").click()
    expect(page.locator("h1")).to_have_text("Platforms")
    page.get_by_role("link", name=platform.name).click()
    expect(page.get_by_text("Engineering technology research center")).to_be_visible()
    nav.get_by_role("link", name="Policies").click()
    expect(page.get_by_text("No policy documents yet.")).to_be_visible()
    nav.get_by_role("link", name="Task ledger").click()
    expect(page.locator("h1")).to_have_text("Task ledger")
    nav.get_by_role("link", name="Targets").click()
    expect(page.locator("h1")).to_have_text("Targets")

    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("h1")).to_have_text("目标监测")
