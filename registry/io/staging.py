"""Cells and parsed values kept in the database between the steps of a chunked import (registry.tasks):
JSON with a tag for what JSON has no type for (Decimal, dates and times, sets of ids). No pickle: what
a worker reads back from the database must never be able to run code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

TAG = "$"


def encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {TAG: "decimal", "v": str(value)}
    if isinstance(value, dt.datetime):
        return {TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, dt.time):
        return {TAG: "time", "v": value.isoformat()}
    if isinstance(value, frozenset | set):
        return {TAG: "set", "v": sorted(value)}
    if isinstance(value, list | tuple):
        return {TAG: "list", "v": [encode(item) for item in value]}
    if isinstance(value, dict):
        return {TAG: "dict", "v": {str(key): encode(item) for key, item in value.items()}}
    raise TypeError(f"cannot stage a {type(value).__name__}")


DECODERS = {
    "decimal": Decimal,
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "set": frozenset,
    "list": lambda items: [decode(item) for item in items],
    "dict": lambda items: {key: decode(item) for key, item in items.items()},
}


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        return DECODERS[value[TAG]](value["v"])
    return value
