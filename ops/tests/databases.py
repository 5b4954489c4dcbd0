"""Databases of a test's own for tests whose `kechuang` commands run in other processes (pytest-django's
test database, in memory on SQLite, is out of their reach): a SQLite file in a folder, or a new
PostgreSQL database beside DATABASE_URL's when the suite runs on PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

KECHUANG = [sys.executable, "-m", "kechuang.cli"]


def run(environment: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _admin(server: str) -> str:
    return server.rsplit("/", 1)[0] + "/postgres"


def create(data_dir: Path, name: str, **variables: str) -> dict[str, str]:
    """The environment of a fresh, empty database called `name` (PostgreSQL) with its data folder."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("KECHUANG_")}
    environment.update(KECHUANG_DATA_DIR=str(data_dir), PYTHONPATH=os.getcwd(), **variables)
    if os.environ.get("KECHUANG_SEEDS_DIR"):
        environment["KECHUANG_SEEDS_DIR"] = os.environ["KECHUANG_SEEDS_DIR"]
    server = os.environ.get("DATABASE_URL")
    if server:
        database = f"{server.rsplit('/', 1)[1]}_{name}"
        with psycopg.connect(_admin(server), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}"')
        environment["DATABASE_URL"] = f"{server.rsplit('/', 1)[0]}/{database}"
    return environment


def drop(environment: dict[str, str]) -> None:
    if "DATABASE_URL" in environment:
        database = environment["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(_admin(environment["DATABASE_URL"]), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def query(environment: dict[str, str], sql: str, parameters: list[Any] | None = None) -> list[tuple]:
    """Rows of one statement (written with %s placeholders) straight from the database."""
    if "DATABASE_URL" in environment:
        with psycopg.connect(environment["DATABASE_URL"]) as connection:
            return list(connection.execute(sql, parameters or []))
    path = Path(environment["KECHUANG_DATA_DIR"]) / "kechuang.sqlite3"
    with sqlite3.connect(path, timeout=20) as connection:
        return connection.execute(sql.replace("%s", "?"), parameters or []).fetchall()


def tables(environment: dict[str, str]) -> list[str]:
    if "DATABASE_URL" in environment:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    else:
        sql = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%%' ORDER BY name"
        )
    return [name for (name,) in query(environment, sql)]


def contents(environment: dict[str, str]) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order (the first column)."""
    return {
        table: [
            tuple(str(value) for value in row)
            for row in query(environment, f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - names from the catalogue
        ]
        for table in tables(environment)
    }
