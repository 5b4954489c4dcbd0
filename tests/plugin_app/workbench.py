"""The test app's workbench item: one card for every logged-in user (kechuang/workbench.py)."""

from collections.abc import Iterator

from kechuang.workbench import WATCH, Item


def items(user) -> Iterator[Item]:
    if user.is_authenticated:
        yield Item(WATCH, "测试应用的待办", "/plugin/", count=3, key="plugin_app.todo")
