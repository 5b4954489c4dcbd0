from django import template

from planning.forms import INDICATOR_STATUS_LABELS, TASK_STATUS_LABELS

register = template.Library()
STATUS_LABELS = {**INDICATOR_STATUS_LABELS, **TASK_STATUS_LABELS}


@register.filter
def status_label(status: str) -> str:
    """The Chinese name of an indicator or task status code (the two sets of codes do not overlap)."""
    return str(STATUS_LABELS.get(status, status))


@register.filter
def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key, key)
