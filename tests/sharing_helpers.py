"""Building blocks of the sharing tests: a lab with a shared instrument, and slots in the future."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role, User
from registry.models import AnnualData, Instrument, Organization
from sharing.models import Rate, SharedInstrument, VoucherBudget
from sharing.vocabulary import Level, UserKind
from tests.factories import OrganizationFactory, persona

RATES = {
    UserKind.INTERNAL: Decimal("100"),
    UserKind.ENTERPRISE: Decimal("200"),
    UserKind.EXTERNAL: Decimal("300"),
}


def lab(name: str = "威海市材料测试中心", region: str = "371002") -> Organization:
    return OrganizationFactory(name=name, kind="research_institute", region_id=region)


def lab_manager(organization: Organization, username: str = "labmanager") -> User:
    return persona(Role.EXPERT, organization, username=username)


def shared_instrument(
    owner: Organization, name: str = "场发射扫描电子显微镜", **profile: object
) -> SharedInstrument:
    instrument = Instrument.objects.create(
        name=name, owner=owner, category="电子光学仪器", model_number="SU8020", value_yuan=Decimal("3200000")
    )
    settings = {
        "opens_at": dt.time(8, 0),
        "closes_at": dt.time(20, 0),
        "open_weekdays": "1234567",
        "lead_time_hours": 0,
        "min_minutes": 30,
        "max_minutes": 600,
        "cancel_notice_hours": 12,
        "classification_code": "03040707",
        **profile,
    }
    shared = SharedInstrument.objects.create(instrument=instrument, **settings)
    for kind, rate in RATES.items():
        Rate.objects.create(shared=shared, user_kind=kind, yuan_per_hour=rate)
    return shared


def at(days_ahead: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local time `days_ahead` days from today, so slots are always in the future."""
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def small_enterprise(organization: Organization, year: int) -> None:
    """Yearly data that makes the organization a 中小微企业 in `year` for the voucher rules."""
    AnnualData.objects.create(organization=organization, year=year, revenue=Decimal("30000000"), employees=80)


def budgets(
    year: int, region: str = "371002", total: Decimal = Decimal("1000000"), quota: Decimal = Decimal("200000")
) -> dict[str, VoucherBudget]:
    """A provincial, municipal and county budget covering an enterprise in `region`."""
    codes = {Level.PROVINCIAL: region[:2] + "0000", Level.MUNICIPAL: region[:4] + "00", Level.COUNTY: region}
    return {
        level: VoucherBudget.objects.create(
            year=year, region_id=code, level=level, total_yuan=total, quota_per_enterprise_yuan=quota
        )
        for level, code in codes.items()
    }
