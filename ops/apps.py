from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "运行维护"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from kechuang.text import clean_model_text
        from ops import metrics

        metrics.connect_task_signals()
        # The cleaner's last door: whatever path a save comes by (admin, shell, a form or API not yet
        # cleaned), no model stores a control character.
        pre_save.connect(clean_model_text, dispatch_uid="kechuang.clean_model_text")
