"""Forms the seventh round of real documents showed (tests/fixtures/real/round7): bracketed lists with 指导
after them and a note after the list, a shared list read 在各自职责范围内 with one more body after it, a name
defined by 以下简称, 会同 inside a phrase that describes, 负总责, a national body's office in the place, two
lost item numbers, allowances deducted at a standard, lengths of time, a notice carrying rules named without
《》, and a plan for several years."""

from decimal import Decimal

from policies.ingest import parse_text


def _units(document, path):
    clause = {c.path: c for c in document.clauses}[path]
    return clause.lead_units, clause.cooperating_units


def test_bracketed_lists_with_their_own_role_words():
    document = parse_text(
        "某某工作方案\n一、主要任务\n（一）强化顶层设计。建立指标体系。（生态环境部牵头，国家统计局参与）\n"
        "优化管理体制。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）\n"
        "统筹城市发展。(国家发展改革委、工业和信息化部、自然资源部指导)\n"
        "（二）推行绿色生活。引导公众。（商务部指导，供销合作总社参与）方案按程序报送生态环境部，"
        "经生态环境部会同有关部门组织专家评审。\n"
    )
    leads, cooperating = _units(document, "一.(一)")
    assert leads == ["生态环境部", "试点城市政府", "国家发展改革委"]
    assert cooperating == ["国家统计局", "工业和信息化部", "自然资源部"]
    assert _units(document, "一.(二)") == (["商务部", "生态环境部"], ["供销合作总社"])


def test_a_shared_list_in_its_own_duties_and_names_the_document_defines():
    document = parse_text(
        "某市人工智能产业促进条例\n"
        "第一条 市工业和信息化部门是人工智能产业主管部门（以下简称市产业主管部门），负责实施相关工作。\n"
        "市发展改革、市场监管、统计等部门以及市网信部门在各自职责范围内，负责人工智能产业发展相关工作。\n"
        "第二条 市市场监管部门应当会同市产业主管部门等有关部门建立地方标准体系。\n"
        "第三条 允许采信由国家认证认可监督管理委员会会同国家药品监督管理局认定的第三方检验机构出具的报告。\n"
    )
    assert _units(document, "第一条")[0] == [
        "市工业和信息化部门",
        "市发展改革部门",
        "市市场监管部门",
        "市统计部门",
        "市网信部门",
    ]
    assert _units(document, "第二条") == (["市市场监管部门"], [])
    assert _units(document, "第三条") == ([], [])


def test_overall_responsibility_and_a_national_bodys_office_in_the_place():
    document = parse_text(
        "某某试点工作方案\n一、保障措施\n（一）加强组织领导。试点地区政府办公厅（室）对试点工作的统筹推进负总责。\n"
        "（二）强化协同。市金融工作部门会同中央金融管理部门驻湖机构负责统筹、协调绿色金融改革创新工作。\n"
    )
    assert _units(document, "一.(一)") == (["试点地区政府办公厅（室）"], [])
    assert _units(document, "一.(二)") == (["市金融工作部门"], ["中央金融管理部门驻湖机构"])


def test_two_items_that_lost_their_numbers():
    document = parse_text(
        "某某条例\n第一条 市人民政府应当设立伦理委员会，履行下列职责：\n研究制定伦理安全规范；\n"
        "建立健全伦理安全规范管理制度；\n（三）分析研判数据和算法造成的影响；\n（四）其他应当开展的活动。\n"
        "第二条 本条例自2022年11月1日起施行。\n"
    )
    assert [c.path for c in document.clauses] == [
        "第一条",
        "第一条.(一)",
        "第一条.(二)",
        "第一条.(三)",
        "第一条.(四)",
        "第二条",
    ]


def test_allowances_deducted_at_a_standard_are_money_and_lengths_of_time_are_not_targets():
    document = parse_text(
        "国务院关于印发个人所得税专项附加扣除暂行办法的通知\n现将《个人所得税专项附加扣除暂行办法》印发给你们。\n"
        "国务院\n2018年12月13日\n个人所得税专项附加扣除暂行办法\n"
        "第一条 纳税人在学历教育期间按照每月400元定额扣除。同一学历继续教育的扣除期限不能超过48个月。\n"
        "第二条 医药费用累计超过15000元的部分，由纳税人在80000元限额内据实扣除。\n"
        "第三条 父母可以选择由其中一方按扣除标准的100%扣除。\n"
        "第四条 企业在按规定据实扣除的基础上，按照研究开发费用的百分之五十加计扣除。\n"
    )
    assert document.title == "个人所得税专项附加扣除暂行办法"
    assert [(m.clause_path, m.kind, m.amount_yuan, m.ratio) for m in document.money] == [
        ("第一条", "fixed", Decimal(400), None),
        ("第二条", "cap", Decimal(80000), None),
    ]
    assert document.targets == []


def test_the_tasks_of_a_plan_for_several_years_are_due_by_its_last_year():
    document = parse_text(
        "关于印发《某区示范区深化建设三年行动计划（2024-2026年）》的通知\n某区人民政府\n2024年7月15日\n"
        "一、主要任务\n（一）打造新质生产力载体。推进里弄住宅更新，保护修缮15幢历史风貌建筑。\n"
    )
    assert [(t.value, t.unit, t.year) for t in document.targets] == [(Decimal(15), "幢", 2026)]
