"""A bureau administrator uploads a spreadsheet: a bad row shows in the error table and nothing is written;
a clean file is previewed, confirmed and imported."""

from playwright.sync_api import expect

from accounts.models import Role
from registry.models import Organization
from registry.validators import make_uscc
from tests.factories import DepartmentFactory, persona

GOOD = make_uscc("91", "370300", 880001)
ALSO_GOOD = make_uscc("91", "370300", 880002)
WRONG_CHECK_DIGIT = ALSO_GOOD[:-1] + ("0" if ALSO_GOOD[-1] != "0" else "1")


def organizations_csv(*rows: str) -> dict:
    text = "\n".join(["名称,统一社会信用代码,机构类型,地区代码", *rows]) + "\n"
    return {"name": "机构.csv", "mimeType": "text/csv", "buffer": text.encode("gbk")}


def upload(page, file: dict) -> None:
    page.goto("/registry/import/")
    page.get_by_label("资源类型").select_option(label="机构")
    page.get_by_label("文件").set_input_files(file)
    page.get_by_role("button", name="上传并校验").click()


def test_bad_row_is_shown_by_row_and_column_and_nothing_is_written(
    page, login_as, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    login_as(persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj"))

    upload(
        page,
        organizations_csv(
            f"淄博甲科技有限公司,{GOOD},企业,370302", f"淄博乙科技有限公司,{WRONG_CHECK_DIGIT},企业,370302"
        ),
    )

    expect(page.get_by_role("status")).to_contain_text("发现1处错误，未写入任何数据")
    error_row = page.locator("table.errors tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row.locator("td")).to_have_text(
        ["3", "统一社会信用代码", "统一社会信用代码校验位错误，请核对后重新输入。"]
    )
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)
    assert not Organization.objects.filter(uscc__in=[GOOD, ALSO_GOOD]).exists()


def test_clean_file_is_previewed_then_imported_on_confirm(page, login_as, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    login_as(persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj"))

    upload(
        page,
        organizations_csv(
            f"淄博甲科技有限公司,{GOOD},企业,370302", f"淄博乙科技有限公司,{ALSO_GOOD},高等院校,370303"
        ),
    )

    expect(page.get_by_role("status")).to_contain_text("将新增2条")
    expect(page.locator("table.preview")).to_contain_text("淄博乙科技有限公司")
    assert not Organization.objects.filter(uscc__in=[GOOD, ALSO_GOOD]).exists()
    page.get_by_role("button", name="确认导入 2 行").click()

    expect(page.get_by_role("status")).to_contain_text("已导入：新增2条")
    assert Organization.objects.get(uscc=ALSO_GOOD).kind == "university"
