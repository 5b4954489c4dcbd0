"""Money is Decimal yuan inside the calculator; JSON gets numbers, people get 万元 where it reads better."""

from __future__ import annotations

from decimal import Decimal

FEN = Decimal("0.01")


def json_number(value: Decimal | int | None) -> int | float | None:
    """Yuan as a JSON number: an integer when whole, otherwise the shortest float that prints the fen."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    integral = value.to_integral_value()
    return int(integral) if value == integral else float(value)


def format_yuan(value: Decimal | int) -> str:
    value = Decimal(value)
    if value >= 10000 and value % 100 == 0:
        return f"{(value / 10000).normalize():f} 万元"
    return f"{value.quantize(FEN):,} 元"
