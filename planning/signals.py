"""Computed indicators count registry records; when those change, dashboards must count again."""

from typing import Any

from django.db.models.signals import post_delete, post_save

from planning.indicators import forget_cached_series

COUNTED_MODELS = ("Organization", "Qualification", "Platform", "PlatformEvent")


def _registry_changed(**kwargs: Any) -> None:
    forget_cached_series()


def connect() -> None:
    from django.apps import apps

    for name in COUNTED_MODELS:
        model = apps.get_model("registry", name)
        post_save.connect(_registry_changed, sender=model, dispatch_uid=f"planning-counted-{name}")
        post_delete.connect(_registry_changed, sender=model, dispatch_uid=f"planning-counted-{name}-deleted")
