"""Typed readers for configuration taken from the environment; they fail loudly on bad values."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_region_codes(name: str, default: list[str]) -> list[str]:
    """A comma-separated list of six-digit GB/T 2260 region codes."""
    codes = env_list(name, default)
    wrong = [code for code in codes if not (len(code) == 6 and code.isascii() and code.isdigit())]
    if wrong:
        raise ImproperlyConfigured(f"{name} must list six-digit region codes (GB/T 2260), got {wrong!r}")
    return codes


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).resolve() if raw else default


def data_dir() -> Path:
    """KECHUANG_DATA_DIR: the SQLite file, uploads, collected static files, metrics samples."""
    return env_path("KECHUANG_DATA_DIR", Path.cwd() / "var")
