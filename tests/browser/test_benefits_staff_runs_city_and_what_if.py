"""Bureau staff run the city-wide calculation, watch it reach 100%, read the totals, then run a what-if.

The tasks go through the real database backend; the test plays the worker (`kechuang db_worker --batch`)
while the page polls for progress.
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from benefits import tasks
from tests.factories import weihai_rd_city

RULE = "weihai-2023.rd-increment"


@pytest.fixture
def city(monkeypatch) -> None:
    monkeypatch.setattr(tasks, "CHUNK_SIZE", 2)
    weihai_rd_city({"威海甲公司": 13_000_000, "威海乙公司": 12_000_000})


def work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_staff_runs_the_city_then_compares_a_what_if(page, login_as, city, bureau_admin) -> None:
    login_as(bureau_admin)
    page.get_by_role("link", name="政策计算器").click()
    expect(page.locator("h1")).to_have_text("政策找企业")
    expect(page.locator("#run-progress")).to_contain_text("2024 年还没有全市测算")

    page.get_by_role("button", name="开始全市测算（2024 年）").click()
    progress = page.locator("#run-progress")
    expect(progress).to_contain_text("已计算 0 / 4 家机构")
    expect(progress.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")
    work()
    expect(progress.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(progress).to_contain_text("已计算 4 / 4 家机构")
    expect(page.locator("#run-total")).to_have_text("2,250,000 元")  # 200万 platform + 15万 + 10万
    rule = progress.locator("details", has_text="企业研发投入递增补助")
    rule.get_by_text("企业研发投入递增补助").click()
    expect(rule.locator(".winners")).to_contain_text("威海甲公司 · 150,000 元")

    page.get_by_role("link", name="预算测算").click()
    expect(page.locator("section.card").first).to_contain_text("市科技局、市财政局")

    page.get_by_role("link", name="情景测算").click()
    page.get_by_label("情景名称").fill("研发补助提至10%")
    page.get_by_label("测算年度").select_option("2024")
    page.get_by_label("规则 1").select_option(RULE)
    page.get_by_label("调整项 1", exact=True).select_option("amount")
    page.get_by_label("新值 1", exact=True).fill("rd_increment * 0.10")
    page.get_by_role("button", name="开始情景测算").click()
    expect(page.locator("#what-if-result")).to_contain_text("0%")
    work()
    totals = page.locator("#what-if-totals")
    expect(totals).to_contain_text("2,250,000 元")
    expect(totals).to_contain_text("2,500,000 元")
    expect(totals).to_contain_text("+250,000 元")
    expect(page.locator("#what-if-result")).to_contain_text("企业研发投入递增补助")
