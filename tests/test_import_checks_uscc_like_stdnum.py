"""The importer's quick USCC check agrees with python-stdnum on every code, valid or not."""

import random

import pytest
from stdnum.cn import uscc

from registry.io.columns import CellError, Lookups, _uscc
from registry.uscc import USCC_ALPHABET, has_valid_check_digit


def codes(count: int) -> list[str]:
    draw = random.Random(2015)
    found = []
    for _ in range(count):
        body = "".join(draw.choices("0123456789", k=8) + draw.choices(USCC_ALPHABET + "IOSVZ", k=9))
        check = uscc.calc_check_digit(body) if all(c in USCC_ALPHABET for c in body[8:]) else "0"
        found += [body + check, body + draw.choice(USCC_ALPHABET)]
    return found


def test_quick_check_agrees_with_stdnum() -> None:
    assert [code for code in codes(20_000) if has_valid_check_digit(code) != uscc.is_valid(code)] == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("91370300MA0000000", "应为18位，当前为17位"),
        ("91370300MA000000O7", "格式不正确"),
        ("91370300MA00000008", "校验位错误"),
        (9.137030e17, "存成了数字"),
    ],
)
def test_refusals_are_worded_by_the_model_validator(raw, message) -> None:
    with pytest.raises(CellError, match=message):
        _uscc(raw, Lookups())


def test_spaces_dashes_and_lower_case_are_tolerated() -> None:
    assert _uscc(" 91370300-ma00000007 ", Lookups()) == "91370300MA00000007"


def test_codes_with_characters_int_would_read_are_refused() -> None:
    # The check sums in base 34 with int(), which also reads signs, spaces, underscores, lower case and
    # other scripts' digits; none of them belongs to a code.
    valid = "91370323000000000E"
    assert has_valid_check_digit(valid)
    for odd in ("+", " ", "_", "a", "I", "٣"):
        assert not has_valid_check_digit(valid[:10] + odd + valid[11:])
