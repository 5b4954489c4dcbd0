"""The list of newly approved platforms (认定名单) bureaus receive, for `kechuang import FILE --kind
platform_approval`: one row per platform approved at a level on a date under a document number.

Every row is checked first (row and column named in each error) and the file is written in one
transaction or not at all. A platform is found by its host's USCC, its type and its name, and created when
the registry does not hold it yet; each approval is recorded as the platform page records one
(`services.record_approval`), so the platform's level and stage follow. An approval already recorded
(same platform, level and date) is left as it is, so the same list can be imported twice."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from registry.io import ImportReport, RowError
from registry.io.columns import CellError, Column, FileImporter, Lookups, model_column, organization_column
from registry.io.formats import Source, read_table
from registry.models import Organization, Platform, PlatformEvent
from registry.services import record_approval
from registry.vocabulary import PlatformStage

KIND = "platform_approval"
CHANGE_REASON = "导入认定名单"

COLUMNS: tuple[Column, ...] = (
    model_column(Platform, "name", header="平台名称"),
    model_column(Platform, "platform_type", header="平台类型"),
    organization_column("host_uscc", "依托单位统一社会信用代码", "host", required=True),
    model_column(PlatformEvent, "level", header="认定级别"),
    model_column(PlatformEvent, "date", header="认定日期"),
    model_column(PlatformEvent, "document", header="认定文号"),
)
# Columns the model leaves optional that an approval cannot do without.
REQUIRED = {"name", "platform_type", "host_uscc", "level", "date", "document"}
HEADERS = {column.code: column for column in COLUMNS} | {column.header: column for column in COLUMNS}
# Headers a list may carry beside the ones the import reads (a name to read by, a serial number).
IGNORED = {"序号", "依托单位", "依托单位名称", "host_name"}


def _parse_row(row: dict[str, Any], number: int, lookups: Lookups, errors: list[RowError]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in COLUMNS:
        try:
            value = column.parse(row.get(column.code), lookups)
        except CellError as error:
            errors.append(RowError(number, column.header, str(error)))
            continue
        if column.code in REQUIRED and value in (None, ""):
            errors.append(RowError(number, column.header, _("不能为空")))
            continue
        values[column.attribute] = value  # host_uscc is read as the host's id, "host_id"
    day = values.get("date")
    if isinstance(day, dt.date) and day > timezone.localdate():
        errors.append(RowError(number, HEADERS["date"].header, _("认定日期不能晚于今天")))
    return values


def import_approvals(
    source: Source, user: User | None = None, dry_run: bool = False, file_format: str | None = None
) -> ImportReport:
    """Validate every row of the approval list, then write all of them in one transaction, or none."""
    started = time.perf_counter()
    table = read_table(source, file_format)
    report = ImportReport(kind=KIND, dry_run=dry_run, errors=list(table.errors))
    unknown = [
        header for header in table.headers if header and header not in HEADERS | dict.fromkeys(IGNORED)
    ]
    report.warnings.extend(_("已忽略无法识别的列“%(header)s”。") % {"header": header} for header in unknown)
    missing = [
        HEADERS[code].header
        for code in sorted(REQUIRED)
        if not {code, HEADERS[code].header} & set(table.headers)
    ]
    if missing:
        report.errors.extend(RowError(0, header, _("缺少必填列")) for header in missing)
        return report
    rows = [
        (number, {HEADERS[key].code: value for key, value in row.items() if key in HEADERS})
        for number, row in table.rows
    ]
    report.rows = len(rows)
    usccs = {str(row.get("host_uscc") or "").strip().upper() for _, row in rows}
    lookups = Lookups(
        organizations=dict(Organization.objects.filter(uscc__in=usccs).values_list("uscc", "id"))
    )
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, row in rows:
        values = _parse_row(row, number, lookups, report.errors)
        key = tuple(values.get(name) for name in ("host_id", "platform_type", "name", "level", "date"))
        if None not in key and key in seen:
            report.errors.append(
                RowError(number, HEADERS["name"].header, _("与第%(row)s行是同一次认定") % {"row": seen[key]})
            )
        seen.setdefault(key, number)
        parsed.append((number, values))
    if report.errors:
        return report
    platforms = {
        (platform.host_id, platform.platform_type, platform.name): platform
        for platform in Platform.objects.filter(host_id__in={values["host_id"] for _, values in parsed})
    }
    recorded = set(
        PlatformEvent.objects.filter(
            stage=PlatformStage.APPROVED, platform__in=platforms.values()
        ).values_list("platform_id", "level", "date")
    )
    fresh = [
        values
        for _, values in parsed
        if (getattr(_platform_of(platforms, values), "pk", None), values["level"], values["date"])
        not in recorded
    ]
    report.created, report.unchanged = len(fresh), len(parsed) - len(fresh)
    if not dry_run:
        with transaction.atomic():
            for values in fresh:
                _record(platforms, values, user)
    report.seconds = time.perf_counter() - started
    return report


def _platform_of(platforms: dict[tuple[int, str, str], Platform], values: dict[str, Any]) -> Platform | None:
    return platforms.get((values["host_id"], values["platform_type"], values["name"]))


def _record(
    platforms: dict[tuple[int, str, str], Platform], values: dict[str, Any], user: User | None
) -> None:
    platform = _platform_of(platforms, values)
    if platform is None:
        host = Organization.objects.get(pk=values["host_id"])
        platform = Platform(
            name=values["name"], platform_type=values["platform_type"], host=host, region_id=host.region_id
        )
        platform._change_reason = CHANGE_REASON
        platform._history_user = user
        platform.save()
        platforms[(host.pk, platform.platform_type, platform.name)] = platform
    record_approval(
        platform, values["level"], values["date"], values["document"], by=user, note=CHANGE_REASON
    )


IMPORTER = FileImporter(KIND, "平台认定名单", import_approvals)
