"""Money, targets and deadlines in wordings the seeds do not use (the rules are general, not per seed)."""

import datetime as dt
from decimal import Decimal

from policies.ingest import parse_text

HEAD = "某市人民政府关于支持科技创新的若干措施\n某政发〔2022〕3号\n"


def _parse(body: str):
    return parse_text(HEAD + body)


def test_amounts_in_chinese_numerals_and_yi_yuan():
    document = _parse("一、措施\n1.对新认定的企业给予五十万元奖励，对重大项目给予最高1.5亿元支持。")
    assert [(m.kind, m.amount_yuan) for m in document.money] == [("fixed", 500_000), ("cap", 150_000_000)]
    assert document.money[0].beneficiary == "新认定的企业"


def test_shared_number_list_gives_one_provision_each():
    document = _parse("一、措施\n1.对获得一、二、三等奖的，分别给予30万元、20万元、10万元奖励。")
    assert [m.amount_yuan for m in document.money] == [300_000, 200_000, 100_000]


def test_ratios_and_conditions():
    document = _parse(
        "一、措施\n1.对研发费用增长20%以上的企业，按新增研发费用的10%给予补助，单个企业最高不超过200万元。"
        "对营业收入超过5000万元的企业，市县按1:0.5的比例配套。"
    )
    items = [(m.kind, m.amount_yuan, m.ratio) for m in document.money]
    assert items == [
        ("ratio", None, Decimal("0.1")),
        ("cap", 2_000_000, None),
        ("ratio", None, Decimal("0.5")),
    ]


def test_targets_with_year_comparator_and_unit():
    document = _parse(
        "一、发展目标\n到2025年，全市高新技术企业突破800家，研发经费投入强度达到2.8%，"
        "新建省级以上创新平台50个左右，技术合同成交额超过30亿元。"
    )
    targets = [(t.value, t.unit, t.year, t.comparator) for t in document.targets]
    assert targets == [
        (800, "家", 2025, ">="),
        (Decimal("2.8"), "%", 2025, ">="),
        (50, "个", 2025, "="),
        (30, "亿元", 2025, ">"),
    ]
    assert document.targets[0].indicator == "高新技术企业"


def test_deadlines_and_validity():
    document = _parse(
        "一、工作安排\n1.9月底前完成摸底，2023年第一季度末前完成评审，年底前兑现资金。\n"
        "本措施自印发之日起施行，有效期3年。\n某市人民政府\n二〇二二年十二月二十日"
    )
    assert document.issued_date == dt.date(2022, 12, 20)
    assert document.effective_from == dt.date(2022, 12, 20)
    assert document.effective_until == dt.date(2025, 12, 19)
    deadlines = [d.date for d in document.dates if d.kind == "deadline"]
    assert deadlines == [dt.date(2022, 9, 30), dt.date(2023, 3, 31), dt.date(2022, 12, 31)]


def test_clause_styles_nest_in_order_of_appearance():
    document = _parse(
        "第一章 总则\n第一条 目的。\n第二章 支持\n第二条 标准如下：\n"
        "（1）第一项；\n①细目；\n②细目；\n（2）第二项。\n第三条 附则。"
    )
    assert [c.path for c in document.clauses] == [
        "第一章",
        "第一章.第一条",
        "第二章",
        "第二章.第二条",
        "第二章.第二条.(1)",
        "第二章.第二条.(1).1",
        "第二章.第二条.(1).2",
        "第二章.第二条.(2)",
        "第二章.第三条",
    ]


def test_validity_from_to_and_furniture_words_inside_sentences():
    document = _parse(
        "一、措施\n1.关闭落后产能，分享创新资源。\n本办法自2024年1月1日起至2026年12月31日止。\n打印 关闭\n"
    )
    assert (document.effective_from, document.effective_until) == (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert "关闭落后产能，分享创新资源" in document.text
    assert "打印" not in document.text


def test_yearly_quotas_and_figures_of_speech():
    document = _parse(
        "一、目标\n到2025年，每年新增高新技术企业100家以上。2024年新建重点实验室5个。\n"
        "二、措施\n打造千亿元级产业集群，给予支持。"
    )
    assert [(t.value, t.year) for t in document.targets] == [(100, None), (5, 2024)]
    assert document.money == []
