"""A bureau administrator exports a filtered list from its page, edits nothing, uploads the file again,
and is told that nothing would change; an edited copy updates just the edited record."""

import openpyxl
from playwright.sync_api import expect

from accounts.models import Role
from registry.models import Organization
from tests.factories import DepartmentFactory, OrganizationFactory, persona


def test_exported_list_re_imports_without_changes(page, login_as, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    OrganizationFactory(name="淄博蓝海新材料有限公司", region_id="370303")
    OrganizationFactory(name="山东理工大学", kind="university", region_id="370303")
    login_as(persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj"))

    page.goto("/registry/organizations/?kind=enterprise")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    download = download_info.value
    assert download.suggested_filename.startswith("机构_") and download.suggested_filename.endswith(".xlsx")
    exported = tmp_path / "exported.xlsx"
    download.save_as(exported)
    sheet = openpyxl.load_workbook(exported).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "淄博蓝海新材料有限公司" in names and "山东理工大学" not in names

    page.goto("/registry/import/")
    page.get_by_label("资源类型").select_option(label="机构")
    page.get_by_label("文件").set_input_files(str(exported))
    page.get_by_role("button", name="上传并校验").click()

    expect(page.get_by_role("status")).to_contain_text(f"将新增0条，更新0条，{len(names)}条无变化")

    workbook = openpyxl.load_workbook(exported)
    workbook.active.cell(row=2, column=1, value="淄博蓝海新材料股份有限公司")
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    page.get_by_label("文件").set_input_files(str(edited))
    page.get_by_role("button", name="上传并校验").click()
    expect(page.get_by_role("status")).to_contain_text("更新1条")
    page.get_by_role("button", name="确认导入").click()

    expect(page.get_by_role("status")).to_contain_text("已导入：新增0条，更新1条")
    assert Organization.objects.filter(name="淄博蓝海新材料股份有限公司").exists()
