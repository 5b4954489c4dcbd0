"""A reader of a long list sorts it by a column, jumps to a page and exports exactly what the list holds, in
the order shown; the address keeps filters, sort and page, so it can be shared."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from tests.factories import OrganizationFactory

ORGANIZATIONS = 60  # three pages of 25


def test_bureau_sorts_the_organizations_jumps_to_the_last_page_and_exports(
    page, login_as, bureau_admin, tmp_path: Path
) -> None:
    names = [f"淄博排序测试{number:02d}有限公司" for number in range(ORGANIZATIONS)]
    for name in reversed(names):  # made in the opposite order, so that the id order is not the name order
        OrganizationFactory(name=name, industry="排序测试")
    login_as(bureau_admin)
    page.goto("/registry/organizations/?q=排序测试")
    results = page.locator("#results")
    expect(page.locator("#list-count")).to_have_text("共 60 条 · 3 页")
    first_cells = results.locator("tbody tr td:first-child a")

    results.get_by_role("link", name="名称").click()
    expect(results.locator("th[aria-sort=ascending]")).to_have_text("名称")
    expect(first_cells.first).to_have_text(names[0])
    results.get_by_role("link", name="名称").click()
    expect(results.locator("th[aria-sort=descending]")).to_have_text("名称")
    expect(first_cells.first).to_have_text(names[-1])

    # The numbered pager names the last page once the total is counted; the jump box goes anywhere.
    pager = page.get_by_role("navigation", name="分页")
    expect(pager.get_by_role("link", name="3", exact=True)).to_be_visible()
    page.get_by_label("跳至页码").fill("3")
    page.get_by_role("button", name="跳转").click()
    expect(pager.locator("[aria-current=page]")).to_have_text("3")
    expect(first_cells).to_have_count(10)
    expect(first_cells.first).to_have_text(names[9])
    assert "q=" in page.url and "sort=-name" in page.url and "page=3" in page.url

    # The shared address opens the same page.
    page.goto(page.url)
    expect(first_cells.first).to_have_text(names[9])

    with page.expect_download() as download:
        results.get_by_role("link", name="导出 Excel").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    sheet = openpyxl.load_workbook(exported).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == list(reversed(names))
