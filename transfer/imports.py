"""Loading the registration office's yearly data (contract 10 in docs/interfaces.md): registered technology
contracts
from xlsx, csv or jsonl, all or nothing.

Each row is one registered contract keyed by its 登记号; re-importing a known number updates it. A party
whose USCC the registry knows is linked to it (name, kind and region then come from the registry unless
the row states them); any other party needs its name, and the seller its region too, since statistics
count a contract where its seller is.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from registry.io import ImportReport, RowError
from registry.io.formats import Source, read_table
from registry.models import Organization, Region
from registry.validators import validate_uscc
from registry.vocabulary import OrganizationKind
from transfer.models import Contract, RegistrationOffice, Step
from transfer.vocabulary import ContractStatus, ContractType, StepKind

KIND = "contract"
CHANGE_REASON = "导入登记数据"
AMOUNT_CEILING = Decimal("1e14")


@dataclass(frozen=True)
class Column:
    code: str
    header: str
    required: bool = False


COLUMNS = (
    Column("registration_no", "登记号", required=True),
    Column("contract_type", "合同类型", required=True),
    Column("title", "项目名称"),
    Column("field", "技术领域"),
    Column("seller_uscc", "卖方统一社会信用代码", required=True),
    Column("seller_name", "卖方名称"),
    Column("seller_kind", "卖方类型"),
    Column("seller_region", "卖方所在地区"),
    Column("buyer_uscc", "买方统一社会信用代码"),
    Column("buyer_name", "买方名称"),
    Column("buyer_kind", "买方类型"),
    Column("buyer_region", "买方所在地区"),
    Column("signed", "签订日期", required=True),
    Column("registered", "登记日期", required=True),
    Column("valid_from", "有效期自"),
    Column("valid_until", "有效期至"),
    Column("amount_yuan", "成交额", required=True),
    Column("technical_amount_yuan", "技术交易额", required=True),
    Column("office", "登记机构"),
)
HEADERS = {column.code: column for column in COLUMNS} | {column.header: column for column in COLUMNS}


class CellError(Exception):
    pass


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip()


def _date(raw: Any) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = _text(raw)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        raise CellError(_("“%(value)s”不是有效日期，请写作 2024-05-10") % {"value": text}) from None


def _money(raw: Any) -> Decimal | None:
    text = _text(raw).replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(value)s”不是数字") % {"value": text}) from None
    if not number.is_finite() or number < 0 or number >= AMOUNT_CEILING:
        raise CellError(_("应为不小于0的金额（元）"))
    if number != number.quantize(Decimal("0.01")):
        raise CellError(_("最多保留2位小数"))
    return number.quantize(Decimal("0.01"))


def _choice(raw: Any, choices: type, default: str | None = None) -> str | None:
    text = _text(raw)
    if not text:
        return default
    known = {code: code for code in choices.values} | {str(label): code for code, label in choices.choices}
    # Chinese files often write the short name: 开发 for 技术开发.
    known |= {str(label).removeprefix("技术"): code for code, label in choices.choices}
    if text.lower() in known:
        return known[text.lower()]
    if text in known:
        return known[text]
    options = "、".join(str(label) for label in choices.labels)
    raise CellError(_("“%(value)s”不是可选的值，可选：%(options)s") % {"value": text, "options": options})


def _uscc(raw: Any) -> str:
    if isinstance(raw, float):
        raise CellError(_("统一社会信用代码被表格存成了数字，末几位已丢失；请把该列设为文本后重新填写"))
    text = _text(raw).upper().replace(" ", "")
    if not text:
        return ""
    try:
        validate_uscc(text)
    except ValidationError as error:
        raise CellError(error.messages[0]) from error
    return text


@dataclass
class _Lookups:
    organizations: dict[str, Organization]
    regions: set[str]
    offices: dict[str, RegistrationOffice]


def _party(
    row: dict[str, Any], side: str, lookups: _Lookups, errors: list[RowError], number: int
) -> dict[str, Any]:
    """One party's fields from its cells: the registry's organization when its USCC is known."""

    def cell(name: str) -> Any:
        return row.get(f"{side}_{name}")

    found: dict[str, Any] = {}
    header = HEADERS[f"{side}_uscc"].header
    try:
        uscc = _uscc(cell("uscc"))
    except CellError as error:
        errors.append(RowError(number, header, str(error)))
        return found
    organization = lookups.organizations.get(uscc) if uscc else None
    name = _text(cell("name"))
    try:
        kind = _choice(cell("kind"), OrganizationKind)
    except CellError as error:
        errors.append(RowError(number, HEADERS[f"{side}_kind"].header, str(error)))
        kind = None
    region = _text(cell("region"))
    if region and region not in lookups.regions:
        errors.append(
            RowError(
                number,
                HEADERS[f"{side}_region"].header,
                _("“%(value)s”不是有效的行政区划代码") % {"value": region},
            )
        )
    if organization is None:
        if not name:
            message = (
                _("统一社会信用代码未在资源库中登记，请填写名称")
                if uscc
                else _("请填写统一社会信用代码或名称")
            )
            errors.append(RowError(number, HEADERS[f"{side}_name"].header, message))
        if side == "seller" and not region:
            errors.append(
                RowError(number, HEADERS["seller_region"].header, _("卖方不在资源库中时须填写所在地区"))
            )
    found[side] = organization
    found[f"{side}_uscc"] = uscc
    found[f"{side}_name"] = name or (organization.name if organization else "")
    found[f"{side}_kind"] = kind or (organization.kind if organization else OrganizationKind.OTHER)
    found[f"{side}_region_id"] = region or (organization.region_id if organization else None)
    return found


def _row(row: dict[str, Any], number: int, lookups: _Lookups, errors: list[RowError]) -> dict[str, Any]:
    before = len(errors)
    values: dict[str, Any] = {}
    for column in COLUMNS:
        if column.required and not _text(row.get(column.code)):
            errors.append(RowError(number, column.header, _("不能为空")))
    parsers = {
        "contract_type": lambda raw: _choice(raw, ContractType),
        "signed": _date,
        "registered": _date,
        "valid_from": _date,
        "valid_until": _date,
        "amount_yuan": _money,
        "technical_amount_yuan": _money,
    }
    for code, parse in parsers.items():
        try:
            values[code] = parse(row.get(code))
        except CellError as error:
            errors.append(RowError(number, HEADERS[code].header, str(error)))
    values["registration_no"] = _text(row.get("registration_no"))
    if len(values["registration_no"]) > Contract._meta.get_field("registration_no").max_length:
        errors.append(RowError(number, HEADERS["registration_no"].header, _("登记号过长")))
    values["field"] = _text(row.get("field"))[:100]
    for side in ("seller", "buyer"):
        values |= _party(row, side, lookups, errors, number)
    office = _text(row.get("office"))
    if office and office not in lookups.offices:
        errors.append(
            RowError(number, HEADERS["office"].header, _("未知的登记机构“%(value)s”") % {"value": office})
        )
    values["office"] = lookups.offices.get(office)
    if len(errors) == before:
        _check_consistency(values, number, errors)
        values["title"] = _text(row.get("title"))[:200] or _("%(seller)s%(type)s合同") % {
            "seller": values["seller_name"],
            "type": ContractType(values["contract_type"]).label,
        }
    return values


def _check_consistency(values: dict[str, Any], number: int, errors: list[RowError]) -> None:
    if values["technical_amount_yuan"] > values["amount_yuan"]:
        errors.append(
            RowError(number, HEADERS["technical_amount_yuan"].header, _("技术交易额不能大于成交额"))
        )
    if values["registered"] < values["signed"]:
        errors.append(RowError(number, HEADERS["registered"].header, _("登记日期不能早于签订日期")))
    if values["valid_from"] and values["valid_until"] and values["valid_until"] < values["valid_from"]:
        errors.append(RowError(number, HEADERS["valid_until"].header, _("有效期至不能早于有效期自")))
    if values["seller_uscc"] and values["seller_uscc"] == values["buyer_uscc"]:
        errors.append(RowError(number, HEADERS["buyer_uscc"].header, _("买方与卖方不能是同一机构")))


def import_contracts(
    source: Source, user: User | None = None, dry_run: bool = False, file_format: str | None = None
) -> ImportReport:
    """Validate every row of the file, then write all of them in one transaction, or none."""
    started = time.perf_counter()
    table = read_table(source, file_format)
    report = ImportReport(kind=KIND, dry_run=dry_run, errors=list(table.errors))
    unknown = [header for header in table.headers if header and header not in HEADERS]
    report.warnings.extend(_("已忽略无法识别的列“%(header)s”。") % {"header": header} for header in unknown)
    missing = [
        column.header
        for column in COLUMNS
        if column.required and not {column.code, column.header} & set(table.headers)
    ]
    if missing:
        report.errors.extend(RowError(0, header, _("缺少必填列")) for header in missing)
        return report
    rows = [
        (number, {HEADERS[key].code: value for key, value in row.items() if key in HEADERS})
        for number, row in table.rows
    ]
    report.rows = len(rows)
    usccs = {_text(row.get(f"{side}_uscc")).upper() for _, row in rows for side in ("seller", "buyer")}
    lookups = _Lookups(
        organizations={o.uscc: o for o in Organization.objects.filter(uscc__in=usccs - {""})},
        regions=set(Region.objects.values_list("code", flat=True)),
        offices={office.name: office for office in RegistrationOffice.objects.all()},
    )
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for number, row in rows:
        values = _row(row, number, lookups, report.errors)
        key = values["registration_no"]
        if key and key in seen:
            report.errors.append(
                RowError(
                    number,
                    HEADERS["registration_no"].header,
                    _("与第%(row)s行的登记号重复") % {"row": seen[key]},
                )
            )
        seen.setdefault(key, number)
        parsed.append((number, values))
    if report.errors:
        return report
    existing = {c.registration_no: c for c in Contract.objects.filter(registration_no__in=list(seen))}
    report.updated = sum(1 for _, values in parsed if values["registration_no"] in existing)
    report.created = len(parsed) - report.updated
    if not dry_run:
        with transaction.atomic():
            for _number, values in parsed:
                _write(existing.get(values["registration_no"]), values, user)
    report.seconds = time.perf_counter() - started
    return report


def _write(contract: Contract | None, values: dict[str, Any], user: User | None) -> None:
    created = contract is None
    contract = contract or Contract(created_by=user)
    for name, value in values.items():
        setattr(contract, name, value)
    contract.status = ContractStatus.REGISTERED
    contract.submitted_on = contract.submitted_on or values["registered"]
    contract._change_reason = CHANGE_REASON
    contract._history_user = user
    contract.save()
    if created:
        Step.objects.create(contract=contract, kind=StepKind.IMPORTED, on=values["registered"], by=user)
