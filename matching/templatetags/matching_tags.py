from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key] in a template, '' when absent."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def yuan(value: Decimal | None) -> str:
    """Money in yuan with thousands separators (the registry pages' format)."""
    return "—" if value is None else f"{value:,.2f}"


@register.filter
def plain(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 60.00 → 60, 12.50 → 12.5."""
    return format(value.normalize(), "f")
