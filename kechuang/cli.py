"""The `kechuang` console command: Django management commands with the project's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if is_database_free(args):
        run_database_free(args)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kechuang.settings")
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

    settings.configure(USE_I18N=False)
    from benefits.management.commands.benefits import Command

    Command().run_from_argv(["kechuang", *args])


if __name__ == "__main__":
    main()
