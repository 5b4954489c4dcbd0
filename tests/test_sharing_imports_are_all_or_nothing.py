"""Usage records, instrument profiles and voucher claims load from spreadsheets all or nothing, with
every bad row reported by row and column."""

import io
from decimal import Decimal

from django.core.management import call_command

from sharing.imports import import_claims, import_usages
from sharing.models import Claim, Rate, SharedInstrument, Usage
from tests.factories import OrganizationFactory
from tests.sharing_helpers import lab, shared_instrument
from tests.sharing_voucher_helpers import weihai_world


def csv_file(text: str, name: str) -> io.BytesIO:
    handle = io.BytesIO(text.encode("utf-8"))
    handle.name = name
    return handle


def test_usage_rows_load_with_fees_from_the_rates(bureau_admin):
    shared = shared_instrument(lab())
    served = OrganizationFactory()
    rows = (
        "共享仪器编号,服务对象统一社会信用代码,用户类别,开始,结束,操作人员,样品数\n"
        f"{shared.pk},{served.uscc},企业用户,2025-03-03 09:00,2025-03-03 12:00,王工,4\n"
        f"{shared.pk},,本单位用户,2025-03-04 09:00,2025-03-04 10:00,李工,1\n"
    )
    report = import_usages(csv_file(rows, "usage.csv"), user=bureau_admin)
    assert report.ok, report.errors
    assert sorted(Usage.objects.values_list("fee_yuan", flat=True)) == [Decimal("100.00"), Decimal("600.00")]


def test_one_bad_row_writes_nothing_and_says_where(bureau_admin):
    shared = shared_instrument(lab())
    rows = (
        "共享仪器编号,服务对象统一社会信用代码,用户类别,开始,结束,操作人员,样品数\n"
        f"{shared.pk},,本单位用户,2025-03-04 09:00,2025-03-04 10:00,李工,1\n"
        f"{shared.pk},,外星用户,2025-03-05 09:00,2025-03-05 10:00,李工,1\n"
        f"{shared.pk},,本单位用户,2025-03-06 09:00,三点,李工,1\n"
    )
    report = import_usages(csv_file(rows, "usage.csv"), user=bureau_admin)
    assert [(e.row, e.column) for e in report.errors] == [(3, "用户类别"), (4, "结束")]
    assert not Usage.objects.exists()


def test_instrument_profiles_load_through_the_import_command(bureau_admin, tmp_path):
    owner = lab()
    from registry.models import Instrument

    instrument = Instrument.objects.create(
        name="液相色谱仪", owner=owner, category="分析仪器", value_yuan=Decimal("800000")
    )
    path = tmp_path / "instruments.csv"
    path.write_text(
        "资源库仪器编号,分类编码,进口/国产,经费来源,企业收费（元/机时）\n"
        f"{instrument.pk},03010101,进口,中央财政,150\n",
        encoding="utf-8",
    )
    call_command(
        "import", str(path), kind="shared_instrument", user=bureau_admin.username, stdout=io.StringIO()
    )
    shared = SharedInstrument.objects.get(instrument=instrument)
    assert (shared.origin, shared.funding_source, shared.classification_code) == (
        "imported",
        "central",
        "03010101",
    )
    assert Rate.objects.get(shared=shared, user_kind="enterprise").yuan_per_hour == Decimal("150")


def test_paper_claims_are_entered_by_the_bureau_and_checked_like_any_other(bureau_admin):
    world = weihai_world(bureau_admin)
    voucher, used = world.voucher(), world.used(hours=5)
    rows = f"创新券编号,使用记录编号,申请兑付（元）\n{voucher.pk},{used.pk},600\n{voucher.pk},{used.pk},10\n"
    report = import_claims(csv_file(rows, "claims.csv"), user=bureau_admin)
    assert [e.row for e in report.errors] == [3]
    assert "不能重复兑付" in report.errors[0].message
    assert not Claim.objects.exists()


def test_only_the_bureau_imports(enterprise_user):
    report = import_usages(csv_file("共享仪器编号\n1\n", "usage.csv"), user=enterprise_user)
    assert not report.ok
