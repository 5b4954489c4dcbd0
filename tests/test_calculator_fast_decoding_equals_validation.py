"""The batch path's one-pass decoding (benefits/calculator/wire.py) gives exactly the snapshot that
decoding and `parse_snapshot` give, for every line it accepts, and hands every line it does not
accept to `parse_snapshot`; so results and error messages do not depend on which path a line took."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.calculator import population
from benefits.calculator.batch import decode, dumps
from benefits.calculator.snapshot import CHOICES, SnapshotError, parse_snapshot
from benefits.calculator.wire import EVENT_FIELDS, fast_snapshot

TEXTS = st.sampled_from(["key_laboratory", "development", "tech_bank_loan", "甲", ""])
NUMBERS = st.one_of(
    st.integers(-5, 10**16),
    st.decimals(-1, 10**6, places=2, allow_nan=False),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=3),
)


def field_value(kind: str) -> st.SearchStrategy:
    kind = kind.lstrip("?")
    if kind == "number":
        return NUMBERS
    if kind == "bool":
        return st.one_of(st.booleans(), st.integers(0, 1))
    if kind in CHOICES:
        return st.one_of(st.sampled_from(sorted(CHOICES[kind])), TEXTS)
    return st.one_of(TEXTS, st.integers(0, 3))


@st.composite
def events(draw: st.DrawFn) -> dict:
    event_type = draw(st.sampled_from(sorted(EVENT_FIELDS)))
    event = {"type": event_type, "date": draw(st.sampled_from(["2024-03-01", "2024-13-01", "2023-12-31", 7]))}
    for name, kind in EVENT_FIELDS[event_type].items():
        if kind.startswith("?") and draw(st.booleans()):
            continue
        event[name] = draw(
            st.one_of(st.none(), field_value(kind)) if kind.startswith("?") else field_value(kind)
        )
    if draw(st.integers(0, 9)) == 0:
        event["extra"] = 1
    return event


snapshots = st.fixed_dictionaries(
    {"region": st.sampled_from(["371002", "370322", "999999", "37100", 371002])},
    optional={
        "name": st.one_of(st.none(), st.text(max_size=4), st.integers()),
        "uscc": st.sampled_from([None, "", "91371002MA3C5XY71F", "913", "91371002MA3C5XY71A"]),
        "kind": st.sampled_from(["enterprise", "university", "alien", 3]),
        "above_designated_size": st.one_of(st.booleans(), st.none(), st.integers(0, 1)),
        "qualifications": st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["tech_sme", "gazelle", "nobel_prize"]),
                    "granted": st.sampled_from(["2023-01-01", "2023-02-30"]),
                },
                optional={"expires": st.sampled_from([None, "2025-12-31", "never"])},
            ),
            max_size=2,
        ),
        "annual": st.dictionaries(
            st.sampled_from(["2023", "2024", "99", "year"]),
            st.dictionaries(
                st.sampled_from(["revenue", "rd_expense", "employees", "profit"]),
                st.one_of(st.none(), NUMBERS),
                max_size=3,
            ),
            max_size=2,
        ),
        "events": st.lists(events(), max_size=3),
        "colour": st.just("red"),
    },
)


def parsed_or_error(line: str) -> object:
    try:
        return parse_snapshot(decode(line))
    except (SnapshotError, ValueError) as error:
        return type(error)


@settings(max_examples=600, deadline=None)
@given(snapshots)
def test_any_line_gives_the_same_snapshot_or_goes_to_validation(snapshot: dict) -> None:
    line = json.dumps(snapshot, default=str)
    fast = fast_snapshot(line)
    if fast is not None:
        assert fast == parse_snapshot(decode(line))


def test_every_synthetic_enterprise_takes_the_fast_path_with_the_same_result() -> None:
    for snapshot in population(2000, 2024):
        line = dumps(snapshot)
        fast = fast_snapshot(line)
        assert fast is not None
        assert fast == parse_snapshot(decode(line))
