"""One-pass decoding of snapshot lines into the parsed form, for the city-wide batch path.

msgspec decodes and type-checks a whole JSON line in C against structs generated from the same
tables `parse_snapshot` checks against (event fields, choices, annual keys, vocabularies). A line the
structs accept gives exactly the `Snapshot` that `parse_snapshot(decode(line))` gives; any line they
refuse, for whatever reason, goes through `parse_snapshot`, which then decides and words the error
in Chinese. So the fast path changes speed only, never a result or a message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

import msgspec

from .events import EVENTS
from .snapshot import (
    ANNUAL_KEYS,
    CHOICES,
    LARGEST_NUMBER,
    ORGANIZATION_KINDS,
    Event,
    Qualification,
    Snapshot,
    check_entity,
    check_number,
    grant_events,
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
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [("date", dt.date)]
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


# A year's figures stay a dict: checking its keys against the table in one set operation is cheaper
# than a struct's fields read back one by one. Its values are checked in C as whole numbers in range
# (yuan, counts, people); a fraction, a string or a figure out of range sends the line to
# `parse_snapshot`, which converts the one and words the refusal of the others.
_ANNUAL_KEYS = frozenset(ANNUAL_KEYS)
_WholeFigure = Annotated[int, msgspec.Meta(ge=0, le=int(LARGEST_NUMBER))]


class WireSnapshot(msgspec.Struct, forbid_unknown_fields=True):
    region: str
    name: str | None = None
    uscc: str | None = None
    kind: Literal[ORGANIZATION_KINDS] = "enterprise"
    above_designated_size: bool = False
    qualifications: list[Qualification] | None = None
    annual: dict[str, dict[str, _WholeFigure | None]] | None = None
    events: list[WireEvent] | None = None


_DECODER = msgspec.json.Decoder(WireSnapshot, float_hook=Decimal)


def fast_snapshot(line: str | bytes) -> Snapshot | None:
    """The parsed snapshot of one JSON line, or None when the line needs `parse_snapshot` to judge it."""
    try:
        wire = _DECODER.decode(line)
        return _snapshot(wire)
    except (msgspec.ValidationError, msgspec.DecodeError, ValueError):
        return None


# An int bound: comparing an int with Decimal("1e15") costs ten times comparing two ints.
_LARGEST = int(LARGEST_NUMBER)


def _number(value: Any) -> Any:
    kind = type(value)
    if kind is int or kind is Decimal:
        if 0 <= value <= _LARGEST:
            return value
        return check_number(value)  # words the refusal
    if value is None:
        return None
    raise ValueError("not a JSON number")


def _snapshot(wire: WireSnapshot) -> Snapshot:
    check_entity(wire.region, wire.uscc)
    qualifications = wire.qualifications or []
    annual: dict[int, dict[str, Any]] = {}
    for year, values in (wire.annual or {}).items():
        if not _ANNUAL_KEYS.issuperset(values):
            raise ValueError("an unknown yearly key")
        annual[year_of(year)] = values
    events = []
    for position, raw in enumerate(wire.events or (), 1):
        # to_builtins leaves out unset fields, keeps the tag as "type" and gives the date back as the ISO
        # text it was (msgspec decodes only canonical YYYY-MM-DD); Decimals pass through.
        fields: dict[str, Any] = msgspec.to_builtins(raw, builtin_types=_KEPT)
        for name in _NUMBER_FIELDS[fields["type"]]:
            _number(fields.get(name))
        events.append(Event(fields["type"], raw.date, fields, position))
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


_KEPT = (Decimal,)
