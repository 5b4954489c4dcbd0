"""Unit names as the texts write them match the departments' full names in the registry."""

import pytest

from planning.units import city_of, unit_key, units_in_text
from policies.ingest.units import default_dictionary


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("淄博市科学技术局", "市科技局"),
        ("淄博市发展和改革委员会", "市发展改革委"),
        ("淄博市人力资源和社会保障局", "市人力资源社会保障局"),
        ("淄博市人民政府国有资产监督管理委员会", "市国资委"),
        ("中共淄博市委组织部", "市委组织部"),
        ("淄博市市场监督管理局", "市市场监管局"),
        ("淄博市地方金融监督管理局", "市地方金融监管局"),
        ("淄博市 科协", "市科协"),
    ],
)
def test_full_department_names_and_the_texts_short_forms_share_one_key(full: str, short: str) -> None:
    assert unit_key(full) == unit_key(short) == default_dictionary().canonical(short)


def test_names_without_a_city_keep_their_place_names() -> None:
    assert unit_key("人民银行淄博市分行") == "中国人民银行淄博市分行"
    assert unit_key("安顺学院") == "安顺学院"
    assert unit_key("各县市区人民政府") == "各县市区人民政府"
    assert city_of("淄博市科学技术局") == "淄博市" and city_of("市科技局") is None


def test_units_are_read_from_a_clauses_closing_parenthesis() -> None:
    assert units_in_text("……（市国资委、市财政局牵头，市科技局配合）") == (
        ["市国资委", "市财政局"],
        ["市科技局"],
    )
    assert units_in_text("……(责任单位:市发展改革委、市科技局)") == (["市发展改革委", "市科技局"], [])
    assert units_in_text("……（市委组织部、市科技局按职责分工负责）") == (["市委组织部", "市科技局"], [])
    assert units_in_text("……(高青县、沂源县按照实际发生费用的30%补助)。") == ([], [])
