"""Number formats of the registry pages: money in yuan with thousands separators, ratios as percent."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


@register.filter
def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"
