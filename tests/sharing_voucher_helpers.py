"""A Weihai enterprise that used a lab's instrument, with budgets in place: where voucher tests start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role, User
from registry.models import Organization
from sharing import usage, vouchers
from sharing.models import SharedInstrument, Usage, Voucher, VoucherBudget
from tests.factories import OrganizationFactory, persona
from tests.sharing_helpers import budgets, lab, lab_manager, shared_instrument, small_enterprise

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def invoice(name: str = "发票.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class World:
    enterprise: Organization
    owner_user: User
    lab_user: User
    bureau: User
    instrument: SharedInstrument
    budgets: dict[str, VoucherBudget]

    def used(self, hours: int = 5, days_ago: int = 1) -> Usage:
        """Usage by the enterprise that ended `days_ago` days ago (enterprise rate 200 元/机时)."""
        start = timezone.now().replace(microsecond=0) - dt.timedelta(days=days_ago, hours=hours)
        return usage.record(
            self.lab_user,
            self.instrument,
            start,
            start + dt.timedelta(hours=hours),
            "王工",
            samples=3,
            organization=self.enterprise,
            user_kind="enterprise",
        )

    def voucher(self, planned: Decimal = Decimal("10000"), mode: str = "firm_reimbursed") -> Voucher:
        item = vouchers.apply(self.owner_user, timezone.localdate().year, planned, "材料表征测试", mode)
        return vouchers.approve(self.bureau, item, timezone.localdate() + dt.timedelta(days=90))


def weihai_world(
    bureau: User, total: Decimal = Decimal("1000000"), quota: Decimal = Decimal("200000")
) -> World:
    year = timezone.localdate().year
    enterprise = OrganizationFactory(name="威海碳纤维复材有限公司", region_id="371002")
    small_enterprise(enterprise, year)
    owner = lab()
    return World(
        enterprise=enterprise,
        owner_user=persona(Role.ENTERPRISE_USER, enterprise, username="carbon"),
        lab_user=lab_manager(owner),
        bureau=bureau,
        instrument=shared_instrument(owner),
        budgets=budgets(year, "371002", total, quota),
    )
