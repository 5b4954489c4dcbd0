"""Spreadsheets that labs and bureaus keep, loaded all or nothing (`kechuang import FILE --kind KIND`):

- `shared_instrument`: the sharing profile of registry instruments (national fields, hours, rates);
- `instrument_usage`: usage records (上机记录), fees computed from the rates;
- `voucher_claim`: voucher claims that arrived on paper, entered by the bureau (invoice to follow).

Every row is checked by the same domain functions the pages and API use; a row that fails is reported
with its row number and column, and if any row fails nothing is written (one transaction, rolled back).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kechuang.access import is_bureau
from registry.io import ImportReport, RowError
from registry.io.formats import Source, read_table
from registry.models import Instrument, Organization
from sharing import booking, usage, vouchers
from sharing.models import Rate, SharedInstrument, Usage, Voucher
from sharing.vocabulary import FundingSource, Origin, RunningStatus, UserKind


class BadCell(ValueError):
    """One cell cannot be read; `column` names it."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Column:
    code: str
    header: str
    required: bool = False


def _text(row: dict[str, Any], column: Column) -> str:
    value = row.get(column.code, row.get(column.header))
    text = "" if value is None else str(value).strip()
    if column.required and not text:
        raise BadCell(column.header, _("此项为必填项"))
    return text


def _decimal(row: dict[str, Any], column: Column) -> Decimal | None:
    text = _text(row, column).replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadCell(column.header, _("请输入数字")) from None
    if value < 0 or value > Decimal("1e14"):
        raise BadCell(column.header, _("金额超出范围"))
    return value


def _moment(row: dict[str, Any], column: Column) -> dt.datetime:
    value = row.get(column.code, row.get(column.header))
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(_text(row, column))
        except ValueError:
            raise BadCell(column.header, _("请填写时间，如 2025-03-01 09:00")) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _choice(row: dict[str, Any], column: Column, choices: Any, default: str = "") -> str:
    text = _text(row, column)
    if not text:
        return default
    by_label = {str(label): value for value, label in choices.choices}
    if text in choices.values:
        return text
    if text in by_label:
        return by_label[text]
    raise BadCell(column.header, _("取值无效，可选：%(choices)s") % {"choices": "、".join(by_label)})


def _instrument(row: dict[str, Any], column: Column) -> SharedInstrument:
    text = _text(row, column)
    found = (
        SharedInstrument.objects.select_related("instrument__owner").filter(pk=int(text)).first()
        if text.isdigit()
        else None
    )
    if found is None:
        raise BadCell(column.header, _("没有编号为 %(id)s 的共享仪器") % {"id": text})
    return found


def _run(
    kind: str,
    columns: list[Column],
    write: Callable[[dict[str, Any], User | None], None],
    source: Source,
    user: User | None,
    dry_run: bool,
    file_format: str | None,
) -> ImportReport:
    started = time.perf_counter()
    report = ImportReport(kind=kind, dry_run=dry_run)
    if user is None or not is_bureau(user):
        report.errors.append(RowError(0, "", _("共享数据只能由科技局用户导入（命令行请用 --user 指定）。")))
        return report
    table = read_table(source, file_format)
    report.errors.extend(table.errors)
    known = {name for column in columns for name in (column.code, column.header)}
    missing = [c.header for c in columns if c.required and not {c.code, c.header} & set(table.headers)]
    if missing:
        report.errors.extend(RowError(0, header, _("缺少必填列")) for header in missing)
        return report
    report.warnings.extend(
        _("已忽略无法识别的列“%(header)s”。") % {"header": h} for h in table.headers if h and h not in known
    )
    with transaction.atomic():
        for number, row in table.rows:
            report.rows += 1
            try:
                with transaction.atomic():
                    write(row, user)
                report.created += 1
            except BadCell as problem:
                report.errors.append(RowError(number, problem.column, str(problem)))
            except (booking.BookingRefused, usage.UsageRefused, vouchers.VoucherRefused) as refusal:
                report.errors.append(RowError(number, "", str(refusal)))
        if report.errors or dry_run:
            transaction.set_rollback(True)
            report.created = 0 if report.errors else report.created
    report.seconds = time.perf_counter() - started
    return report


INSTRUMENT_COLUMNS = [
    Column("instrument_id", "资源库仪器编号", required=True),
    Column("classification_code", "分类编码"),
    Column("origin", "进口/国产"),
    Column("funding_source", "经费来源"),
    Column("running_status", "运行状态"),
    Column("opens_at", "开放时间（起）"),
    Column("closes_at", "开放时间（止）"),
    Column("open_weekdays", "开放日"),
    Column("lead_time_hours", "提前预约（小时）"),
    Column("requires_training", "须经培训"),
    Column("rate_internal", "本单位收费（元/机时）"),
    Column("rate_enterprise", "企业收费（元/机时）"),
    Column("rate_external", "其他外部收费（元/机时）"),
]
RATE_COLUMNS = {
    UserKind.INTERNAL: INSTRUMENT_COLUMNS[10],
    UserKind.ENTERPRISE: INSTRUMENT_COLUMNS[11],
    UserKind.EXTERNAL: INSTRUMENT_COLUMNS[12],
}


def _time(row: dict[str, Any], column: Column, default: dt.time) -> dt.time:
    value = row.get(column.code, row.get(column.header))
    if isinstance(value, dt.time):
        return value
    text = _text(row, column)
    try:
        return dt.time.fromisoformat(text) if text else default
    except ValueError:
        raise BadCell(column.header, _("请填写时刻，如 08:30")) from None


def _write_instrument(row: dict[str, Any], user: User | None) -> None:
    code = _text(row, INSTRUMENT_COLUMNS[0])
    instrument = Instrument.objects.filter(pk=int(code)).first() if code.isdigit() else None
    if instrument is None:
        raise BadCell(INSTRUMENT_COLUMNS[0].header, _("资源库中没有编号为 %(id)s 的仪器") % {"id": code})
    opens, closes = (
        _time(row, INSTRUMENT_COLUMNS[5], dt.time(8, 30)),
        _time(row, INSTRUMENT_COLUMNS[6], dt.time(17, 30)),
    )
    if closes <= opens:
        raise BadCell(INSTRUMENT_COLUMNS[6].header, _("须晚于开放时间（起）"))
    lead = _text(row, INSTRUMENT_COLUMNS[8])
    if lead and not lead.isdigit():
        raise BadCell(INSTRUMENT_COLUMNS[8].header, _("请输入整数"))
    weekdays = _text(row, INSTRUMENT_COLUMNS[7]) or "12345"
    if not set(weekdays) <= set("1234567"):
        raise BadCell(INSTRUMENT_COLUMNS[7].header, _("用 1–7 表示星期几，如 12345"))
    shared, _created = SharedInstrument.objects.update_or_create(
        instrument=instrument,
        defaults={
            "classification_code": _text(row, INSTRUMENT_COLUMNS[1]),
            "origin": _choice(row, INSTRUMENT_COLUMNS[2], Origin, Origin.DOMESTIC),
            "funding_source": _choice(row, INSTRUMENT_COLUMNS[3], FundingSource, FundingSource.LOCAL),
            "running_status": _choice(row, INSTRUMENT_COLUMNS[4], RunningStatus, RunningStatus.NORMAL),
            "opens_at": opens,
            "closes_at": closes,
            "open_weekdays": weekdays,
            "lead_time_hours": int(lead) if lead else 24,
            "requires_training": _text(row, INSTRUMENT_COLUMNS[9]) in ("是", "yes", "true", "1"),
        },
    )
    for kind, column in RATE_COLUMNS.items():
        rate = _decimal(row, column)
        if rate is not None:
            Rate.objects.update_or_create(shared=shared, user_kind=kind, defaults={"yuan_per_hour": rate})


USAGE_COLUMNS = [
    Column("instrument", "共享仪器编号", required=True),
    Column("organization_uscc", "服务对象统一社会信用代码"),
    Column("user_kind", "用户类别", required=True),
    Column("start", "开始", required=True),
    Column("end", "结束", required=True),
    Column("operator", "操作人员", required=True),
    Column("samples", "样品数"),
]


def _write_usage(row: dict[str, Any], user: User | None) -> None:
    shared = _instrument(row, USAGE_COLUMNS[0])
    uscc = _text(row, USAGE_COLUMNS[1]).upper()
    served = Organization.objects.filter(uscc=uscc).first() if uscc else None
    if uscc and served is None:
        raise BadCell(USAGE_COLUMNS[1].header, _("资源库中没有这个统一社会信用代码"))
    samples = _text(row, USAGE_COLUMNS[6]) or "0"
    if not samples.isdigit():
        raise BadCell(USAGE_COLUMNS[6].header, _("请输入整数"))
    start, end = _moment(row, USAGE_COLUMNS[3]), _moment(row, USAGE_COLUMNS[4])
    usage.record(
        user,
        shared,
        start,
        end,
        _text(row, USAGE_COLUMNS[5]),
        int(samples),
        organization=served,
        user_kind=_choice(row, USAGE_COLUMNS[2], UserKind),
    )


CLAIM_COLUMNS = [
    Column("voucher", "创新券编号", required=True),
    Column("usage", "使用记录编号", required=True),
    Column("amount_yuan", "申请兑付（元）", required=True),
]


def _write_claim(row: dict[str, Any], user: User | None) -> None:
    text = _text(row, CLAIM_COLUMNS[0])
    voucher = Voucher.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if voucher is None:
        raise BadCell(CLAIM_COLUMNS[0].header, _("没有编号为 %(id)s 的创新券") % {"id": text})
    text = _text(row, CLAIM_COLUMNS[1])
    served = (
        Usage.objects.select_related("shared__instrument").filter(pk=int(text)).first()
        if text.isdigit()
        else None
    )
    if served is None:
        raise BadCell(CLAIM_COLUMNS[1].header, _("没有编号为 %(id)s 的使用记录") % {"id": text})
    amount = _decimal(row, CLAIM_COLUMNS[2])
    vouchers.claim(user, voucher, served, amount or Decimal(0))


def import_instruments(
    source: Source, user: User | None = None, dry_run: bool = False, file_format: str | None = None
) -> ImportReport:
    return _run(
        "shared_instrument", INSTRUMENT_COLUMNS, _write_instrument, source, user, dry_run, file_format
    )


def import_usages(
    source: Source, user: User | None = None, dry_run: bool = False, file_format: str | None = None
) -> ImportReport:
    return _run("instrument_usage", USAGE_COLUMNS, _write_usage, source, user, dry_run, file_format)


def import_claims(
    source: Source, user: User | None = None, dry_run: bool = False, file_format: str | None = None
) -> ImportReport:
    return _run("voucher_claim", CLAIM_COLUMNS, _write_claim, source, user, dry_run, file_format)
