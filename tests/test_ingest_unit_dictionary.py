"""Unit names come out in one spelling; the dictionary learns new aliases; lead and cooperating units follow
the way documents mark them."""

from policies.ingest import parse_text
from policies.ingest.units import UnitDictionary, default_dictionary


def test_abbreviations_map_to_canonical_names():
    units = default_dictionary()
    assert units.canonical("市科技局") == "市科学技术局"
    assert units.canonical("市工信局") == "市工业和信息化局"
    assert units.canonical("市发展改革委") == "市发展和改革委员会"
    assert units.canonical("淄博市科技局") == "市科学技术局"
    assert units.canonical("市气象局") == "市气象局"  # unknown names pass through


def test_add_alias_is_used_and_saved(tmp_path):
    path = tmp_path / "units.yaml"
    units = UnitDictionary({"市科学技术局": ["市科技局"]}, path=path)
    units.add_alias("市大数据局", "市大数据中心")
    units.save()
    again = UnitDictionary.load(path)
    assert again.canonical("市大数据中心") == "市大数据局"
    assert again.canonical("市科技局") == "市科学技术局"


def _units(text: str, dictionary: UnitDictionary | None = None):
    clause = parse_text("关于测试的通知\n一、任务\n" + text, dictionary=dictionary).clauses[-1]
    return clause.lead_units, clause.cooperating_units


def test_marked_lead_unit_and_the_rest_cooperating():
    assert _units("1.建设平台。（责任单位：市科技局（牵头）、市财政局、市工信局）") == (
        ["市科学技术局"],
        ["市财政局", "市工业和信息化局"],
    )


def test_lead_and_cooperating_labels():
    assert _units("1.建设平台。（牵头单位：市发改委；配合单位：市科技局、市教育局）") == (
        ["市发展和改革委员会"],
        ["市科学技术局", "市教育局"],
    )


def test_shared_responsibility_makes_every_unit_lead():
    assert _units("1.建设平台。（市科技局、市财政局按职责分工负责）") == (["市科学技术局", "市财政局"], [])
    assert _units("1.建设平台。（市财政局牵头，市科技局配合）") == (["市财政局"], ["市科学技术局"])


def test_place_names_share_the_kind_of_unit_that_follows():
    lead, cooperating = _units("1.建设平台。（责任单位：高新区、经济开发区管委会，市科技局）")
    assert (lead, cooperating) == (["高新区管委会"], ["经济开发区管委会", "市科学技术局"])


def test_a_learned_alias_changes_what_the_parser_reports():
    units = UnitDictionary({"市科学技术局": ["市科技局"]})
    units.add_alias("市大数据局", "市大数据中心")
    assert _units("1.建设平台。（责任单位：市大数据中心）", units) == (["市大数据局"], [])


def test_bare_unit_list_closing_a_paragraph_names_its_first_unit_lead():
    # contract 2 in docs/interfaces.md: in a list without 牵头 / 配合 words the first-named unit leads
    assert _units("1.建设平台，给予支持。（市科技局、市财政局）") == (["市科学技术局"], ["市财政局"])
    assert _units("1.建设工程技术研究中心（技术创新中心）\n2.开展评价。") == ([], [])
