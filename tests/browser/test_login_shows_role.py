from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import DepartmentFactory, persona


def test_bureau_admin_logs_in_and_sees_name_and_role(page, login_as) -> None:
    admin = persona(
        Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj", display_name="王科长"
    )
    login_as(admin)
    expect(page.locator(".account .who")).to_have_text("王科长 · 科技局管理员")


def test_wrong_password_shows_a_chinese_error(page, login_as) -> None:
    login_as(persona(Role.ENTERPRISE_USER, None, username="qiye"), password="wrong-password")
    expect(page.locator(".errorlist")).to_contain_text("请输入一个正确的")
