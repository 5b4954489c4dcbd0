"""Loading banks' loan lists (`kechuang import FILE --kind loan`): xlsx, csv or jsonl, all or nothing.

Each row is one loan keyed by its 借款合同编号; lender and borrower must be in the registry (by USCC), the
lender a financial institution. A new loan is issued with its schedule (finance.loans.issue); a known
number with the same terms is left unchanged, and one with other terms is an error (a loan's terms change
by a new contract, not by a spreadsheet, since repayments and subsidies hang on them).
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from finance import loans
from finance.models import Loan, RiskPool
from finance.vocabulary import LoanProduct, RepaymentMethod
from registry.io import ImportReport, RowError
from registry.io.formats import Source, read_table
from registry.models import Organization
from registry.vocabulary import OrganizationKind

KIND = "loan"
COLUMNS = {
    "contract_no": ("借款合同编号", True),
    "product": ("贷款品种", True),
    "lender_uscc": ("贷款银行统一社会信用代码", True),
    "borrower_uscc": ("借款企业统一社会信用代码", True),
    "amount_yuan": ("贷款金额", True),
    "rate": ("年利率", True),
    "signed": ("合同签订日", True),
    "issued": ("放款日", True),
    "term_months": ("期限（月）", True),
    "method": ("还款方式", False),
    "pool": ("风险补偿资金池", False),
    "first_filing": ("首次纳入风险补偿备案", False),
}
HEADERS = {code: code for code in COLUMNS} | {header: code for code, (header, _required) in COLUMNS.items()}
TERMS = ("product", "lender_id", "borrower_id", "amount_yuan", "rate", "signed", "issued", "term_months")


class CellError(Exception):
    pass


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.date):
        return (raw.date() if isinstance(raw, dt.datetime) else raw).isoformat()
    return str(raw).strip()


def _date(raw: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(raw).replace("/", "-"))
    except ValueError:
        raise CellError(_("“%(value)s”不是有效日期，请写作 2024-05-10") % {"value": _text(raw)}) from None


def _decimal(raw: Any, places: str) -> Decimal:
    text = _text(raw).replace(",", "").rstrip("%")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(value)s”不是数字") % {"value": _text(raw)}) from None
    if not number.is_finite() or number < 0:
        raise CellError(_("应为不小于0的数"))
    if _text(raw).endswith("%"):
        number /= 100
    return number.quantize(Decimal(places))


def _rate(raw: Any) -> Decimal:
    rate = _decimal(raw, "0.000001")
    if rate >= 1:
        raise CellError(_("年利率写作小数或百分数，如 0.0385 或 3.85%"))
    return rate


def _choice(raw: Any, choices: type, default: str | None = None) -> str:
    text = _text(raw)
    if not text and default:
        return default
    known = {code: code for code in choices.values} | {str(label): code for code, label in choices.choices}
    if text in known:
        return known[text]
    options = "、".join(str(label) for label in choices.labels)
    raise CellError(_("“%(value)s”不是可选的值，可选：%(options)s") % {"value": text, "options": options})


def _yes(raw: Any) -> bool:
    return _text(raw).lower() in {"1", "true", "yes", "是", "y"}


def _row(row: dict[str, Any], number: int, organizations: dict, pools: dict, errors: list[RowError]) -> dict:
    values: dict[str, Any] = {"contract_no": _text(row.get("contract_no"))}
    for code, (header, required) in COLUMNS.items():
        if required and not _text(row.get(code)):
            errors.append(RowError(number, header, _("不能为空")))
    parsers = {
        "product": lambda raw: _choice(raw, LoanProduct),
        "method": lambda raw: _choice(raw, RepaymentMethod, RepaymentMethod.BULLET),
        "amount_yuan": lambda raw: _decimal(raw, "0.01"),
        "rate": _rate,
        "signed": _date,
        "issued": _date,
        "term_months": lambda raw: int(_decimal(raw, "1")),
    }
    for code, parse in parsers.items():
        if not _text(row.get(code)) and code != "method":
            continue
        try:
            values[code] = parse(row.get(code))
        except CellError as error:
            errors.append(RowError(number, COLUMNS[code][0], str(error)))
    for side in ("lender", "borrower"):
        uscc = _text(row.get(f"{side}_uscc")).upper()
        found = organizations.get(uscc)
        if uscc and found is None:
            errors.append(RowError(number, COLUMNS[f"{side}_uscc"][0], _("未在资源库中登记")))
        elif side == "lender" and found is not None and found.kind != OrganizationKind.FINANCIAL_INSTITUTION:
            errors.append(RowError(number, COLUMNS["lender_uscc"][0], _("贷款银行须为金融机构")))
        values[side] = found
    pool = _text(row.get("pool"))
    if pool and pool not in pools:
        errors.append(RowError(number, COLUMNS["pool"][0], _("未知的资金池“%(value)s”") % {"value": pool}))
    values["pool"] = pools.get(pool)
    values["first_filing"] = _yes(row.get("first_filing"))
    if values.get("signed") and values.get("issued") and values["issued"] < values["signed"]:
        errors.append(RowError(number, COLUMNS["issued"][0], _("放款日不能早于合同签订日")))
    return values


def import_loans(
    source: Source, user: User | None = None, dry_run: bool = False, file_format: str | None = None
) -> ImportReport:
    """Validate every row of the file, then issue all the new loans in one transaction, or none."""
    started = time.perf_counter()
    table = read_table(source, file_format)
    report = ImportReport(kind=KIND, dry_run=dry_run, errors=list(table.errors))
    missing = [
        h for code, (h, required) in COLUMNS.items() if required and not {code, h} & set(table.headers)
    ]
    if missing:
        report.errors.extend(RowError(0, header, _("缺少必填列")) for header in missing)
        return report
    rows = [(n, {HEADERS[k]: v for k, v in row.items() if k in HEADERS}) for n, row in table.rows]
    report.rows = len(rows)
    usccs = {_text(row.get(f"{side}_uscc")).upper() for _n, row in rows for side in ("lender", "borrower")}
    organizations = {o.uscc: o for o in Organization.objects.filter(uscc__in=usccs - {""})}
    pools = {pool.name: pool for pool in RiskPool.objects.all()}
    parsed, seen = [], {}
    for number, row in rows:
        values = _row(row, number, organizations, pools, report.errors)
        if values["contract_no"] in seen:
            report.errors.append(
                RowError(
                    number,
                    COLUMNS["contract_no"][0],
                    _("与第%(row)s行重复") % {"row": seen[values["contract_no"]]},
                )
            )
        seen.setdefault(values["contract_no"], number)
        parsed.append((number, values))
    if report.errors:
        return report
    existing = {loan.contract_no: loan for loan in Loan.objects.filter(contract_no__in=list(seen))}
    new = []
    for number, values in parsed:
        known = existing.get(values["contract_no"])
        if known is None:
            new.append(values)
            continue
        given = {**values, "lender_id": values["lender"].pk, "borrower_id": values["borrower"].pk}
        if any(getattr(known, name) != given[name] for name in TERMS):
            report.errors.append(
                RowError(
                    number, COLUMNS["contract_no"][0], _("该编号的贷款已登记，条款不同；条款变更请另行办理")
                )
            )
        report.unchanged += 1
    if report.errors:
        return report
    report.created = len(new)
    if not dry_run:
        try:
            with transaction.atomic():
                for values in new:
                    loans.issue(Loan(created_by=user, **values), user)
        except loans.FinanceError as error:
            report.errors.append(RowError(0, COLUMNS["contract_no"][0], str(error)))
            report.created = 0
    report.seconds = time.perf_counter() - started
    return report
