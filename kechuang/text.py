"""The one text cleaner every door uses: pages' forms and query strings (kechuang.middleware), API bodies
(kechuang.api's parser), imported cells (registry.io.columns.cell_text), the command line, and, behind them
all, every model save (kechuang.apps).

Control characters (NUL and the other C0 codes except tab, line feed and carriage return, DEL) and lone
surrogates are never text a person meant: PostgreSQL refuses NUL, spreadsheets refuse the C0 codes (so an
xlsx export of a stored one would fail), and they hide in names that then fail to match.
"""

from __future__ import annotations

import re
from typing import Any

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """`text` without control characters; everything else, spaces included, as it was."""
    return CONTROL_CHARACTERS.sub("", text) if CONTROL_CHARACTERS.search(text) else text


def clean_value(value: Any) -> Any:
    """Strings cleaned inside any structure parsed from JSON (dict keys included)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    return value


def clean_model_text(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """pre_save receiver: every character and text field of any model, cleaned before it is written."""
    from django.db import models

    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                setattr(instance, field.attname, clean_text(value))
