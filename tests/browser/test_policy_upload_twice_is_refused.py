"""A bureau administrator uploads a seed policy, confirms it and generates its ledger tasks; generating
them again creates nothing and says so, and uploading the same seed again is refused with a link to the
document already loaded."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from planning.models import Task
from policies.models import PolicyDocument
from policies.seeds import SEEDS_BY_CODE
from tests.factories import DepartmentFactory, persona

SEED = SEEDS_BY_CODE["zibo-2020-platforms"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin() -> User:
    return persona(
        Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj", display_name="王科长"
    )


def upload(page: Page, path: Path) -> None:
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政策文件").click()
    page.get_by_role("link", name="上传政策文件").click()
    page.get_by_label("政策文件").set_input_files(str(path))
    page.get_by_role("button", name="上传并识别").click()


def test_the_same_seed_uploaded_twice_is_refused(page, login_as, admin) -> None:
    login_as(admin)
    upload(page, SEED.path)
    expect(page.locator(".messages")).to_contain_text("文件已导入")
    page.get_by_role("button", name="确认文件").click()
    page.get_by_role("button", name="生成任务台账").click()
    expect(page.locator(".messages")).to_contain_text("项台账任务。")
    tasks = Task.objects.count()
    assert tasks > 0
    page.get_by_role("button", name="生成任务台账").click()
    expect(page.locator(".messages")).to_contain_text("任务台账已经生成过，没有新建任务")
    assert Task.objects.count() == tasks

    upload(page, SEED.path)
    expect(page.get_by_role("alert").filter(has_text="这份文件已经导入过")).to_be_visible()
    document = PolicyDocument.objects.get()
    page.locator("#existing-document").get_by_role("link", name=document.title).click()
    expect(page).to_have_url(f"{page.url.split('/policies')[0]}{document.get_absolute_url()}")
    assert PolicyDocument.objects.count() == 1
