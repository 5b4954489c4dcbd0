"""One-pass decoding of snapshot lines into the parsed form, for the city-wide batch path.

msgspec decodes and type-checks a whole JSON line in C against structs generated from the same
tables `parse_snapshot` checks against (event fields, choices, annual keys, vocabularies). A line the
structs accept gives exactly the `Snapshot` that `parse_snapshot(decode(line))` gives; any line they
refuse, for whatever reason, goes through `parse_snapshot`, which then decides and words the error
in Chinese. So the fast path changes speed only, never a result or a message.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, Union

import msgspec

from .events import EVENTS
from .snapshot import (
    ANNUAL_KEYS,
    CHOICES,
    ORGANIZATION_KINDS,
    QUALIFICATION_TYPES,
    Event,
    Qualification,
    Snapshot,
    check_entity,
    check_number,
    grant_events,
    parse_date,
    year_of,
)

Unset = msgspec.UnsetType
UNSET = msgspec.UNSET
# Numbers are decoded untyped (ints as int, fractions as Decimal through the decoder's float hook) and
# their type checked here: msgspec's own Decimal type would also take "1.5" written as a string, which
# `parse_snapshot` converts, with other consequences for the event's fields.
_Number = Any


def _field_type(kind: str) -> Any:
    if kind == "number":
        return _Number
    if kind == "bool":
        return bool
    choices = CHOICES.get(kind)
    return Literal[tuple(sorted(choices))] if choices else str


def _event_struct(event_type: str, spec: dict[str, str]) -> type[msgspec.Struct]:
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [("date", str)]
    for name, kind in spec.items():
        optional = kind.startswith("?")
        annotation = _field_type(kind.lstrip("?"))
        if optional:
            fields.append((name, annotation | None | Unset, UNSET))
        else:
            fields.append((name, annotation))
    return msgspec.defstruct(
        f"Wire_{event_type}",
        fields,
        tag=event_type,
        tag_field="type",
        forbid_unknown_fields=True,
        array_like=False,
    )


EVENT_FIELDS = {name: event_type.fields for name, event_type in EVENTS.items()}
_EVENT_STRUCTS = tuple(_event_struct(event_type, spec) for event_type, spec in EVENT_FIELDS.items())
WireEvent = Union[_EVENT_STRUCTS]  # noqa: UP007 - a union built from a tuple has no `|` spelling
_NUMBER_FIELDS = {
    event_type: tuple(name for name, kind in spec.items() if kind.lstrip("?") == "number")
    for event_type, spec in EVENT_FIELDS.items()
}


class WireQualification(msgspec.Struct, forbid_unknown_fields=True):
    type: Literal[QUALIFICATION_TYPES]
    granted: str
    expires: str | None = None


WireAnnual = msgspec.defstruct(
    "WireAnnual", [(key, _Number | None | Unset, UNSET) for key in ANNUAL_KEYS], forbid_unknown_fields=True
)


class WireSnapshot(msgspec.Struct, forbid_unknown_fields=True):
    region: str
    name: str | None = None
    uscc: str | None = None
    kind: Literal[ORGANIZATION_KINDS] = "enterprise"
    above_designated_size: bool = False
    qualifications: list[WireQualification] | None = None
    annual: dict[str, WireAnnual] | None = None
    events: list[WireEvent] | None = None


_DECODER = msgspec.json.Decoder(WireSnapshot, float_hook=Decimal)


def fast_snapshot(line: str | bytes) -> Snapshot | None:
    """The parsed snapshot of one JSON line, or None when the line needs `parse_snapshot` to judge it."""
    try:
        wire = _DECODER.decode(line)
        return _snapshot(wire)
    except (msgspec.ValidationError, msgspec.DecodeError, ValueError):
        return None


def _number(value: Any) -> Any:
    if value is not None and type(value) is not int and type(value) is not Decimal:
        raise ValueError("not a JSON number")
    return check_number(value)


def _snapshot(wire: WireSnapshot) -> Snapshot:
    check_entity(wire.region, wire.uscc)
    qualifications = [
        Qualification(q.type, parse_date(q.granted), None if q.expires is None else parse_date(q.expires))
        for q in wire.qualifications or ()
    ]
    annual: dict[int, dict[str, Any]] = {}
    for year, values in (wire.annual or {}).items():
        row = {}
        for key in values.__struct_fields__:
            value = getattr(values, key)
            if value is not UNSET:
                row[key] = _number(value)
        annual[year_of(year)] = row
    events = []
    for position, raw in enumerate(wire.events or (), 1):
        event_type = raw.__struct_config__.tag
        fields: dict[str, Any] = {"type": event_type, "date": raw.date}
        for name in raw.__struct_fields__[1:]:
            value = getattr(raw, name)
            if value is not UNSET:
                fields[name] = value
        for name in _NUMBER_FIELDS[event_type]:
            value = fields.get(name)
            if value is not None:
                _number(value)
        events.append(Event(event_type, parse_date(raw.date), fields, position))
    if qualifications:
        events += grant_events(qualifications, events)
    return Snapshot(
        wire.name,
        wire.uscc,
        wire.kind,
        wire.region,
        wire.above_designated_size,
        qualifications,
        annual,
        events,
    )
