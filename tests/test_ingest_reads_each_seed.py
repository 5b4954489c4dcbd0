"""Each seed policy parses into the structure a reader of the document sees."""

import datetime as dt
from decimal import Decimal

import pytest

from policies.ingest import ParsedDocument, parse_file
from policies.seeds import SEEDS_BY_CODE


@pytest.fixture(scope="module")
def seeds() -> dict[str, ParsedDocument]:
    return {code: parse_file(seed.path) for code, seed in SEEDS_BY_CODE.items()}


def _clause(document: ParsedDocument, path: str):
    return next(clause for clause in document.clauses if clause.path == path)


def test_zibo_2020_platform_rewards_are_two_fixed_provisions(seeds):
    document = seeds["zibo-2020-platforms"]
    rewards = [m for m in document.money if m.clause_path == "四.(二).2"]
    assert [(m.kind, m.amount_yuan) for m in rewards] == [("fixed", 2_000_000), ("fixed", 500_000)]
    assert rewards[0].beneficiary == "新获批的国家级、省级创新平台"
    assert document.doc_number == "淄政办字〔2020〕43号"
    assert document.issued_date == dt.date(2020, 4, 10)


def test_zibo_2020_rejoins_a_unit_split_across_lines(seeds):
    clause = _clause(seeds["zibo-2020-platforms"], "五.(四)")
    assert "市工业和信息化局" in clause.lead_units + clause.cooperating_units
    assert "市工业\n" not in seeds["zibo-2020-platforms"].text


def test_zibo_2020_incubator_subsidy_per_square_metre_with_cap(seeds):
    items = [
        (m.kind, m.amount_yuan, m.per_unit)
        for m in seeds["zibo-2020-platforms"].money
        if m.clause_path == "四.(三).2"
    ][:4]
    assert items == [
        ("fixed", 100, "平方米"),
        ("cap", 1_000_000, None),
        ("fixed", 50, "平方米"),
        ("cap", 500_000, None),
    ]


def test_zibo_2020_voucher_co_funding_is_one_to_one(seeds):
    ratios = [m.ratio for m in seeds["zibo-2020-platforms"].money if m.clause_path == "四.(三).3"]
    assert ratios == [Decimal("0.3"), Decimal(1), Decimal("0.3")]


def test_zibo_2023_effective_window_and_lead_units(seeds):
    document = seeds["zibo-2023-sci-province"]
    assert document.effective_from == dt.date(2024, 1, 20)
    assert document.effective_until == dt.date(2028, 12, 31)
    assert document.title == "关于贯彻落实《山东省人民政府关于加快推进新时代科技强省建设的实施意见》的意见"
    clause = _clause(document, "五.10")
    assert clause.lead_units == ["市人民政府国有资产监督管理委员会", "市财政局"]
    assert clause.cooperating_units == ["市科学技术局"]


def test_zibo_2023_targets_for_2027(seeds):
    document = seeds["zibo-2023-sci-province"]
    targets = {(t.value, t.unit, t.comparator) for t in document.targets if t.year == 2027}
    assert targets == {
        (3, "%", ">="),
        (3000, "家", ">="),
        (2000, "家", ">="),
        (60, "%", ">="),
        (600, "家", ">="),
    }


def test_binzhou_month_deadlines_take_the_plans_year(seeds):
    document = seeds["binzhou-2020-integrated-system"]
    deadlines = [(d.text, d.date) for d in document.dates if d.clause_path == "三.(二).3"]
    assert deadlines == [("6月底前", dt.date(2020, 6, 30)), ("12月底前", dt.date(2020, 12, 31))]


def test_anshun_repairs_lost_clause_numbers_and_reads_the_annex_table(seeds):
    document = seeds["anshun-2021-platforms"]
    assert [c.path for c in document.clauses if c.path.startswith("二.")] == [
        f"二.({n})" for n in "一二三四五六七八九十"
    ]
    annex = [(t.indicator, t.year, t.value) for t in document.targets if t.clause_path == "附件"]
    assert ("企业技术中心", 2023, 16) in annex
    assert len(annex) == 15


def test_weihai_conditions_and_loan_sizes_are_not_money(seeds):
    document = seeds["weihai-2023-innovation-city"]
    amounts = {(m.clause_path, m.amount_yuan) for m in document.money}
    assert ("二.(二).9", Decimal(1_000_000)) in amounts  # the cap, not the 增量超过100万元 condition
    assert not [m for m in document.money if m.clause_path in {"二.(六).26"}]  # insurance cover sizes
    assert [m.ratio for m in document.money if m.clause_path == "二.(六).27"] == [Decimal("0.01")]
    assert document.targets == []


def test_every_extraction_points_at_its_own_text(seeds):
    for document in seeds.values():
        for item in [*document.money, *document.targets, *document.dates]:
            assert document.text[item.start : item.end] == item.text
        for clause in document.clauses:
            assert document.text[clause.start : clause.end] == clause.text
            for unit in clause.units:
                assert document.text[unit.start : unit.end] == unit.raw
