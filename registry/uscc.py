"""GB 32100-2015 check digits by code alone, without Django: the importer and the DB-free calculator
both check every row's code, and python-stdnum normalizes the code again on each call, which made it a
fifth of a 100,000-row import and half of decoding a snapshot. `tests/test_import_checks_uscc_like_stdnum.py`
keeps this check equal to stdnum's."""

from __future__ import annotations

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ALPHABET = frozenset(USCC_ALPHABET)
# The weights are the powers of 3 modulo 31, and 34 ≡ 3 (mod 31): so the weighted sum of the first 17
# characters is, modulo 31, the number they write in base 34 read from the last to the first, once each
# character is spelt as the base-34 digit of its value ("A" is 10, "H" 17, "J" 18…). int() does that sum in
# C, a fifth of the cost of summing 17 products in Python.
_AS_BASE_34 = str.maketrans(USCC_ALPHABET, "0123456789abcdefghijklmnopqrstu")


def has_valid_check_digit(value: str) -> bool:
    """Whether an already compacted code (upper case, no separators) is a valid USCC."""
    if len(value) != 18 or not value[:8].isdigit():
        return False
    body = value[:17]
    # The alphabet's characters only: int() would also take signs, spaces, underscores, other digits.
    if not _ALPHABET.issuperset(body):
        return False
    total = int(body[::-1].translate(_AS_BASE_34), 34)
    return value[17] == USCC_ALPHABET[-total % 31]
