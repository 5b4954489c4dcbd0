"""Dates in a sheet come as spreadsheet dates or as text in the ways people type them."""

import datetime as dt

import pytest

from registry.io.columns import CellError, Lookups, _date

MAY_TENTH = dt.date(2024, 5, 10)


@pytest.mark.parametrize(
    "raw",
    [
        "2024-05-10",
        "2024/5/10",
        "2024.5.10",
        "2024年5月10日",
        "20240510",
        dt.datetime(2024, 5, 10, 0, 0),
        MAY_TENTH,
    ],
)
def test_common_ways_of_writing_a_date_are_read(raw) -> None:
    assert _date(required=True)(raw, Lookups()) == MAY_TENTH


@pytest.mark.parametrize("raw", ["2024-02-30", "5/10/2024", "明年", "202405"])
def test_impossible_or_ambiguous_dates_are_refused(raw) -> None:
    with pytest.raises(CellError, match="不是有效日期"):
        _date(required=True)(raw, Lookups())
