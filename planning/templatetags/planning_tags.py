from django import template
from django.utils.html import format_html

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


@register.simple_tag
def progress_bar(share: float | None, status: str) -> str:
    """A bar filled to `share`. A tag rather than an included template: the dashboard and the ledger draw
    one per row."""
    width = percent(share)
    return format_html(
        '<div class="progress is-{}" role="progressbar" aria-valuemin="0" aria-valuemax="100"'
        ' aria-valuenow="{}" title="{}"><span style="width:{}"></span></div>',
        status,
        width.replace("%", ""),
        width,
        width,
    )


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key, key)
