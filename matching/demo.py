"""The matching app's part of `kechuang demo`: the shipped vocabulary, the index over everything the
other apps loaded (their bulk loads send no signals), expert profiles and an open challenge."""

from __future__ import annotations

from typing import TextIO

from matching import vocabulary
from matching.index import rebuild_now


def load(stdout: TextIO) -> None:
    added = vocabulary.load_shipped()
    indexed = rebuild_now()
    stdout.write(f"检索与对接：同义词 {added} 组新增，已索引 {indexed} 条记录\n")
