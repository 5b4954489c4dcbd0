"""Money on the calculator pages, in the one format of the product (benefits.calculator.money)."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language

from benefits.calculator.money import format_yuan, format_yuan_english

register = template.Library()


def _yuan(value: Decimal | int) -> str:
    # 万 is a Chinese unit of counting; English readers get the whole number of yuan.
    return format_yuan_english(value) if get_language() == "en" else format_yuan(value)


@register.filter
def money(value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    return f"−{_yuan(-value)}" if value < 0 else _yuan(value)


@register.filter
def signed_money(value: Decimal | int) -> str:
    """A change in money: +25 万元, −10 万元, or 0."""
    return f"+{_yuan(value)}" if value > 0 else money(value)


@register.filter
def share(value: float | None) -> int:
    """A 0–1 progress ratio as a whole percent for a bar's width (capped at 100)."""
    return 0 if value is None else min(100, int(value * 100))
