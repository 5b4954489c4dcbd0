"""The columns of an import or export file: one table per registry kind, each column with its English
code, its Chinese header, how a cell is read and checked, and where the value lands on the model.

Most columns are derived from the model field (its verbose name, choices, length, type), so a column
entry is usually just the field name. Relations go by natural key: an organization by its USCC, a
region by its adcode. Each registry kind declares its layout in its module (registry/kinds/<kind>.py);
an organization's qualifications and yearly figures have layouts of their own here: bureaus receive
both as spreadsheets (the list of newly certified 高新技术企业, the statistics office's figures). Another
app makes a kind of its own importable with a module `importable.py` holding `LAYOUTS` (kechuang.plugins).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from kechuang.plugins import importable_layouts, plugin_importers
from kechuang.text import clean_text
from registry import models as registry
from registry.uscc import has_valid_check_digit
from registry.validators import validate_uscc


class CellError(Exception):
    """A cell that cannot be read; the message is shown to the person who uploaded the file."""


@dataclass
class Lookups:
    """What the parsers resolve natural keys against, each loaded with one query per import."""

    regions: set[str] = field(default_factory=set)
    region_names: dict[str, str] = field(default_factory=dict)  # 淄博市张店区 or an unambiguous 张店区 → code
    organizations: dict[str, int] = field(default_factory=dict)  # USCC → id
    departments: set[int] = field(default_factory=set)  # ids of government departments


Parser = Callable[[Any, Lookups], Any]
Renderer = Callable[[models.Model], Any]

TRUE_WORDS = {"是", "true", "1", "yes", "y", "√", "✓"}
FALSE_WORDS = {"否", "false", "0", "no", "n", "×"}
# The largest values the integer columns hold on every supported database.
INTEGER_MAX = 2_147_483_647
SMALL_INTEGER_MAX = 32_767
# 2024-05-10, 2024/5/10, 2024.5.10, 2024年5月10日 and 20240510, as people type dates in spreadsheets.
DATE_PATTERN = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$")
LIST_SEPARATORS = re.compile(r"[;；,，、\s]+")
_url = URLValidator()
_email = EmailValidator()


def cell_text(raw: Any) -> str:
    """A cell as text: spreadsheets hand over numbers, dates and booleans as Python values."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return clean_text(raw).strip()
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip()


@dataclass(frozen=True)
class Column:
    code: str
    header: str
    # The model attribute written on import ("" for columns that only help a reader of an export).
    attribute: str
    parse: Parser
    render: Renderer
    required: bool = False
    # Personal contact data: exported only to government staff.
    private: bool = False
    # Written after the row is saved (many-to-many relations).
    many: bool = False
    # How to fill the cell, for the column reference on the import page; lazy, so that the page reads
    # in its visitor's language while headers and choice labels stay as files write them.
    hint: str | Promise = ""
    # Other headers people write for the column (the form's label: 所在地区 for the region).
    aliases: tuple[str, ...] = ()

    @property
    def imported(self) -> bool:
        return bool(self.attribute)


def _text(max_length: int | None, required: bool, check: Callable[[str], None] | None = None) -> Parser:
    def parse(raw: Any, lookups: Lookups) -> str:
        value = cell_text(raw)
        if not value:
            if required:
                raise CellError(gettext("不能为空"))
            return ""
        if max_length and len(value) > max_length:
            raise CellError(
                gettext("不能超过%(limit)s个字（当前%(length)s个）")
                % {"limit": max_length, "length": len(value)}
            )
        if check:
            try:
                check(value)
            except ValidationError as error:
                raise CellError(error.messages[0]) from error
        return value

    return parse


def file_text(text: Any) -> str:
    """A field's label as files write it: in the site language, whatever language the page shows."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _choice(choices: Iterable[tuple[str, Any]], required: bool, default: str) -> Parser:
    choices = list(choices)
    known = {code: code for code, _ in choices} | {file_text(label): code for code, label in choices}
    known |= {code.lower(): code for code, _ in choices}
    options = "、".join(file_text(label) for _, label in choices)

    def parse(raw: Any, lookups: Lookups) -> str:
        value = cell_text(raw)
        if not value:
            if required:
                raise CellError(gettext("不能为空，可选：%(options)s") % {"options": options})
            return default
        try:
            return known[value] if value in known else known[value.lower()]
        except KeyError:
            raise CellError(
                gettext("“%(value)s”不是可选的值，可选：%(options)s") % {"value": value, "options": options}
            ) from None

    return parse


def _date(required: bool) -> Parser:
    def parse(raw: Any, lookups: Lookups) -> dt.date | None:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        value = cell_text(raw)
        if not value:
            if required:
                raise CellError(gettext("不能为空"))
            return None
        match = DATE_PATTERN.match(value)
        try:
            parts = [int(part) for part in match.groups() if part] if match else []
            return dt.date(*parts) if match else dt.date.fromisoformat(value)
        except ValueError:
            message = gettext("“%(value)s”不是有效日期，请写作 2024-05-10") % {"value": value}
            raise CellError(message) from None

    return parse


def _decimal(required: bool, max_digits: int, places: int) -> Parser:
    step = Decimal(1).scaleb(-places)
    ceiling = Decimal(10) ** (max_digits - places)

    def parse(raw: Any, lookups: Lookups) -> Decimal | None:
        # A float from a spreadsheet goes through its shortest repr, never through binary digits.
        value = cell_text(raw).replace(",", "").replace("，", "")
        if not value:
            if required:
                raise CellError(gettext("不能为空"))
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise CellError(gettext("“%(value)s”不是数字") % {"value": value}) from None
        if not number.is_finite() or number < 0:
            raise CellError(gettext("应为不小于0的金额（元）"))
        if number >= ceiling:
            raise CellError(gettext("数额过大（整数部分最多%(digits)s位）") % {"digits": max_digits - places})
        if number != number.quantize(step):
            raise CellError(gettext("最多保留%(places)s位小数") % {"places": places})
        return number.quantize(step)

    return parse


def _count(required: bool, maximum: int, minimum: int = 0) -> Parser:
    def parse(raw: Any, lookups: Lookups) -> int | None:
        value = cell_text(raw)
        if not value:
            if required:
                raise CellError(gettext("不能为空"))
            return None
        if not value.isdigit():
            raise CellError(gettext("“%(value)s”不是非负整数") % {"value": value})
        number = int(value)
        if not minimum <= number <= maximum:
            raise CellError(
                gettext("应在%(minimum)s到%(maximum)s之间") % {"minimum": minimum, "maximum": maximum}
            )
        return number

    return parse


def _boolean(default: bool) -> Parser:
    def parse(raw: Any, lookups: Lookups) -> bool:
        value = cell_text(raw).lower()
        if not value:
            return default
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        raise CellError(gettext("“%(value)s”应填写“是”或“否”") % {"value": value})

    return parse


def _uscc(raw: Any, lookups: Lookups) -> str:
    if isinstance(raw, float):
        raise CellError(gettext("统一社会信用代码被表格存成了数字，末几位已丢失；请把该列设为文本后重新填写"))
    value = cell_text(raw).upper().replace(" ", "").replace("-", "")
    if not value:
        raise CellError(gettext("不能为空"))
    if has_valid_check_digit(value):
        return value
    try:
        validate_uscc(value)
    except ValidationError as error:
        raise CellError(error.messages[0]) from error
    return value


def _region(raw: Any, lookups: Lookups) -> str:
    value = cell_text(raw)
    if not value:
        raise CellError(gettext("不能为空，请填写地区名称或6位行政区划代码"))
    if value in lookups.regions:
        return value
    code = lookups.region_names.get(value)
    if code is None:
        raise CellError(gettext("“%(value)s”不是已知的地区名称或行政区划代码") % {"value": value})
    return code


def _organization(required: bool, department: bool) -> Parser:
    def parse(raw: Any, lookups: Lookups) -> int | None:
        value = cell_text(raw).upper()
        if not value:
            if required:
                raise CellError(gettext("不能为空，请填写该单位的统一社会信用代码"))
            return None
        try:
            found = lookups.organizations[value]
        except KeyError:
            message = gettext("找不到统一社会信用代码为%(uscc)s的机构，请先导入该机构") % {"uscc": value}
            raise CellError(message) from None
        if department and found not in lookups.departments:
            raise CellError(gettext("统一社会信用代码为%(uscc)s的机构不是政府部门") % {"uscc": value})
        return found

    return parse


def _organizations(raw: Any, lookups: Lookups) -> frozenset[int]:
    codes = raw if isinstance(raw, list) else LIST_SEPARATORS.split(cell_text(raw))
    ids, missing = set(), []
    for code in (cell_text(code).upper() for code in codes):
        if not code:
            continue
        if code in lookups.organizations:
            ids.add(lookups.organizations[code])
        else:
            missing.append(code)
    if missing:
        usccs = "、".join(missing)
        message = gettext("找不到统一社会信用代码为%(usccs)s的机构，请先导入这些机构") % {"usccs": usccs}
        raise CellError(message)
    return frozenset(ids)


def _attribute(name: str) -> Renderer:
    return lambda record: getattr(record, name)


def _related(path: str) -> Renderer:
    first, second = path.split(".")

    def render(record: models.Model) -> Any:
        related = getattr(record, first)
        return getattr(related, second) if related is not None else ""

    return render


def model_column(model: type[models.Model], name: str, *, header: str = "", private: bool = False) -> Column:
    """A column that carries one model field, checked the way the field would check it."""
    model_field = model._meta.get_field(name)
    required = not (model_field.blank or model_field.has_default())
    label = header or file_text(model_field.verbose_name)
    hint: str | Promise = ""
    if model_field.choices:
        default = model_field.get_default() if model_field.has_default() else ""
        parse = _choice(model_field.flatchoices, required, default)
        labels = "、".join(file_text(label) for _, label in model_field.flatchoices)
        hint = format_lazy(gettext_lazy("{labels}（或英文代码）"), labels=labels)
    elif isinstance(model_field, models.BooleanField):
        parse = _boolean(bool(model_field.get_default()))
        hint = gettext_lazy("是 / 否")
    elif isinstance(model_field, models.DateField):
        parse = _date(required)
        hint = gettext_lazy("日期，如 2024-05-10")
    elif isinstance(model_field, models.DecimalField):
        parse = _decimal(required, model_field.max_digits, model_field.decimal_places)
        hint = gettext_lazy("金额（元）")
    elif isinstance(model_field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        small = isinstance(model_field, models.PositiveSmallIntegerField)
        parse = _count(required, SMALL_INTEGER_MAX if small else INTEGER_MAX)
        hint = gettext_lazy("非负整数")
    elif isinstance(model_field, models.URLField):
        parse = _text(model_field.max_length, required, _url)
        hint = gettext_lazy("网址，如 https://example.cn")
    elif isinstance(model_field, models.EmailField):
        parse = _text(model_field.max_length, required, _email)
    else:
        parse = _text(model_field.max_length, required)
        if model_field.max_length:
            hint = format_lazy(gettext_lazy("不超过{limit}个字"), limit=model_field.max_length)
    return Column(name, label, name, parse, _attribute(name), required=required, private=private, hint=hint)


def uscc_column() -> Column:
    return Column(
        "uscc",
        "统一社会信用代码",
        "uscc",
        _uscc,
        _attribute("uscc"),
        required=True,
        hint=gettext_lazy("18位，含校验位"),
    )


def region_column() -> Column:
    return Column(
        "region",
        "地区代码",
        "region_id",
        _region,
        _attribute("region_id"),
        required=True,
        hint=gettext_lazy("地区名称（如 淄博市张店区）或6位行政区划代码"),
        aliases=("所在地区", "地区"),
    )


def organization_column(
    code: str, header: str, relation: str, *, required: bool, department: bool = False
) -> Column:
    """An organization named by its USCC, e.g. a platform's host (`host_uscc`); `department` admits
    government departments only."""
    return Column(
        code,
        header,
        f"{relation}_id",
        _organization(required, department),
        _related(f"{relation}.uscc"),
        required=required,
        hint=gettext_lazy("该单位的统一社会信用代码，须已在系统中"),
    )


def organizations_column(code: str, header: str, relation: str) -> Column:
    """Several organizations by USCC separated by ";", e.g. a platform's partners."""

    def render(record: models.Model) -> str:
        return ";".join(sorted(partner.uscc for partner in getattr(record, relation).all()))

    hint = gettext_lazy("多个统一社会信用代码用分号分隔")
    return Column(code, header, relation, _organizations, render, many=True, hint=hint)


def name_column(code: str, header: str, path: str) -> Column:
    """A name beside a code so that a person can read an export; ignored on import."""
    hint = gettext_lazy("导出时附带，导入时忽略")
    return Column(code, header, "", lambda raw, lookups: None, _related(path), hint=hint)


def organization_columns(relation: str, label: str, *, required: bool) -> tuple[Column, Column]:
    """`<relation>_uscc`, which the import reads, and `<relation>_name` beside it for a person to read."""
    return (
        organization_column(f"{relation}_uscc", f"{label}统一社会信用代码", relation, required=required),
        name_column(f"{relation}_name", f"{label}名称", f"{relation}.name"),
    )


@dataclass(frozen=True)
class KindColumns:
    """The file layout of one registry kind."""

    kind: str
    label: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    # Columns whose values identify a record: a row matching a stored record updates it.
    key: tuple[str, ...]
    # Relations an export reads with every row.
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    # Checks across the cells of one valid row: (column code, message) for each problem.
    row_check: Callable[[dict[str, Any]], list[tuple[str, str]]] | None = None
    # Records that belong to an organization and have no list page of their own are exported for
    # the organizations of the organization list, through this lookup.
    organization_lookup: str = ""
    # Exported to government staff only (yearly figures are never public).
    staff_only: bool = False

    def __post_init__(self) -> None:
        missing = [code for code in self.key if code not in self.by_code]
        if missing:
            raise ValueError(f"{self.kind}: key columns {missing} are not columns")

    @property
    def by_code(self) -> dict[str, Column]:
        return {column.code: column for column in self.columns}

    def header_map(self) -> dict[str, Column]:
        """Every header a file may use for a column: its English code or its Chinese header."""
        mapping: dict[str, Column] = {}
        for column in self.columns:
            mapping[column.code] = column
            mapping[column.header] = column
            for alias in column.aliases:
                mapping.setdefault(alias, column)
        return mapping

    def exported(self, include_private: bool) -> list[Column]:
        return [column for column in self.columns if include_private or not column.private]


def field_columns(model: type[models.Model], names: Iterable[str]) -> list[Column]:
    return [model_column(model, name) for name in names]


# The registry's own importable kinds by code, in the order the import page and `kechuang import
# --kind` list them; `layouts()` adds other apps'.
REGISTRY_LAYOUTS: dict[str, KindColumns] = {}


def register_layout(layout: KindColumns) -> None:
    if REGISTRY_LAYOUTS.get(layout.kind) is layout:
        return  # the registry app was made ready again
    if layout.kind in REGISTRY_LAYOUTS:
        raise RuntimeError(f"an import layout for {layout.kind!r} is registered twice")
    REGISTRY_LAYOUTS[layout.kind] = layout


@dataclass(frozen=True)
class FileImporter:
    """An importable kind with a reader and checks of its own, for `kechuang import --kind` (another
    app's, declared in its `importable.py` as `IMPORTERS`). `run(path, user=…, dry_run=…)` validates
    every row first and writes all of them in one transaction or none, returning an ImportReport."""

    kind: str
    label: str
    run: Callable[..., Any]


def file_importers() -> dict[str, FileImporter]:
    return {importer.kind: importer for _label, importer in plugin_importers()}


def layouts() -> dict[str, KindColumns]:
    """Every importable kind by code: the registry's, then those of every installed app with an
    `importable.py` (kechuang.plugins)."""
    found = dict(REGISTRY_LAYOUTS)
    for label, layout in importable_layouts():
        if layout.kind in found:
            raise RuntimeError(f"{label} defines the import layout {layout.kind!r} again")
        found[layout.kind] = layout
    return found


def year_column() -> Column:
    return Column(
        "year",
        "年度",
        "year",
        _count(True, 2100, 1949),
        _attribute("year"),
        required=True,
        hint=gettext_lazy("四位年份"),
    )


def _expiry_after_grant(values: dict[str, Any]) -> list[tuple[str, str]]:
    granted, expires = values.get("granted"), values.get("expires")
    if granted and expires and expires < granted:
        return [("expires", gettext("有效期至不能早于认定日期"))]
    return []


ORGANIZATION_PARTS = (
    KindColumns(
        "qualification",
        "资质",
        registry.Qualification,
        (
            organization_column("organization_uscc", "统一社会信用代码", "organization", required=True),
            name_column("organization_name", "机构名称", "organization.name"),
            *field_columns(registry.Qualification, ["type", "granted", "expires", "certificate_no"]),
        ),
        key=("organization_uscc", "type", "granted"),
        related=("organization",),
        row_check=_expiry_after_grant,
        organization_lookup="organization",
    ),
    KindColumns(
        "annual_data",
        "年度数据",
        registry.AnnualData,
        (
            organization_column("organization_uscc", "统一社会信用代码", "organization", required=True),
            name_column("organization_name", "机构名称", "organization.name"),
            year_column(),
            *field_columns(
                registry.AnnualData,
                [
                    "revenue",
                    "rd_expense",
                    "high_tech_revenue",
                    "employees",
                    "rd_staff",
                    "invention_patents",
                ],
            ),
        ),
        key=("organization_uscc", "year"),
        related=("organization",),
        organization_lookup="organization",
        staff_only=True,
    ),
)
