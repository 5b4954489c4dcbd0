"""Amounts and targets written the ways real documents write them: 不低于百分之八十五, 百分之二至百分之三,
2000元/人·月, 10万—50万元; fines are neither money given nor goals; a standing share without a year binds
those it regulates and is no target."""

from decimal import Decimal

from policies.ingest import parse_text


def test_chinese_numeral_percentages_are_ratios_given():
    document = parse_text(
        "某市科技创新促进条例\n第一条 高等院校对完成职务科技成果的人员给予奖励时，按照下列标准执行：\n"
        "（一）以技术转让方式转化的，应当从净收入中提取不低于百分之八十五的比例；\n"
        "（二）自行实施的，每年从营业利润中提取不低于百分之十的比例。\n"
        "主要贡献人员获得奖励的份额不低于奖励总额的百分之七十。\n"
    )
    assert [(m.clause_path, m.kind, m.ratio) for m in document.money] == [
        ("第一条.(一)", "ratio", Decimal("0.85")),
        ("第一条.(二)", "ratio", Decimal("0.1")),
    ]


def test_rates_per_person_and_month_and_ranges_are_read():
    document = parse_text(
        "某市人才政策\n一、对新引进的博士给予生活补贴2000元/人·月。\n二、对新认定的孵化器给予10万—50万元奖励。\n"
    )
    assert [(m.kind, m.amount_yuan, m.per_unit) for m in document.money] == [
        ("fixed", Decimal("2000"), "人·月"),
        ("cap", Decimal("500000"), None),
    ]


def test_fines_are_neither_money_nor_targets():
    document = parse_text(
        "某市专利条例\n第一条 违反本条例的，处二万元以上十万元以下的罚款，"
        "并处违法所得1倍以上5倍以下的罚款。\n"
    )
    assert document.money == [] and document.targets == []


def test_a_share_to_reach_by_a_year_is_a_target_and_a_standing_share_is_not():
    document = parse_text(
        "某市科学技术投入条例\n"
        "第一条 科技三项费用到2000年占本级财政预算支出的比例应达到百分之二至百分之三。\n"
        "第二条 新建公共建筑屋顶安装光伏的面积比例不低于50%。\n第三条 支小支农担保业务占比达到80%以上。\n"
    )
    assert [(t.clause_path, t.value, t.unit, t.year, t.comparator) for t in document.targets] == [
        ("第一条", Decimal("2"), "%", 2000, ">="),
        ("第三条", Decimal("80"), "%", None, ">="),
    ]
