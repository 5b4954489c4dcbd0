"""The sharing app's facts for benefit snapshots (kechuang.plugins, contract 3 in docs/interfaces.md):

- every approved voucher claim is a `voucher_used` event of the enterprise that used the service, on
  the day the service happened, with the fee and the provincial part it was paid (so the city's rule
  computes its own part, and 我的政策 shows it);
- an instrument owner's yearly `instrument_service_yuan`: the fees of services its shared instruments
  gave to others that year (Zibo 2020 四.(三).3 rewards platforms by 实际服务创新总额), and the hours of
  those services, `instrument_service_hours` (对外服务机时, which platform evaluations score).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from kechuang.plugins import Facts, whole_yuan
from sharing.models import Claim, Usage
from sharing.statistics import DURATION, _hours
from sharing.vocabulary import ClaimStatus, Level, UserKind


def collect(organization_ids: Sequence[int], year: int, years: Sequence[int]) -> dict[int, Facts]:
    facts: dict[int, Facts] = {}
    claims = (
        Claim.objects.filter(
            status=ClaimStatus.APPROVED, voucher__enterprise_id__in=organization_ids, usage__start__year=year
        )
        .select_related("voucher", "usage")
        .annotate(provincial=Sum("parts__amount_yuan", filter=Q(parts__level=Level.PROVINCIAL)))
        .order_by("usage__start", "pk")
    )
    for claim in claims:
        facts.setdefault(claim.voucher.enterprise_id, Facts()).events.append(
            {
                "type": "voucher_used",
                "date": timezone.localtime(claim.usage.start).date().isoformat(),
                "cost_yuan": whole_yuan(claim.cost_yuan),
                "provincial_subsidy_yuan": whole_yuan(claim.provincial or Decimal(0)),
            }
        )
    served = (
        Usage.objects.filter(shared__instrument__owner_id__in=organization_ids, start__year__in=list(years))
        .exclude(user_kind=UserKind.INTERNAL)
        .annotate(year=ExtractYear("start"))
        .values("shared__instrument__owner_id", "year")
        .annotate(income=Sum("fee_yuan"), duration=Sum(DURATION))
    )
    for row in served:
        owner = facts.setdefault(row["shared__instrument__owner_id"], Facts())
        yearly = owner.annual.setdefault(row["year"], {})
        yearly["instrument_service_yuan"] = whole_yuan(row["income"])
        yearly["instrument_service_hours"] = whole_yuan(_hours(row["duration"]))
    return facts
