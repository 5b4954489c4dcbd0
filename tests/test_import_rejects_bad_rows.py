"""A file with any bad row writes nothing and names every problem by row and column."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from registry.io import import_file, import_rows
from registry.models import Organization
from registry.validators import make_uscc

GOOD = make_uscc("91", "370300", 1)
ALSO_GOOD = make_uscc("91", "370300", 2)
WRONG_CHECK_DIGIT = GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")


def csv_file(*lines: str) -> io.BytesIO:
    data = io.BytesIO("\n".join(lines).encode("utf-8"))
    data.name = "organizations.csv"
    return data


@pytest.mark.django_db
def test_one_bad_row_writes_nothing_and_reports_row_and_column() -> None:
    report = import_file(
        csv_file(
            "name,uscc,kind,region",
            f"淄博甲科技有限公司,{GOOD},企业,370302",
            f"淄博乙科技有限公司,{WRONG_CHECK_DIGIT},enterprise,370302",
            f"淄博丙科技有限公司,{ALSO_GOOD},公司,999999",
        ),
        "organization",
    )

    assert not report.ok
    assert Organization.objects.count() == 0
    assert [(error.row, error.column) for error in report.errors] == [(3, "uscc"), (4, "kind"), (4, "region")]
    assert str(report.errors[0]) == "第3行 uscc：统一社会信用代码校验位错误，请核对后重新输入。"
    assert "未写入任何数据" in report.summary()


@pytest.mark.django_db
def test_duplicate_uscc_in_one_file_is_an_error() -> None:
    report = import_rows(
        [
            {"name": "甲", "uscc": GOOD, "kind": "enterprise", "region": "370302"},
            {"name": "乙", "uscc": GOOD.lower(), "kind": "enterprise", "region": "370302"},
        ],
        "organization",
    )

    assert [str(error) for error in report.errors] == ["第2行 uscc：与第1行重复（同一条记录只能出现一次）"]
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_missing_required_column_is_reported_once_for_the_header() -> None:
    report = import_rows([{"name": "甲", "uscc": GOOD, "kind": "enterprise"}] * 3, "organization")

    assert [str(error) for error in report.errors] == [
        "表头 region：缺少必填列（表头写“region”或“地区代码”）"
    ]


@pytest.mark.django_db
def test_platform_row_with_unknown_host_is_refused(enterprise) -> None:
    report = import_rows(
        [
            {
                "name": "淄博市新材料工程技术研究中心",
                "host_uscc": enterprise.uscc,
                "platform_type": "工程技术研究中心",
                "region": "370302",
            },
            {
                "name": "淄博市精密制造技术创新中心",
                "host_uscc": ALSO_GOOD,
                "platform_type": "technology_innovation_center",
                "region": "370302",
            },
        ],
        "platform",
    )

    assert [(error.row, error.column) for error in report.errors] == [(2, "host_uscc")]
    assert "请先导入该机构" in report.errors[0].message
    assert not enterprise.hosted_platforms.exists()


@pytest.mark.django_db
def test_cli_prints_errors_and_exits_non_zero(tmp_path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text(
        f"name,uscc,kind,region\n甲,{GOOD},企业,370302\n乙,{WRONG_CHECK_DIGIT},企业,370302\n",
        encoding="utf-8",
    )
    errors = io.StringIO()

    with pytest.raises(CommandError, match="发现1处错误"):
        call_command("import", str(path), stderr=errors)

    assert "第3行 uscc：统一社会信用代码校验位错误" in errors.getvalue()
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_upload_page_shows_error_table_and_writes_nothing(client, bureau_admin) -> None:
    client.force_login(bureau_admin)
    before = Organization.objects.count()
    upload = csv_file(
        "name,uscc,kind,region", f"甲,{GOOD},企业,370302", f"乙,{WRONG_CHECK_DIGIT},企业,370302"
    )

    response = client.post(reverse("registry:import"), {"kind": "organization", "file": upload})

    assert response.status_code == 200
    page = response.content.decode()
    assert "校验未通过" in page
    assert '<td class="num">3</td><td>uscc</td><td>统一社会信用代码校验位错误' in page
    assert reverse("registry:import_confirm") not in page
    assert Organization.objects.count() == before


@pytest.mark.django_db
def test_a_file_with_only_a_header_is_refused() -> None:
    report = import_file(csv_file("name,uscc,kind,region", ",,,"), "organization")

    assert [str(error) for error in report.errors] == ["文件：文件中没有数据行"]


@pytest.mark.django_db
def test_competent_department_must_be_a_government_department(enterprise, other_enterprise) -> None:
    report = import_rows(
        [
            {
                "name": "淄博市新材料工程技术研究中心",
                "host_uscc": enterprise.uscc,
                "platform_type": "engineering_technology_research_center",
                "region": "370302",
                "competent_department_uscc": other_enterprise.uscc,
            }
        ],
        "platform",
    )

    assert [(error.column, error.message) for error in report.errors] == [
        ("competent_department_uscc", f"统一社会信用代码为{other_enterprise.uscc}的机构不是政府部门")
    ]
