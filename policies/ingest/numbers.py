"""Numbers, amounts and dates written the Chinese way: 二〇二三年十二月二十日, 1.5亿元, 五十万元, 6月底前."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

import cn2an

CN_DIGITS = "〇零一二三四五六七八九十百千两"
# a Chinese numeral starts with a digit or 十: "百亿元产业集群" is a figure of speech, not an amount
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[〇零一二三四五六七八九十两][{CN_DIGITS}]*(?:点[{CN_DIGITS}]+)?)"
YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
MONTH_DAY = rf"(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})"
DATE_RE = re.compile(rf"({YEAR})\s*年\s*({MONTH_DAY})\s*月\s*({MONTH_DAY})\s*日")
_MULTIPLIERS = {"亿": Decimal(100_000_000), "万": Decimal(10_000), "千": Decimal(1000), "": Decimal(1)}


def to_decimal(number: str) -> Decimal | None:
    """An Arabic or Chinese numeral as a Decimal, or None when it is not a number."""
    number = number.replace(",", "")
    try:
        return Decimal(number)
    except InvalidOperation:
        pass
    try:
        return Decimal(str(cn2an.cn2an(number, "smart")))
    except (ValueError, KeyError, TypeError):
        return None


def to_int(number: str) -> int | None:
    value = to_decimal(number)
    return int(value) if value is not None and value == value.to_integral_value() else None


def yuan(number: str, multiplier: str) -> Decimal | None:
    """An amount in yuan: ("50", "万") → 500000."""
    value = to_decimal(number)
    if value is None:
        return None
    return (value * _MULTIPLIERS[multiplier]).quantize(Decimal(1)) if multiplier else value


def parse_date(match: re.Match[str]) -> dt.date | None:
    year, month, day = (to_int(group) for group in match.groups())
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
