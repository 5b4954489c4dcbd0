from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "创新资源库"

    def ready(self) -> None:
        from registry import kinds

        kinds.load()
