from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "创新资源库"

    def ready(self) -> None:
        # Each kind registers its permission rule when the kinds table is built.
        from registry import kinds  # noqa: F401
