"""One way to page, sort and export every list page.

A list describes its columns once (`Column`): the header, the sort key a reader may ask for in the address
(`?sort=name`, `?sort=-name`), the database ordering or row value that key sorts by, and the cell its export
writes. `paged(request, rows, columns, …)` reads `page`, `size` and `sort` from the address and returns a
`Listing`, which the template partial `partials/list.html` shows: the total, the page sizes, sortable headers,
numbered pages with a jump box and the export link. What a reader types never reaches `order_by`: a sort
key only selects a column's own ordering, and an unknown key falls back to the list's default. `respond`
serves the page, its htmx fragment, the deferred count and `?export=xlsx` (the same list, filtered and sorted
alike) from one view.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.http import FileResponse, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _

PAGE_SIZES = (25, 50, 100)
# Beyond any list (a billion rows) while the row offset stays a 64-bit integer: ?page=99999999999999999999
# is a page past the end, not a database error.
LAST_PAGE = 10**9 // PAGE_SIZES[0]
# Pages named around the current one in the numbered pager, besides the first and the last.
NEARBY = 2
# Exports are written to memory up to this size, then to a temporary file.
SPOOL_BYTES = 8 * 2**20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """A column of a list: its header, the cell its export writes and, when sortable, its sort key."""

    label: str | Promise
    value: Callable[[Any], Any] = lambda row: ""
    # The name of its sort in the address; empty: the column does not sort.
    key: str = ""
    # How a queryset sorts by it (fields or expressions); the key itself when not given.
    order_by: tuple[Any, ...] = ()
    # How a list of rows in memory sorts by it; the exported value when not given.
    sort_value: Callable[[Any], Any] | None = None
    # Shown on the page but not exported (an action, a progress bar).
    exported: bool = True
    # The page of the record a cell names, for lists shown by the plain rows template
    # (partials/list_rows.html); without one, a first cell links to its row's own page when the row has one.
    link: Callable[[Any], str] | None = None

    def ordering(self, descending: bool) -> list[Any]:
        fields = self.order_by or (self.key,)
        return [_expression(name, descending) for name in fields]


def _expression(name: Any, descending: bool) -> Any:
    expression = F(name) if isinstance(name, str) else name
    # Missing values last either way, on SQLite and PostgreSQL alike.
    return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)


def in_choice_order(name: str, choices: Iterable[tuple[str, Any]]) -> Case:
    """An ordering by a choice field in the order its choices are declared (国家级 before 省级), not by
    its codes' spelling."""
    whens = [When(**{name: code}, then=Value(position)) for position, (code, _label) in enumerate(choices)]
    return Case(*whens, default=None, output_field=IntegerField())


@dataclass(frozen=True)
class Header:
    column: Column
    # The value of `sort` that clicking the header asks for: ascending first, then descending.
    param: str
    # "ascending", "descending" or "" (not the current sort), for aria-sort and the arrow.
    state: str


@dataclass
class Listing:
    columns: Sequence[Column]
    title: str
    object_list: list[Any]
    number: int
    size: int
    has_next: bool
    # None while a deferred count has not been made (registry lists count in a second request).
    total: int | None
    sort: str
    descending: bool
    notice: str = ""
    # Where its 导出 Excel link goes ("" for none); `respond` writes the file itself only when this list's
    # own address is the export (`own_export`), not for lists that keep an export layout of their own.
    export_url: str = ""
    own_export: bool = False
    empty: str | Promise = ""
    # Every row of the list, sorted, for the export (not read unless exporting).
    everything: Any = field(default=None, repr=False)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def pages(self) -> int | None:
        return None if self.total is None else max(1, -(-self.total // self.size))

    @property
    def sizes(self) -> tuple[int, ...]:
        return PAGE_SIZES

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers to offer: the first, the last and those near the current one; None is a gap."""
        last = self.pages or self.number + (1 if self.has_next else 0)
        shown = sorted({1, last, *range(max(1, self.number - NEARBY), min(last, self.number + NEARBY) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers

    @property
    def headers(self) -> list[Header]:
        headers = []
        for column in self.columns:
            current = bool(column.key) and column.key == self.sort
            state = ("descending" if self.descending else "ascending") if current else ""
            param = f"-{column.key}" if current and not self.descending else column.key
            headers.append(Header(column, param, state))
        return headers

    @property
    def table_rows(self) -> list[tuple[Any, list[tuple[Any, str]]]]:
        """Each row of the page with its cells as (value, link), for the plain rows template."""
        rows = []
        for row in self.object_list:
            cells = []
            for position, column in enumerate(self.columns):
                if column.link is not None:
                    url = column.link(row)
                elif position == 0 and hasattr(row, "get_absolute_url"):
                    url = row.get_absolute_url()
                else:
                    url = ""
                cells.append((column.value(row), url))
            rows.append((row, cells))
        return rows

    def exported_columns(self) -> list[Column]:
        return [column for column in self.columns if column.exported]

    def export_rows(self) -> Iterable[list[Any]]:
        columns = self.exported_columns()
        rows = (
            self.everything.iterator(chunk_size=2000)
            if isinstance(self.everything, QuerySet)
            else self.everything
        )
        for row in rows:
            yield [column.value(row) for column in columns]


def sort_choice(
    columns: Sequence[Column], requested: str | None, default: str = ""
) -> tuple[Column | None, bool]:
    """The column a `sort` value names and whether descending; anything else is the default sort."""
    by_key = {column.key: column for column in columns if column.key}
    for choice in (requested or "", default):
        key = choice.removeprefix("-")
        if key in by_key:
            return by_key[key], choice.startswith("-")
    return None, False


def sort_queryset(
    queryset: QuerySet, columns: Sequence[Column], requested: str | None, default: str = ""
) -> QuerySet:
    """A queryset in the order a `sort` value names, ties broken by id so that pages never overlap."""
    column, descending = sort_choice(columns, requested, default)
    if column is None:
        return queryset
    return queryset.order_by(*column.ordering(descending), "pk")


def sort_rows(
    rows: Iterable[Any],
    columns: Sequence[Column],
    requested: str | None,
    default: str = "",
    identity: Callable[[Any], Any] = attrgetter("pk"),
) -> list[Any]:
    """Rows in memory in the order a `sort` value names (missing values last), ties broken by id."""
    rows = list(rows)
    column, descending = sort_choice(columns, requested, default)
    if column is None:
        return rows
    value = column.sort_value or column.value
    present = [row for row in rows if value(row) not in (None, "")]
    missing = [row for row in rows if value(row) in (None, "")]
    present.sort(key=identity)
    present.sort(key=value, reverse=descending)  # a stable sort: equal values stay in id order
    missing.sort(key=identity)
    return present + missing


def page_number(text: str | None) -> tuple[int, bool]:
    """The page an address asks for and whether it was readable (absent counts as readable)."""
    if not text:
        return 1, True
    if text.isascii() and text.isdigit() and int(text) > 0:
        return min(int(text), LAST_PAGE), True
    return 1, False


def page_size(text: str | None, default: int = PAGE_SIZES[0]) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and int(text) in PAGE_SIZES else default


def paged(
    request: HttpRequest,
    rows: QuerySet | Iterable[Any],
    columns: Sequence[Column],
    *,
    title: str | Promise,
    default_sort: str = "",
    count: bool = True,
    export_url: str | None = "",
    empty: str | Promise = "",
    identity: Callable[[Any], Any] = attrgetter("pk"),
) -> Listing:
    """The page of `rows` the request asks for. A queryset is sorted and sliced in the database; other rows in
    memory. `count=False` leaves the total to a second request (`respond` answers `?count=1`). `export_url`
    names an export of the list's own (the registry's import layout, the 台账 layout); None offers none."""
    requested = request.GET.get("sort")
    column, descending = sort_choice(columns, requested, default_sort)
    sort = column.key if column else ""
    if isinstance(rows, QuerySet):
        rows = sort_queryset(rows, columns, requested, default_sort)
    else:
        rows = sort_rows(rows, columns, requested, default_sort, identity)
    number, readable = page_number(request.GET.get("page"))
    size = page_size(request.GET.get("size"))
    notice = "" if readable else _("页码“%(page)s”无效，已显示第 1 页。") % {"page": request.GET["page"][:20]}
    total = (rows.count() if isinstance(rows, QuerySet) else len(rows)) if count else None
    if total is not None:
        last = max(1, -(-total // size))
        if number > last:
            notice = _("第 %(page)s 页超出范围（共 %(pages)s 页），已显示最后一页。") % {
                "page": number,
                "pages": last,
            }
            number = last
    start = (number - 1) * size
    # One row beyond the page tells whether a next page exists when the total is not known.
    window = list(rows[start : start + size + 1])
    return Listing(
        columns=columns,
        title=str(title),
        object_list=window[:size],
        number=number,
        size=size,
        has_next=len(window) > size,
        total=total,
        sort=sort,
        descending=descending,
        notice=notice,
        export_url=_query(request, export="xlsx", page=None, count=None)
        if export_url == ""
        else export_url or "",
        own_export=export_url == "",
        empty=empty,
        everything=rows,
    )


def _query(request: HttpRequest, **changes: str | None) -> str:
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return "?" + query.urlencode()


def respond(request: HttpRequest, template: str, listing: Listing, context: dict[str, Any]) -> HttpResponse:
    """A list page's answer: the xlsx on `?export=xlsx`, the deferred count (with the numbered pager) on an
    htmx `?count=1`, the results alone to any other htmx request, else the whole page."""
    if request.GET.get("export") == "xlsx" and listing.own_export:
        return export_response(listing)
    if request.htmx and request.GET.get("count") and listing.total is None:
        rows = listing.everything
        counted = replace(listing, total=rows.count() if isinstance(rows, QuerySet) else len(rows))
        return TemplateResponse(request, "partials/list.html#counted", {"listing": counted})
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = TemplateResponse(request, template, {**context, "listing": listing})
    patch_vary_headers(response, ["HX-Request"])
    return response


def export_response(listing: Listing) -> FileResponse:
    """The whole list (every page) as an xlsx of its columns, with the registry's writer, which stores a cell
    that looks like a formula as text."""
    # Imported here: the file formats register themselves when the registry app loads.
    from registry.io.formats import FORMATS

    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    headers = [str(column.label) for column in listing.exported_columns()]
    # A sheet's name may not hold \ / ? * [ ] : (an indicator named "R&D/GDP"), nor a file's name a slash.
    title = re.sub(r"[\\/?*\[\]:]", "－", listing.title)
    FORMATS["xlsx"].write(out, title, headers, listing.export_rows())
    out.seek(0)
    filename = f"{title}_{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX)
