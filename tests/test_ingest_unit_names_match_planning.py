"""Planning matches unit names through the policies' unit dictionary, the one table of unit spellings: a
registry's full name and a document's short form meet in the dictionary's spelling, and an alias the
dictionary learns is matched by planning too."""

import pytest

from planning.units import city_of, unit_key
from policies.ingest import units as ingest_units
from policies.ingest.units import UnitDictionary, default_dictionary


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("淄博市科学技术局", "市科技局"),
        ("淄博市发展和改革委员会", "市发展改革委"),
        ("淄博市人力资源和社会保障局", "市人社局"),
        ("淄博市国有资产监督管理委员会", "市国资委"),
        ("中共淄博市委组织部", "市委组织部"),
        ("淄博市 科协", "市科学技术协会"),
        ("威海市工业和信息化局", "市工信局"),
    ],
)
def test_registry_names_and_document_short_forms_share_the_dictionary_spelling(full: str, short: str) -> None:
    assert unit_key(full) == unit_key(short) == default_dictionary().canonical(short)


def test_counties_and_provinces_are_spelled_from_the_city_entries() -> None:
    assert unit_key("高青县科技局") == unit_key("高青县科学技术局") == "高青县科学技术局"
    assert unit_key("省人力资源社会保障厅") == "省人力资源和社会保障厅"
    assert unit_key("山东省科技厅") == "山东省科学技术厅"
    assert unit_key("安顺学院") == "安顺学院"
    assert city_of("高青县科技局") is None


def test_an_alias_the_dictionary_learns_is_matched_by_planning(monkeypatch: pytest.MonkeyPatch) -> None:
    dictionary = UnitDictionary({"市科学技术局": ["市科技局"]})
    monkeypatch.setattr(ingest_units, "_dictionary", dictionary)
    assert unit_key("淄博市大数据中心") != unit_key("市大数据局")
    dictionary.add_alias("市大数据局", "市大数据中心")
    assert unit_key("淄博市大数据中心") == unit_key("市大数据局") == "市大数据局"
