from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language

from planning.forms import INDICATOR_STATUS_LABELS, TASK_STATUS_LABELS
from registry.vocabulary import Comparator

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


def figure(value: Decimal | int | float | None) -> str:
    """A target or actual as people write it: 3,000, 3.39 (no exponent, no trailing zeros)."""
    if value is None:
        return "—"
    exact = Decimal(str(value)).normalize()
    places = max(0, -exact.as_tuple().exponent)
    return number_format(exact, decimal_pos=places, force_grouping=True)


@register.filter
def target_words(target: object) -> str:
    """A target's comparison in words: 不低于310 (at least 310), never >= 310."""
    comparator = getattr(target, "comparator", "")
    try:
        words = str(Comparator(comparator).label)
    except ValueError:
        words = comparator
    joiner = "" if (get_language() or "zh").startswith("zh") else " "
    return f"{words}{joiner}{figure(getattr(target, 'value', None))}"


@register.filter
def policy_name(policy: object, code: str = "") -> str:
    """A policy as people cite it: its 文号, else its title; its code only when the document is not loaded."""
    if policy is None:
        return code
    return getattr(policy, "doc_number", "") or getattr(policy, "title", "") or code
