"""Headless Chromium (Debian's package) driven by Playwright against the live test server.

Browser tests use the `site` fixture (a live server with the region table loaded) and `login_as`.
Screenshots of failures land in test-artifacts/.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from accounts.models import User
from registry.regions import load_regions

CHROMIUM = os.environ.get("KECHUANG_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen in
    # its own thread, but Django checks the loop of the calling thread during fixtures.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """The live server's base URL, with the region table present (transactional tests flush it)."""
    load_regions()
    return live_server.url


@pytest.fixture
def page(browser: Browser, site: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(base_url=site, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(10_000)
    browser_page = context.new_page()
    # Irreversible actions ask first (kechuang/static/kechuang/confirm.js); the person walking the page
    # answers yes. A test that declines opens another page of the context, which has no such handler.
    browser_page.on("dialog", lambda dialog: dialog.accept())
    yield browser_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        browser_page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def login_as(page: Page) -> Callable[[User], Page]:
    """Log in through the login form, as a person would."""

    def login(user: User, password: str = "kechuang-test") -> Page:  # noqa: S107 - the personas' password
        page.goto("/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state("networkidle")
        return page

    return login
