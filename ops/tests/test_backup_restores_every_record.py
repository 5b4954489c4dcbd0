"""`kechuang backup` of a filled database with uploads, `kechuang restore` into an empty one: every table
(every record, every simple-history audit row) and every uploaded file come back the same."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from ops.tests import databases
from ops.tests.databases import KECHUANG, run


def test_restore_into_an_empty_database_finds_everything(tmp_path: Path) -> None:
    original = databases.create(tmp_path / "original", "backup_original")
    empty = databases.create(tmp_path / "restored", "backup_restored")
    try:
        run(original, *KECHUANG, "migrate", "--verbosity", "0")
        run(original, sys.executable, "-m", "ops.tests.population", "300")
        # A second import that changes every name: each organization gets a "~" history row beside its "+".
        exported = tmp_path / "organizations.csv"
        run(original, *KECHUANG, "export", "--kind", "organization", "--format", "csv", "-o", str(exported))
        with exported.open(encoding="utf-8-sig") as source:
            rows = list(csv.reader(source))
        with exported.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows([rows[0], *([row[0] + "（更名）", *row[1:]] for row in rows[1:])])
        run(original, *KECHUANG, "import", str(exported), "--kind", "organization")
        upload = tmp_path / "original" / "media" / "imports" / "企业名单.xlsx"
        upload.parent.mkdir(parents=True)
        upload.write_bytes(b"PK\x03\x04 an uploaded file's bytes")

        archive = tmp_path / "kechuang-backup.tar.gz"
        run(original, *KECHUANG, "backup", "-o", str(archive))
        run(empty, *KECHUANG, "restore", str(archive))

        before, after = databases.contents(original), databases.contents(empty)
        assert before.keys() == after.keys()
        for table in before:
            assert after[table] == before[table], table
        history = dict(
            databases.query(
                empty,
                "SELECT history_type, count(*) FROM registry_historicalorganization GROUP BY history_type",
            )
        )
        assert history == {"+": 300, "~": 300}
        assert len(before["registry_annualdata"]) == 600
        restored = tmp_path / "restored" / "media" / "imports" / "企业名单.xlsx"
        assert restored.read_bytes() == upload.read_bytes()
    finally:
        databases.drop(original)
        databases.drop(empty)
