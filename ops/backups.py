"""`kechuang backup` / `kechuang restore`: the database and the uploaded files in one .tar.gz archive.

SQLite is copied with its online backup API (a consistent copy while the site keeps running);
PostgreSQL with `pg_dump --format=custom` and brought back with `pg_restore`. The archive holds
`manifest.json`, the database (`database.sqlite3` or `database.pgdump`) and `media/`."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

FORMAT = 1
SQLITE_FILE, POSTGRES_FILE = "database.sqlite3", "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Chinese."""


def _database() -> dict[str, Any]:
    return settings.DATABASES["default"]


def _engine() -> str:
    engine = _database()["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"不支持备份此数据库：{engine}")


def _libpq_environment() -> dict[str, str]:
    """The connection for pg_dump/pg_restore through libpq's variables: no password on a command line."""
    database = _database()
    values = {
        "PGDATABASE": database["NAME"],
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"找不到 {command[0]}：请安装 PostgreSQL 客户端（与服务器同一主版本）")
    done = subprocess.run(command, env=_libpq_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{done.stderr.strip()[-2000:]}")


def backup(archive: Path) -> dict[str, Any]:
    """Write the archive; returns its manifest."""
    engine = _engine()
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="kechuang-backup-") as folder:
        work = Path(folder)
        if engine == "sqlite":
            source = sqlite3.connect(_database()["NAME"])
            target = sqlite3.connect(work / SQLITE_FILE)
            with target:
                source.backup(target)
            source.close()
            target.close()
            database_file = SQLITE_FILE
        else:
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(work / POSTGRES_FILE),
                ]
            )
            database_file = POSTGRES_FILE
        files = [path for path in media.rglob("*") if path.is_file()] if media.is_dir() else []
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "database": database_file,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "media_files": len(files),
        }
        (work / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(work / database_file, database_file)
            for path in files:
                tar.add(path, f"media/{path.relative_to(media).as_posix()}")
        partial.replace(archive)  # never a half-written archive under the real name
    return manifest


def restore(archive: Path) -> dict[str, Any]:
    """Bring the archive's database and uploaded files back; returns its manifest. The database should be
    empty (a new SQLite file, or a new PostgreSQL database): tables the backup has are replaced."""
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="kechuang-restore-") as folder:
        work = Path(folder)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
            manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, tarfile.TarError, ValueError) as error:
            raise BackupError(f"无法读取备份文件 {archive}：{error}") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(f"备份格式 {manifest.get('format')} 不是本版本能读的格式 {FORMAT}")
        if manifest["engine"] != engine:
            raise BackupError(
                f"备份来自 {manifest['engine']}，当前数据库是 {engine}：请用相同类型的数据库恢复"
            )
        connections.close_all()
        if engine == "sqlite":
            source = sqlite3.connect(work / SQLITE_FILE)
            target = sqlite3.connect(_database()["NAME"])
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--dbname",
                    _database()["NAME"],
                    str(work / POSTGRES_FILE),
                ]
            )
        media = Path(settings.MEDIA_ROOT)
        if (work / "media").is_dir():
            shutil.copytree(work / "media", media, dirs_exist_ok=True)
    return manifest
