from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("检索与对接")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from matching import signals

        signals.connect()
