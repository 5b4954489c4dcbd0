from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = "目标与任务台账"

    def ready(self) -> None:
        from planning import signals

        signals.connect()
