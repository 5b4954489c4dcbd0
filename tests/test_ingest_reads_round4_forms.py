"""Forms the fourth round of real documents showed (tests/fixtures/real/round4): 牵头单位/支撑单位 labels, a
职责分工 section headed by units, the tasks of a yearly plan, quantities of works (万平方米, 亿千瓦, 公里),
分别/均 lists of shares, a revision notice that prints its rules after its signature, a second item list
inside one article, the signers of a notice as its issuer, and dates that are no deadlines."""

import datetime as dt
from decimal import Decimal

from policies.ingest import parse_text


def test_lead_and_supporting_labels_give_roles_and_nearby_streets_name_nobody():
    document = parse_text(
        "某区城市更新2025年度实施计划\n一、行动任务\n"
        "1.推进九里亭秀浜城市更新项目。（牵头单位：经济技术开发区、九里亭街道，支撑单位：区规划资源局、区经委）\n"
        "2.完成旧住房修缮更新60万平方米。（牵头单位：区住房保障房屋管理局、相关街镇）\n"
        "3.推进大洋集团老旧厂房改造。（牵头单位：九亭镇）\n"
    )
    units = {c.path: (c.lead_units, c.cooperating_units) for c in document.clauses}
    assert units["一.1"] == (["经济技术开发区", "九里亭街道"], ["区规划资源局", "区经委"])
    assert units["一.2"] == (["区住房保障房屋管理局"], [])
    assert units["一.3"] == (["九亭镇"], [])
    # a yearly plan's task is a target of the plan's year
    assert [(t.value, t.unit, t.year) for t in document.targets] == [(Decimal("60"), "万平方米", 2025)]


def test_an_item_of_a_duties_section_headed_by_a_unit_is_that_units():
    document = parse_text(
        "某区海绵城市建设实施方案\n一、工作目标\n到2025年底，本区建成区40%以上面积达到海绵城市建设目标要求。\n"
        "二、职责分工\n（一）区财政局\n负责在政府投资项目中安排海绵城市建设年度预算。\n"
        "（二）区房管局\n指导小区改造项目落实海绵城市建设要求。\n（三）各建设单位\n落实海绵设施的运行、养护工作。\n"
    )
    units = {c.path: c.lead_units for c in document.clauses}
    assert units["二.(一)"] == ["区财政局"]
    assert units["二.(二)"] == ["区房管局"]
    assert units["二.(三)"] == []
    # 到2025年底 is the target's year, not a deadline
    assert [(t.value, t.year) for t in document.targets] == [(Decimal("40"), 2025)]
    assert not [d for d in document.dates if d.kind == "deadline"]


def test_quantities_of_works_and_lists_of_shares_are_targets():
    document = parse_text(
        "关于加快推进农业机械化的指导意见\n一、发展目标\n"
        "到2025年，全国农机总动力稳定在11亿千瓦左右，其中灌排机械动力达到1.3亿千瓦。"
        "马铃薯种植、收获机械化率均达到45%，花生种植、收获机械化率分别达到65%和55%。\n"
    )
    found = sorted((t.value, t.unit, t.year) for t in document.targets)
    assert found == sorted(
        [
            (Decimal("11"), "亿千瓦", 2025),
            (Decimal("1.3"), "亿千瓦", 2025),
            (Decimal("45"), "%", 2025),
            (Decimal("45"), "%", 2025),
            (Decimal("65"), "%", 2025),
            (Decimal("55"), "%", 2025),
        ]
    )


def test_an_area_with_no_year_only_says_which_works_a_rule_binds():
    document = parse_text(
        "某区绿色建筑管理办法\n第一条 单体建筑面积2万平方米以上的大型公共建筑按照绿色建筑三星级标准建设。\n"
    )
    assert document.targets == []


def test_a_revision_notice_prints_its_rules_after_its_signature():
    document = parse_text(
        "关于修订《某新片区扶持光伏发电项目操作办法》的通知\n沪自贸临管规范〔2023〕4号\n各有关单位:\n"
        "一、在第六条中将原奖励标准进行相应调整。具体如下：\n"
        "1.分布式光伏奖励标准由0.1元/千瓦时、0.15元/千瓦时，均调整至0.25元/千瓦时；\n"
        "二、在第七条中补充屋顶业主补贴申报材料。\n现印发给你们，请遵照执行。\n"
        "某新片区管理委员会\n2023年4月19日\n"
        "某新片区扶持光伏发电项目操作办法\n第一条（总体要求）\n为促进光伏发展，制定本办法。\n"
        "第二条（奖励标准）\n（一）度电奖励对项目投资主体给予奖励。屋顶所在建筑在2022年7月前建成的，一次性给予屋顶业主奖励。\n"
        "（二）项目奖励标准如下：\n1、分布式光伏： 0.25元/千瓦时。\n"
        "2、光伏电站。存量屋顶业主：0.2元/瓦(按并网容量)。\n"
        "第三条（申报材料）\n“度电奖励”申报材料：\n（一）专项资金申请表；\n（二）项目备案文件。\n"
        "“屋顶业主补贴”申报材料：\n（一）竣工验收证明；\n（二）屋顶租赁协议。\n"
        "第四条（附则）\n本操作办法自2023年4月19日起实施，有效期至2025年12月31日。\n"
    )
    paths = [c.path for c in document.clauses]
    assert paths[:4] == ["一", "一.1", "二", "第一条"]
    # the second list of one article starts at (一) again; its paths are told apart by -2
    assert paths[-6:] == ["第三条", "第三条.(一)", "第三条.(二)", "第三条.(一)-2", "第三条.(二)-2", "第四条"]
    assert document.title == "某新片区扶持光伏发电项目操作办法"
    assert document.issuer == "某新片区管理委员会"
    money = sorted((m.clause_path, m.amount_yuan) for m in document.money)
    # the old rates the revision replaces are not given
    assert money == [
        ("一.1", Decimal("0.25")),
        ("第二条.(二).1", Decimal("0.25")),
        ("第二条.(二).2", Decimal("0.2")),
    ]
    # a date before the document was issued is a condition on the past
    assert not [d for d in document.dates if d.kind == "deadline"]
    assert document.effective_until == dt.date(2025, 12, 31)


def test_signers_that_lost_the_spaces_between_them_are_each_an_issuer():
    document = parse_text(
        "关于印发《某区绿色生态城区建设管理办法（试行）》的通知\n各镇人民政府：\n现印发给你们，请认真按照执行。\n"
        "上海市嘉定区建设和管理委员会上海市嘉定区规划和自然资源局\n上海市嘉定区财政局\n2024年1月17日\n"
        "某区绿色生态城区建设管理办法（试行）\n第一条 为推进绿色生态城区建设，制定本办法。\n"
    )
    assert document.issuer == "上海市嘉定区建设和管理委员会、上海市嘉定区规划和自然资源局、上海市嘉定区财政局"
