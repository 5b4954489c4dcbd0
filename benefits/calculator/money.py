"""Money is Decimal yuan inside the calculator; JSON gets numbers, people yuan with thousands separators."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

FEN = Decimal("0.01")


def json_number(value: Decimal | int | None) -> int | float | None:
    """Yuan as a JSON number: an integer when whole, otherwise the shortest float that prints the fen."""
    if value is None or isinstance(value, int):
        return value
    integral = value.to_integral_value()
    return int(integral) if value == integral else float(value)


@lru_cache(maxsize=4096)  # thresholds, caps and fixed amounts recur in almost every explanation
def format_yuan(value: Decimal | int) -> str:
    """1,234,567.89 元 (rounded to the fen); whole amounts without the cents: 5,000,000 元. The one money
    format of every page, report and explanation, in both languages (format_yuan_english)."""
    fen = value * 100 if type(value) is int else int(Decimal(value).quantize(FEN, ROUND_HALF_UP) * 100)
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    yuan, cents = divmod(fen, 100)
    return f"{sign}{yuan:,} 元" if cents == 0 else f"{sign}{yuan:,}.{cents:02d} 元"


@lru_cache(maxsize=4096)
def format_yuan_english(value: Decimal | int) -> str:
    """1,234,567.89 yuan (rounded to the fen); whole amounts without the cents."""
    fen = value * 100 if type(value) is int else int(Decimal(value).quantize(FEN, ROUND_HALF_UP) * 100)
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    yuan, cents = divmod(fen, 100)
    return f"{sign}{yuan:,} yuan" if cents == 0 else f"{sign}{yuan:,}.{cents:02d} yuan"
