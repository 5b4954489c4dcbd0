"""The `kechuang` console command: Django management commands with the project's settings."""

import os
import sys

# Long-running processes whose Prometheus samples /metrics must gather from every process of the machine.
MULTIPROCESS_COMMANDS = {"serve", "worker"}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if is_database_free(args):
        run_database_free(args)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kechuang.settings")
    if args[:1] and args[0] in MULTIPROCESS_COMMANDS:
        # Read by prometheus_client when it is first imported, so it is set before Django starts.
        from kechuang.env import data_dir

        samples = data_dir() / "metrics"
        samples.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(samples))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kechuang", *args])


def is_database_free(args: list[str]) -> bool:
    """`kechuang benefits` on snapshot files (contract 3) reads no database and no app registry;
    only its `--organization` form reads the registry."""
    return args[:1] == ["benefits"] and not any(arg.startswith("--organization") for arg in args[1:])


def run_database_free(args: list[str]) -> None:
    """Run the command on bare settings: the project's settings and app set-up cost more than half a
    second, as long as a whole city's batch takes. Management commands speak the source language
    (Chinese) whatever the settings, so translation stays off here too."""
    from django.conf import settings

    # The project's language too, so explanations read as with the project's settings ("5 万元", not
    # "50,000 yuan"): --entity and --organization print the same bytes.
    settings.configure(USE_I18N=False, LANGUAGE_CODE="zh-hans")
    from benefits.management.commands.benefits import Command

    Command().run_from_argv(["kechuang", *args])


if __name__ == "__main__":
    main()
