"""The wheel holds every app the product installs: the offline install imports them all at start-up."""

import tomllib
from pathlib import Path

from django.conf import settings
from setuptools import find_packages

ROOT = Path(__file__).resolve().parent.parent


def test_every_installed_app_of_this_checkout_is_a_package_of_the_wheel() -> None:
    find = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"][
        "find"
    ]
    shipped = set(
        find_packages(str(ROOT), include=find.get("include", ["*"]), exclude=find.get("exclude", ()))
    )
    ours = {app.split(".")[0] for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0]).is_dir()}
    assert ours - {"tests"}, "the product's own apps were not found beside pyproject.toml"
    assert ours - {"tests"} <= shipped, f"apps missing from the wheel: {sorted(ours - {'tests'} - shipped)}"
