"""The sharing part of `kechuang demo`: every shareable demo instrument opened for sharing, a year of
bookings and usage, voucher budgets, and the showcase enterprise's voucher used twice, so that its
我的政策 shows the city's voucher subsidy from the database. Idempotent: a second run changes nothing.

Decisions in the history are recorded by an inactive system account (no password, cannot log in);
a `demo-lab` login for the lab that served the showcase enterprise is created on development
machines only, like the other demo logins.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TextIO

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Role, User
from registry.models import AnnualData, Instrument, Organization
from sharing import split, usage, vouchers
from sharing.models import Booking, Rate, SharedInstrument, Voucher, VoucherBudget
from sharing.vocabulary import BookingStatus, FundingSource, Level, Origin, SettlementMode, UserKind

SYSTEM_USERNAME = "sharing-demo-history"
LAB_USERNAME = "demo-lab"
USAGES = 160
# 科研仪器分类代码 (GB/T 32847 style) by the registry's demo categories, first two levels.
CLASSIFICATION = {
    "分析仪器": "0301",
    "物理性能测试仪器": "0302",
    "计量仪器": "0303",
    "电子测量仪器": "0304",
    "海洋仪器": "0305",
    "医学诊断仪器": "0306",
    "计算机及其配套设备": "0307",
    "工艺试验仪器": "0308",
}
# Yearly budgets (yuan) and the quota per enterprise, by level: the province funds most, as in Shandong.
BUDGETS = {
    Level.PROVINCIAL: (Decimal("50000000"), Decimal("300000")),
    Level.MUNICIPAL: (Decimal("10000000"), Decimal("150000")),
    Level.COUNTY: (Decimal("2000000"), Decimal("100000")),
}
SHANDONG_CITIES = ("370300", "371000", "371600")
VOUCHER_COUNTIES = ("370322", "370323")
DEMO_INVOICE = b"%PDF-1.4\n% demo invoice\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def load(stdout: TextIO) -> None:
    if SharedInstrument.objects.filter(instrument__is_demo=True).exists():
        stdout.write("仪器共享演示数据已存在，未改动。\n")
        return
    rng = random.Random(20260101)
    with transaction.atomic():
        shared = _open_instruments(rng)
        year = _showcase_year()
        for budget_year in sorted({year, timezone.localdate().year}):
            _budgets(budget_year)
        system = _system_user()
        usages = _history(rng, shared, year, system)
        claims = _showcase_voucher(rng, shared, year, system)
    stdout.write(
        f"仪器共享：开放共享仪器 {len(shared)} 台，{year} 年使用记录 {usages} 条，创新券兑付 {claims} 笔。\n"
    )


def _open_instruments(rng: random.Random) -> list[SharedInstrument]:
    opened = []
    for instrument in (
        Instrument.objects.filter(is_demo=True, shareable=True).select_related("owner").order_by("pk")
    ):
        code = (
            CLASSIFICATION.get(instrument.category, "0399")
            + f"{rng.randrange(1, 20):02d}{rng.randrange(1, 10):02d}"
        )
        shared = SharedInstrument.objects.create(
            instrument=instrument,
            classification_code=code,
            origin=Origin.IMPORTED
            if instrument.value_yuan > 1_000_000 and rng.random() < 0.7
            else Origin.DOMESTIC,
            funding_source=rng.choice(list(FundingSource.values)),
            lead_time_hours=rng.choice([24, 48]),
            requires_training=rng.random() < 0.3,
            training_note="首次使用须参加仪器管理员组织的上机培训" if rng.random() < 0.3 else "",
            description=f"{instrument.category}，可为企业提供检测、表征与分析服务。",
        )
        # Rates scale with the instrument's value: about one ten-thousandth of it per hour for enterprises.
        enterprise_rate = max(Decimal("80"), (instrument.value_yuan / 10000).quantize(Decimal("10")))
        for kind, factor in (
            (UserKind.INTERNAL, Decimal("0.5")),
            (UserKind.ENTERPRISE, Decimal("1")),
            (UserKind.EXTERNAL, Decimal("1.2")),
        ):
            Rate.objects.create(
                shared=shared, user_kind=kind, yuan_per_hour=(enterprise_rate * factor).quantize(Decimal("1"))
            )
        opened.append(shared)
    return opened


def _showcase() -> Organization | None:
    from registry.demo.logins import DemoPopulationMissing, showcase_enterprise

    try:
        return showcase_enterprise()
    except DemoPopulationMissing:
        return None


def _showcase_year() -> int:
    latest = AnnualData.objects.filter(organization__is_demo=True).aggregate(year=Max("year"))["year"]
    return latest or timezone.localdate().year


def _budgets(year: int) -> None:
    regions = {
        Level.PROVINCIAL: ("370000",),
        Level.MUNICIPAL: SHANDONG_CITIES,
        Level.COUNTY: VOUCHER_COUNTIES,
    }
    for level, codes in regions.items():
        total, quota = BUDGETS[level]
        for code in codes:
            VoucherBudget.objects.get_or_create(
                year=year,
                region_id=code,
                level=level,
                defaults={"total_yuan": total, "quota_per_enterprise_yuan": quota},
            )


def _system_user() -> User:
    user, _created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.BUREAU_ADMIN, "is_active": False, "display_name": "演示历史记录（系统）"},
    )
    user.set_unusable_password()
    user.save()
    return user


def _slot(rng: random.Random, year: int, shared: SharedInstrument) -> tuple[dt.datetime, dt.datetime]:
    day = dt.date(year, 1, 2) + dt.timedelta(days=rng.randrange(0, 355))
    while day.isoweekday() > 5:
        day += dt.timedelta(days=1)
    start_hour = rng.randrange(shared.opens_at.hour + 1, shared.closes_at.hour - 3)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(start_hour)))
    return start, start + dt.timedelta(hours=rng.randrange(1, 4))


def _history(rng: random.Random, shared: list[SharedInstrument], year: int, system: User) -> int:
    """A year of approved bookings with their usage: mostly local enterprises, some the owner's own."""
    enterprises: dict[str, list[Organization]] = {}
    for organization in Organization.objects.filter(is_demo=True, kind="enterprise").order_by("pk"):
        enterprises.setdefault(organization.region_id[:4], []).append(organization)
    made = 0
    for _n in range(USAGES):
        item = rng.choice(shared)
        owner = item.instrument.owner
        local = enterprises.get(owner.region_id[:4]) or []
        internal = not local or rng.random() < 0.3
        served = owner if internal else rng.choice(local)
        start, end = _slot(rng, year, item)
        try:
            _used(
                item, served, UserKind.INTERNAL if internal else UserKind.ENTERPRISE, start, end, system, rng
            )
        except IntegrityError:
            continue  # the slot was already taken in this history: the database said so
        made += 1
    return made


def _used(
    item: SharedInstrument,
    served: Organization,
    kind: str,
    start: dt.datetime,
    end: dt.datetime,
    system: User,
    rng: random.Random,
) -> usage.Usage:
    with transaction.atomic():
        booked = Booking.objects.create(
            shared=item,
            requester=system,
            organization=served,
            user_kind=kind,
            start=start,
            end=end,
            purpose="检测分析",
            status=BookingStatus.APPROVED,
            decided_by=system,
        )
        return usage.record(
            system,
            item,
            start,
            end,
            rng.choice(["王工", "李工", "张工", "陈工"]),
            samples=rng.randrange(1, 12),
            booking=booked,
        )


def _showcase_voucher(rng: random.Random, shared: list[SharedInstrument], year: int, system: User) -> int:
    """The showcase enterprise's voucher of `year`, approved and used twice on a lab of its own city."""
    enterprise = _showcase()
    if enterprise is None:
        return 0
    nearby = [
        s
        for s in shared
        if s.instrument.owner.region_id[:4] == enterprise.region_id[:4]
        and s.instrument.owner.kind != "enterprise"
    ] or shared
    item = max(nearby, key=lambda s: s.instrument.value_yuan)
    applied_on = dt.date(year, 3, 1)
    voucher = Voucher.objects.create(
        enterprise=enterprise,
        year=year,
        planned_cost_yuan=Decimal("60000"),
        purpose=f"{item.instrument.name}检测服务",
        applied_by=system,
        settlement_mode=SettlementMode.FIRM_REIMBURSED,
    )
    try:
        vouchers.approve(system, voucher, dt.date(year, 12, 31), today=applied_on)
    except vouchers.VoucherRefused:
        return 0  # the rules pay this enterprise nothing for vouchers; its page will say so
    _lab_login(item.instrument.owner)
    paid = 0
    for month in (4, 9):
        start = timezone.make_aware(dt.datetime(year, month, 14, 9))
        while timezone.localtime(start).isoweekday() > 5:
            start += dt.timedelta(days=1)
        try:
            used = _used(
                item, enterprise, UserKind.ENTERPRISE, start, start + dt.timedelta(hours=6), system, rng
            )
        except IntegrityError:
            continue
        parts = split.split(enterprise, used.fee_yuan, timezone.localtime(used.start).date())
        wanted = min(sum((p.amount_yuan for p in parts), Decimal(0)), vouchers.remaining_yuan(voucher))
        if wanted <= 0:
            break
        invoice = SimpleUploadedFile(
            f"发票-{year}{month:02d}.pdf", DEMO_INVOICE, content_type="application/pdf"
        )
        claim = vouchers.claim(system, voucher, used, wanted, invoice, today=dt.date(year, month, 28))
        vouchers.decide_claim(system, claim, approve=True, today=dt.date(year, month, 28))
        paid += 1
    return paid


def _lab_login(owner: Organization) -> None:
    """`demo-lab`, instrument manager of the lab that served the showcase enterprise (development only)."""
    if not settings.DEBUG:
        return
    from registry.demo.logins import DEMO_PASSWORD

    user = User.objects.filter(username=LAB_USERNAME).first() or User(username=LAB_USERNAME)
    user.role, user.organization, user.display_name, user.is_active = (
        Role.EXPERT,
        owner,
        "孙婷（演示，仪器管理员）",
        True,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
