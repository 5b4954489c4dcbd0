"""The monthly filing list (科技金融月度报送) the province asks for: for one month, the loans issued to tech
SMEs (科技型中小企业, holding the qualification on the day of issue) with their amounts, and every loan
with money moved that month — interest subsidies granted, risk compensation drawn from a pool,
recoveries clawed back to it. The page and the xlsx export read the same rows.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from finance.indicators import holding
from finance.models import Loan
from registry.io.formats import xlsx
from registry.vocabulary import QualificationType

ZERO = Decimal(0)


@dataclass(frozen=True)
class FilingRow:
    loan: Loan
    tech_sme: bool
    issued_in_month: bool
    subsidy_yuan: Decimal
    compensated_yuan: Decimal
    clawed_back_yuan: Decimal


@dataclass(frozen=True)
class Filing:
    month: dt.date  # its first day
    rows: list[FilingRow]

    @property
    def issued_to_tech_smes(self) -> list[FilingRow]:
        return [row for row in self.rows if row.issued_in_month and row.tech_sme]

    @property
    def issued_yuan(self) -> Decimal:
        return sum((row.loan.amount_yuan for row in self.issued_to_tech_smes), ZERO)

    @property
    def total_subsidy(self) -> Decimal:
        return sum((row.subsidy_yuan for row in self.rows), ZERO)

    @property
    def total_compensated(self) -> Decimal:
        return sum((row.compensated_yuan for row in self.rows), ZERO)

    @property
    def total_clawed_back(self) -> Decimal:
        return sum((row.clawed_back_yuan for row in self.rows), ZERO)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def filing(loans: QuerySet[Loan], month: dt.date) -> Filing:
    """The month's rows from the loans the user may see: issued in the month, or with a subsidy, a
    compensation or a recovery dated in it."""
    first, last = month_bounds(month)

    def moved(field: str) -> Q:
        return Q(**{f"{field}__range": (first, last)})

    found = (
        loans.filter(
            moved("issued")
            | moved("subsidies__granted_on")
            | moved("claim__claimed_on")
            | moved("claim__recoveries__recovered_on")
        )
        .annotate(tech_sme=holding(QualificationType.TECH_SME))
        .select_related("borrower", "lender")
        .distinct()
        .order_by("issued", "id")
    )
    rows = []
    for loan in found:
        subsidy = loan.subsidies.filter(moved("granted_on")).aggregate(total=Sum("amount_yuan"))["total"]
        claim = getattr(loan, "claim", None)
        compensated = claim.compensated_yuan if claim and first <= claim.claimed_on <= last else ZERO
        clawed_back = (
            claim.recoveries.filter(moved("recovered_on")).aggregate(total=Sum("clawed_back_yuan"))["total"]
            if claim
            else None
        )
        rows.append(
            FilingRow(
                loan,
                bool(loan.tech_sme),
                first <= loan.issued <= last,
                subsidy or ZERO,
                compensated,
                clawed_back or ZERO,
            )
        )
    return Filing(first, rows)


def headers() -> list[str]:
    return [
        _("借款企业"),
        _("统一社会信用代码"),
        _("科技型中小企业"),
        _("贷款银行"),
        _("贷款品种"),
        _("借款合同编号"),
        _("放款日"),
        _("贷款金额（元）"),
        _("本月新发放"),
        _("本月核定贴息（元）"),
        _("本月风险补偿（元）"),
        _("本月追回（元）"),
    ]


def workbook(month_filing: Filing) -> io.BytesIO:
    """The filing as an xlsx workbook: one row per loan, then the month's totals; text that looks like a
    formula stays text (registry.io.formats.xlsx)."""
    rows = [
        [
            row.loan.borrower.name,
            row.loan.borrower.uscc,
            row.tech_sme,
            row.loan.lender.name,
            row.loan.get_product_display(),
            row.loan.contract_no,
            row.loan.issued,
            row.loan.amount_yuan,
            row.issued_in_month,
            row.subsidy_yuan,
            row.compensated_yuan,
            row.clawed_back_yuan,
        ]
        for row in month_filing.rows
    ]
    rows.append(
        [
            _("合计：向科技型中小企业新发放 %(count)s 笔") % {"count": len(month_filing.issued_to_tech_smes)},
            "",
            "",
            "",
            "",
            "",
            "",
            month_filing.issued_yuan,
            "",
            month_filing.total_subsidy,
            month_filing.total_compensated,
            month_filing.total_clawed_back,
        ]
    )
    out = io.BytesIO()
    xlsx.write(
        out, _("%(month)s 科技金融月度报送") % {"month": f"{month_filing.month:%Y-%m}"}, headers(), rows
    )
    out.seek(0)
    return out
