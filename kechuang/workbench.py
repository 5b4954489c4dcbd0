"""A user's workbench (工作台): the home after login, one card per thing to do or to look after.

The page imports no capability app. Each app that has something for a user to do holds a `workbench.py`
with `items(user) -> Iterable[Item]` (found like `demo.py`, kechuang/plugins.py) and decides there, from its
own permissions, what it offers to whom: the planning app a bureau's overdue tasks, the registry an
enterprise's yearly data to fill in, and so on. An item's count links to the list filtered to exactly the
records it counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser

# Where an item goes on the page, top first: what waits for the user, their own records, what to watch.
TODO, MINE, WATCH = "todo", "mine", "watch"
GROUPS: dict[str, Promise] = {TODO: _("待办"), MINE: _("我的"), WATCH: _("关注")}


@dataclass(frozen=True)
class Item:
    """One card: `title` with `count` records (None for a plain link) behind `url`.

    `urgent` marks what is late or blocks someone else (drawn in red when `count` is not 0); `detail` is
    one short line under the title; `order` sorts items inside a group (lower first)."""

    group: str
    title: str | Promise
    url: str
    count: int | None = None
    detail: str | Promise = ""
    urgent: bool = False
    order: int = 100
    # A stable name for tests and page anchors, e.g. "planning.overdue_tasks".
    key: str = ""

    @property
    def alarming(self) -> bool:
        return self.urgent and bool(self.count)


@dataclass(frozen=True)
class Group:
    code: str
    label: str | Promise
    items: list[Item]


def collect(user: AnyUser) -> list[Item]:
    """Every installed app's items for the user, in INSTALLED_APPS order."""
    from kechuang.plugins import workbench_items

    return list(workbench_items(user))


def groups(items: Iterable[Item]) -> list[Group]:
    """Items by group in GROUPS order, each sorted by `order`; empty groups are left out."""
    by_group: dict[str, list[Item]] = {code: [] for code in GROUPS}
    for item in items:
        by_group.setdefault(item.group, []).append(item)
    return [
        Group(code, GROUPS.get(code, code), sorted(found, key=lambda i: i.order))
        for code, found in by_group.items()
        if found
    ]


def page_context(user: AnyUser) -> dict[str, Any]:
    items = collect(user)
    return {"groups": groups(items), "alarms": sum(1 for item in items if item.alarming)}
