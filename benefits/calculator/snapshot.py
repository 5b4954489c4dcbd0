"""Entity snapshots (contract 3 in docs/interfaces.md): validation with Chinese messages, and the parsed
form the
engine reads. The engine never touches the database; a snapshot built from registry records by a
separate function takes exactly this shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import msgspec

from registry.adcodes import is_known_region
from registry.uscc import has_valid_check_digit

from .events import CHOICES, EVENTS
from .expressions import number

ANNUAL_KEYS = (
    "revenue",
    "rd_expense",
    "employees",
    "rd_staff",
    "high_tech_revenue",
    "invention_patents",
    # Extension for Zibo 2020 四.(三).3: the value of innovation services a platform's shared
    # instruments delivered in the year (实际服务创新总额).
    "instrument_service_yuan",
    # The hours of those services (对外服务机时), which platform evaluations score (evaluation.sources).
    "instrument_service_hours",
)

_ANNUAL_KEY_SET = frozenset(ANNUAL_KEYS)
_INT_ONLY = frozenset({int})

ENTITY_NAMES = ("kind", "region", "above_designated_size", "year", "date")
# The canonical vocabulary (registry.vocabulary holds the same codes with their labels; a test keeps
# the two equal). Plain tuples, so that the DB-free batch path needs no Django import.
ORGANIZATION_KINDS = (
    "enterprise",
    "university",
    "research_institute",
    "hospital",
    "financial_institution",
    "service_agency",
    "government_department",
    "other",
)
QUALIFICATION_TYPES = (
    "high_tech_enterprise",
    "tech_sme",
    "specialized_sme",
    "little_giant",
    "tech_leading_enterprise",
    "gazelle",
)
SNAPSHOT_KEYS = (
    "name",
    "uscc",
    "kind",
    "region",
    "above_designated_size",
    "qualifications",
    "annual",
    "events",
)
_SNAPSHOT_KEY_SET = frozenset(SNAPSHOT_KEYS)
_QUALIFICATION_KEYS = frozenset({"type", "granted", "expires"})
# The most a snapshot number may be: far beyond any real amount (a trillion yuan), well inside what
# Decimal computes exactly, so that 1e40 is bad input rather than a result.
LARGEST_NUMBER = Decimal("1e15")


class SnapshotError(ValueError):
    """The snapshot cannot be evaluated; the message says where and why, in Chinese."""


class Qualification(msgspec.Struct, forbid_unknown_fields=True):
    """A qualification and its validity. A msgspec struct, so that the batch path decodes a snapshot's
    qualifications straight into this form (benefits/calculator/wire.py)."""

    type: Literal[QUALIFICATION_TYPES]
    granted: dt.date
    expires: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return self.granted <= day and (self.expires is None or self.expires >= day)

    def valid_during(self, first: dt.date, last: dt.date) -> bool:
        return self.granted <= last and (self.expires is None or self.expires >= first)


@dataclass(slots=True)
class Event:
    type: str
    date: dt.date
    fields: dict[str, Any]
    index: int  # position in the snapshot, so items can point back at their fact


@dataclass(slots=True)
class Snapshot:
    name: str | None
    uscc: str | None
    kind: str
    region: str
    above_designated_size: bool
    qualifications: list[Qualification]
    annual: dict[int, dict[str, Any]]
    events: list[Event] = field(default_factory=list)

    @property
    def label(self) -> dict[str, str | None]:
        return {"name": self.name, "uscc": self.uscc}


def parse_snapshot(data: Any) -> Snapshot:
    """Validate a decoded JSON snapshot and return its parsed form, or raise SnapshotError."""
    if not isinstance(data, dict):
        raise SnapshotError("实体快照必须是 JSON 对象")
    if not _SNAPSHOT_KEY_SET.issuperset(data):
        unknown = sorted(str(key) for key in data.keys() - _SNAPSHOT_KEY_SET)[0]
        raise SnapshotError(f"实体快照含未知字段 {unknown!r};可用字段:{'、'.join(SNAPSHOT_KEYS)}")
    get = data.get
    region = get("region")
    if not isinstance(region, str) or len(region) != 6 or not region.isdigit():
        raise SnapshotError(f"region 必须是 6 位行政区划代码,实际为 {region!r}")
    kind = get("kind", "enterprise")
    if not isinstance(kind, str):
        raise SnapshotError("kind 必须是文本")
    if kind not in ORGANIZATION_KINDS:
        raise SnapshotError(f"kind 的值 {kind!r} 无效;可用值:{'、'.join(ORGANIZATION_KINDS)}")
    uscc = get("uscc")
    if uscc is not None and not isinstance(uscc, str):
        raise SnapshotError("uscc 必须是文本")
    name = get("name")
    if name is not None and not isinstance(name, str):
        raise SnapshotError("name 必须是文本")
    check_entity(region, uscc)
    # Checked in this order, so that the first problem reported stays the same.
    qualifications = get("qualifications") or []
    if type(qualifications) is not list:
        qualifications = _list(data, "qualifications")
    parsed = [_qualification(q, i) for i, q in enumerate(qualifications, 1)] if qualifications else []
    annual = _annual(get("annual") or {})
    events = get("events") or []
    if type(events) is not list:
        events = _list(data, "events")
    parsed_events = [_event(e, i) for i, e in enumerate(events, 1)] if events else []
    if parsed:
        parsed_events += grant_events(parsed, parsed_events)
    return Snapshot(
        name,
        uscc,
        kind,
        region,
        bool(get("above_designated_size", False)),
        parsed,
        annual,
        parsed_events,
    )


def grant_events(qualifications: list[Qualification], events: list[Event]) -> list[Event]:
    """Each qualification is also the `qualification_granted` event of the day it was granted, unless the
    snapshot already has that grant (same qualification, same year) as an event: a fact counts once,
    whichever form it arrives in (contract 3). These events number after the snapshot's own."""
    present = {
        (event.fields.get("qualification"), event.date.year)
        for event in events
        if event.type == "qualification_granted"
    }
    grants: list[Event] = []
    for qualification in qualifications:
        key = (qualification.type, qualification.granted.year)
        if key not in present:
            present.add(key)
            fields = {"qualification": qualification.type}
            position = len(events) + len(grants) + 1
            grants.append(Event("qualification_granted", qualification.granted, fields, position))
    return grants


def _list(data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise SnapshotError(f"{key} 必须是列表")
    return value


# ISO dates already read, by their text: the same few hundred days recur across a whole city.
_DATES: dict[str, dt.date] = {}


def parse_date(value: Any, where: str | None = None) -> dt.date:
    if type(value) is str:
        day = _DATES.get(value)
        if day is not None:
            return day
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if len(_DATES) < 100_000:
                _DATES[value] = day
            return day
    elif isinstance(value, dt.date):
        return value
    raise SnapshotError(f"{where or ''}的日期 {value!r} 不是 ISO 格式(YYYY-MM-DD)")


def check_entity(region: str, uscc: str | None) -> None:
    """What a snapshot's identity must be beyond its types: a region of the division table and, when
    given, a USCC with a valid GB 32100 check digit."""
    if not is_known_region(region):
        raise SnapshotError(f"region {region!r} 不是有效的行政区划代码")
    if uscc and not has_valid_check_digit(uscc.upper()):
        raise SnapshotError(f"uscc {uscc!r} 不是有效的统一社会信用代码(18 位,校验位须正确)")


def check_number(value: Any) -> Any:
    """A snapshot amount or count: never negative, never beyond `LARGEST_NUMBER`."""
    if value is not None and not 0 <= value <= LARGEST_NUMBER:
        if value < 0:
            raise SnapshotError(f"数值不能为负数,实际为 {value}")
        raise SnapshotError(f"数值 {value} 超出可计算范围(不超过 {LARGEST_NUMBER:,.0f})")
    return value


def year_of(key: Any) -> int:
    """The year of an `annual` key, which must be a four-digit year."""
    number = _YEARS.get(key) if type(key) is str else None
    if number is None:
        four_digits = len(key) == 4 and key.isdigit() if type(key) is str else type(key) is int
        if not four_digits or not 999 < int(key) < 10000:
            raise SnapshotError(f"annual 的键 {key!r} 不是四位年份")
        number = int(key)
        if type(key) is str and len(_YEARS) < 10_000:
            _YEARS[key] = number
    return number


def _qualification(raw: Any, position: int) -> Qualification:
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise SnapshotError(f"第 {position} 项资质缺少 type")
    if raw["type"] not in QUALIFICATION_TYPES:
        raise SnapshotError(
            f"第 {position} 项资质的类型 {raw['type']!r} 未知;可用类型:{'、'.join(QUALIFICATION_TYPES)}"
        )
    if not _QUALIFICATION_KEYS.issuperset(raw):
        unknown = sorted(str(key) for key in raw.keys() - _QUALIFICATION_KEYS)[0]
        raise SnapshotError(f"第 {position} 项资质含未知字段 {unknown!r}")
    try:
        granted = parse_date(raw.get("granted"))
        expires = raw.get("expires")
        return Qualification(raw["type"], granted, None if expires is None else parse_date(expires))
    except SnapshotError as exc:
        raise SnapshotError(f"第 {position} 项资质{exc}") from None


# Year keys already checked, by their text.
_YEARS: dict[str, int] = {}


def _annual(raw: Any) -> dict[int, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise SnapshotError("annual 必须是以年度为键的对象")
    annual: dict[int, dict[str, Any]] = {}
    for year, values in raw.items():
        number = year_of(year)
        if type(values) is not dict:
            raise SnapshotError(f"annual.{year} 必须是对象")
        if not _ANNUAL_KEY_SET.issuperset(values):
            unknown = sorted(values.keys() - _ANNUAL_KEY_SET)[0]
            known = "、".join(ANNUAL_KEYS)
            raise SnapshotError(f"annual.{year} 含未知指标 {unknown!r};可用指标:{known}")
        if _INT_ONLY >= set(map(type, values.values())):
            for key, value in values.items():
                _checked(value, f"annual.{year}.{key}")
            annual[number] = values  # whole yuan, counts and people: nothing to convert
        else:
            annual[number] = {
                key: _checked(_number_field(value, f"annual.{year}.{key}"), f"annual.{year}.{key}")
                for key, value in values.items()
            }
    return annual


def _checked(value: Any, where: str) -> Any:
    try:
        return check_number(value)
    except SnapshotError as exc:
        raise SnapshotError(f"{where}:{exc}") from None


def _number_field(value: Any, where: str) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        raise SnapshotError(f"{where}必须是数字")
    try:
        parsed = number(value)
    except (InvalidOperation, ValueError, TypeError):
        raise SnapshotError(f"{where}必须是数字,实际为 {value!r}") from None
    if isinstance(parsed, Decimal) and not parsed.is_finite():
        raise SnapshotError(f"{where}必须是有限的数字,实际为 {value!r}")
    return parsed


# (name, kind, optional, allowed values) per event type, unpacked once for the per-event loop.
_EVENT_SPECS = {
    name_: tuple(
        (name, kind.lstrip("?"), kind.startswith("?"), CHOICES.get(kind.lstrip("?")))
        for name, kind in event_type.fields.items()
    )
    for name_, event_type in EVENTS.items()
}
_EVENT_KEYS = {name: frozenset({"type", "date", *event_type.fields}) for name, event_type in EVENTS.items()}


def _event(raw: Any, position: int) -> Event:
    if not isinstance(raw, dict):
        raise SnapshotError(f"第 {position} 个事件必须是对象")
    event_type = raw.get("type")
    spec = _EVENT_SPECS.get(event_type)
    if spec is None:
        known = "、".join(EVENTS)
        raise SnapshotError(f"第 {position} 个事件的类型 {event_type!r} 未知;可用类型:{known}")
    if not _EVENT_KEYS[event_type].issuperset(raw):
        unknown = sorted(str(key) for key in raw.keys() - _EVENT_KEYS[event_type])[0]
        allowed = "、".join(sorted(_EVENT_KEYS[event_type] - {"type", "date"}))
        raise SnapshotError(f"第 {position} 个事件({event_type})含未知字段 {unknown!r};可用字段:{allowed}")
    fields: dict[str, Any] = {}
    converted = False
    for name, kind, optional, choices in spec:
        value = raw.get(name)
        if value is None:
            if not optional:
                raise SnapshotError(f"第 {position} 个事件({event_type})缺少字段 {name}")
        elif kind == "number":
            if type(value) is not int and not (type(value) is Decimal and value.is_finite()):
                value = _number_field(value, f"第 {position} 个事件.{name}")
                converted = True
            _checked(value, f"第 {position} 个事件.{name}")
        elif kind == "bool":
            if type(value) is not bool:
                value, converted = bool(value), True
        elif type(value) is not str:
            raise SnapshotError(f"第 {position} 个事件.{name} 必须是文本")
        elif choices is not None and value not in choices:
            allowed = "、".join(sorted(choices))
            raise SnapshotError(f"第 {position} 个事件.{name} 的值 {value!r} 无效;可用值:{allowed}")
        fields[name] = value
    text = raw.get("date")
    day = _DATES.get(text) if type(text) is str else None  # parse_date's cache, without the call
    if day is None:
        try:
            day = parse_date(text)
        except SnapshotError as exc:
            raise SnapshotError(f"第 {position} 个事件{exc}") from None
    # The decoded object itself serves as the fields when nothing needed converting (it holds no key
    # outside the event's fields, so none can shadow the yearly data in a rule).
    if not converted:
        fields = raw
    return Event(event_type, day, fields, position)
