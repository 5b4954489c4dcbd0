"""Exporting any kind and importing the file again changes nothing, in every format."""

import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from registry import models
from registry.io import export_records, import_file
from tests.factories import AnnualDataFactory, DepartmentFactory, PlatformFactory, QualificationFactory


@pytest.fixture
def one_of_each(enterprise, other_enterprise) -> None:
    Organization = models.Organization
    Organization.objects.filter(pk=enterprise.pk).update(
        founded=dt.date(2012, 5, 1),
        above_designated_size=True,
        website="https://lanhai.example.cn",
        address="淄博市张店区华光路1号",
        description='先进陶瓷，逗号,和"引号"也要原样',
    )
    platform = PlatformFactory(
        host=enterprise,
        level="provincial",
        stage="approved",
        competent_department=DepartmentFactory(),
        established=dt.date(2019, 3, 1),
    )
    platform.partners.add(other_enterprise)
    models.Person.objects.create(
        name="李明",
        organization=enterprise,
        title="正高级工程师",
        fields="陶瓷、材料",
        email="liming@example.cn",
        phone="0533-1234567",
    )
    models.Person.objects.create(name="王芳", category="talent")
    models.Instrument.objects.create(
        name="扫描电子显微镜",
        owner=enterprise,
        category="电子光学仪器",
        value_yuan=Decimal("1860000.50"),
        status="maintenance",
        shareable=False,
    )
    models.Achievement.objects.create(
        title="高导热氮化铝陶瓷基板",
        owner=enterprise,
        field="新材料",
        maturity="pilot",
        transfer_mode="licensing",
        price_yuan=Decimal("500000"),
        published=dt.date(2024, 6, 18),
    )
    models.TechnologyNeed.objects.create(
        title="陶瓷烧结节能工艺",
        enterprise=other_enterprise,
        field="新材料",
        budget_yuan=None,
        deadline=dt.date(2025, 12, 31),
        status="matching",
    )
    QualificationFactory(organization=enterprise, certificate_no="GR202337000123")
    QualificationFactory(
        organization=other_enterprise, type="tech_sme", granted=dt.date(2024, 4, 1), expires=None
    )
    AnnualDataFactory(
        organization=enterprise, year=2023, rd_staff=35, high_tech_revenue=Decimal("60000000.25")
    )
    AnnualDataFactory(organization=enterprise, year=2024, revenue=None, invention_patents=12)


def snapshot() -> dict:
    tables = {}
    for model in [
        models.Organization,
        models.Platform,
        models.Person,
        models.Instrument,
        models.Achievement,
        models.TechnologyNeed,
        models.Qualification,
        models.AnnualData,
    ]:
        tables[model.__name__] = list(model.objects.order_by("pk").values())
        tables[model.__name__ + " history"] = model.history.count()
    tables["partners"] = list(
        models.Platform.partners.through.objects.values_list("platform_id", "organization_id")
    )
    return tables


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["xlsx", "csv", "jsonl"])
@pytest.mark.parametrize(
    "kind",
    [
        "organization",
        "platform",
        "person",
        "instrument",
        "achievement",
        "need",
        "qualification",
        "annual_data",
    ],
)
def test_export_then_import_changes_nothing(one_of_each, kind, file_format) -> None:
    before = snapshot()
    out = io.BytesIO()
    count = export_records(out, kind, file_format, user=None)
    out.name = f"export.{file_format}"

    report = import_file(out, kind)

    assert report.ok, report.errors
    assert count > 0
    assert (report.rows, report.unchanged, report.created, report.updated) == (count, count, 0, 0)
    assert snapshot() == before


@pytest.mark.django_db
def test_export_into_an_empty_registry_recreates_the_records(one_of_each) -> None:
    out = io.BytesIO()
    export_records(out, "instrument", "csv", user=None)
    instrument = models.Instrument.objects.get()
    expected = {
        field: getattr(instrument, field)
        for field in ["name", "owner_id", "category", "value_yuan", "status", "shareable"]
    }
    instrument.delete()

    report = import_file(io.BytesIO(out.getvalue()), "instrument", file_format="csv")

    assert report.created == 1
    recreated = models.Instrument.objects.get()
    assert {field: getattr(recreated, field) for field in expected} == expected


@pytest.mark.django_db
def test_xlsx_has_chinese_headers_and_labels_jsonl_has_codes(one_of_each) -> None:
    workbook_file, lines = io.BytesIO(), io.BytesIO()
    export_records(workbook_file, "platform", "xlsx", user=None)
    export_records(lines, "platform", "jsonl", user=None)

    sheet = openpyxl.load_workbook(workbook_file).active
    header, first = [cell.value for cell in sheet[1]], [cell.value for cell in sheet[2]]
    row = dict(zip(header, first, strict=True))
    assert sheet.title == "创新平台"
    assert (row["平台名称"], row["生命周期阶段"], row["当前级别"]) == (
        models.Platform.objects.get().name,
        "认定",
        "省级",
    )
    record = json.loads(lines.getvalue().decode().splitlines()[0])
    assert (record["stage"], record["level"]) == ("approved", "provincial")
    assert record["partner_usccs"] == models.Organization.objects.get(name="淄博远山精密机械有限公司").uscc


@pytest.mark.django_db
def test_csv_starts_with_a_bom_for_excel(one_of_each) -> None:
    out = io.BytesIO()
    export_records(out, "organization", "csv", user=None)

    assert out.getvalue().startswith(b"\xef\xbb\xbfname,uscc,kind,region,")
