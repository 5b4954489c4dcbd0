"""Pages of a list without counting it first.

Counting a searched list means reading every row (a substring search cannot use an index), while the
page itself stops after its 25 rows. So a list page shows its rows at once and fetches the exact
total in a second, small htmx request; the rows never wait for the count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

PAGE_SIZE = 25
# Beyond any list (a billion rows), and the row offset stays a 64-bit integer: ?page=99999999999999999999
# shows an empty last page instead of failing in the database.
LAST_PAGE = 10**9 // PAGE_SIZE


@dataclass(frozen=True)
class ListPage:
    object_list: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(queryset: QuerySet, number: str | None) -> ListPage:
    page = int(number) if number and number.isascii() and number.isdigit() and int(number) > 0 else 1
    page = min(page, LAST_PAGE)
    start = (page - 1) * PAGE_SIZE
    # One row beyond the page tells whether a next page exists.
    rows = list(queryset[start : start + PAGE_SIZE + 1])
    return ListPage(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))
