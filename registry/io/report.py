"""What an import found and did, in words the person who uploaded the file reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    # The row as a spreadsheet numbers it (the header is row 1); the line for JSON Lines; 0 for the header.
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("第%(row)s行") % {"row": self.row} if self.row else _("表头") if self.column else _("文件")
        return f"{where} {self.column}：{self.message}" if self.column else f"{where}：{self.message}"


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    seconds: float = 0.0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The headers and first rows as read, for a preview before anything is written.
    headers: list[str] = field(default_factory=list)
    preview: list[list[Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        counts = {
            "rows": self.rows,
            "errors": len(self.errors),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "seconds": f"{self.seconds:.2f}",
        }
        if self.errors:
            return _("共%(rows)s行，发现%(errors)s处错误，未写入任何数据。") % counts
        if self.dry_run:
            return (
                _(
                    "共%(rows)s行，校验通过（试运行，未写入）：将新增%(created)s条，"
                    "更新%(updated)s条，%(unchanged)s条无变化。"
                )
                % counts
            )
        return (
            _(
                "共%(rows)s行，已导入：新增%(created)s条，更新%(updated)s条，"
                "%(unchanged)s条无变化，用时%(seconds)s秒。"
            )
            % counts
        )
