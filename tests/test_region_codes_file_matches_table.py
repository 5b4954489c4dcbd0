"""The DB-free region check reads registry/data/region_codes.txt; it must hold exactly the codes of
the division table that `kechuang load_regions` loads (refresh it with the command in its docstring)."""

from registry.adcodes import REGION_CODES_FILE, is_known_region
from registry.regions import read_divisions


def test_the_codes_file_is_the_division_table():
    listed = REGION_CODES_FILE.read_text(encoding="ascii").split()
    assert listed == sorted({division.code for division in read_divisions()})


def test_known_and_unknown_regions():
    assert is_known_region("371002") and is_known_region("000000") and is_known_region("520400")
    assert not is_known_region("999999") and not is_known_region("371099")
