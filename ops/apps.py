from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "运行维护"

    def ready(self) -> None:
        from ops import metrics

        metrics.connect_task_signals()
