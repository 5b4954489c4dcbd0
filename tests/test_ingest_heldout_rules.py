"""Rules the held-out documents asked for, each on a text of its own: recurring deadlines are no date, a
budget is no money provision, a title line does not swallow the addressees, a list of conditions is no
target, 扩大到 commits to a target, a county's article clause names its units, a web page saved from
Word keeps each table row on one line, and an annex printed after the signature is read, its unit column
too."""

import datetime as dt
from decimal import Decimal

from policies.ingest import parse_bytes, parse_text

HEAD = "某市人民政府关于测试的通知\n各区县人民政府：\n"


def test_a_recurring_deadline_is_not_a_date():
    document = parse_text(
        HEAD + "一、任务\n企业每年11月30日前提交材料，各县区每年12月底前报送，2025年6月底前完成评价。"
    )
    assert [d.date for d in document.dates if d.kind == "deadline"] == [dt.date(2025, 6, 30)]


def test_a_budget_is_not_money_given():
    document = parse_text(
        HEAD + "一、保障\n市财政每年安排专项资金不少于5000万元。对新认定的企业，给予一次性奖励五万元。"
    )
    assert [(m.kind, m.amount_yuan) for m in document.money] == [("fixed", Decimal(50000))]


def test_a_whole_title_keeps_the_addressees_on_their_own_line():
    document = parse_text(
        "某市人民政府办公室\n某市人民政府办公室关于印发某市科技型企业培育\n方案的通知\n"
        "各县区人民政府，市政府各部门：\n现将方案印发给你们。\n一、目标\n到2026年，高新技术企业达到500家以上。"
    )
    assert document.title == "某市人民政府办公室关于印发某市科技型企业培育方案的通知"


def test_values_listed_before_de_are_conditions_and_kuoda_dao_is_a_target():
    document = parse_text(
        HEAD + "一、任务\n对年度成交额首次突破1亿元、5000万元的机构，分别给予30万元、20万元奖励。"
        "2025年，试点单位扩大到50家。"
    )
    assert [(t.value, t.unit, t.year) for t in document.targets] == [(Decimal(50), "家", 2025)]


def test_county_units_in_an_article_clause():
    document = parse_text(
        "某县科学技术局关于印发细则的通知\n第一章 总则\n第一条 为规范管理，制定本细则。\n"
        "第二条 2025年4月底前启动申领工作。（县科技局牵头，县财政局配合）\n"
    )
    article = document.clauses[-1]
    assert article.path == "第一章.第二条"
    assert (article.lead_units, article.cooperating_units) == (["县科学技术局"], ["县财政局"])


def test_a_word_html_table_with_paragraphs_in_its_cells_is_a_task_table():
    def row(*cells: str) -> str:
        paragraphs = "".join(f"<td><p class=MsoNormal><span>{cell}</span></p></td>" for cell in cells)
        return f"<tr>{paragraphs}</tr>"

    page = (
        "<html><body><p>某市科学技术局关于印发工作要点的通知</p><p><b>一、重点任务清单</b></p><table>"
        + row("序号", "重点任务", "责任单位", "时间节点")
        + row("1", "组织开展高企申报培训", "高新技术科", "2025年5月底前")
        + row("2", "完成项目验收", "资源配置与管理科、财务科", "2025年10月底前")
        + "</table><p><b>二、工作要求</b></p><p>按期完成。</p></body></html>"
    )
    document = parse_bytes(page.encode(), "要点.html")
    rows = {c.path: (c.lead_units, c.cooperating_units) for c in document.clauses}
    assert rows == {
        "一": ([], []),
        "一.1": (["高新技术科"], []),
        "一.2": (["资源配置与管理科"], ["财务科"]),
        "二": ([], []),
    }
    assert [(d.clause_path, d.date) for d in document.dates if d.kind == "deadline"] == [
        ("一.1", dt.date(2025, 5, 31)),
        ("一.2", dt.date(2025, 10, 31)),
    ]


def test_an_annex_after_the_signature_is_read_with_its_unit_column():
    document = parse_text(
        "关于加快新型研发机构建设的实施方案\n一、工作目标\n到2026年，全市新型研发机构达到80家。\n"
        "附件：年度目标表\n某市科学技术局\n2024年11月8日\n附件\n年度目标表\n"
        "序号\t指标\t单位\t2024年基期值\t2025年目标值\t2026年目标值\n1\t新型研发机构总数\t家\t55\t68\t80"
    )
    assert [c.path for c in document.clauses] == ["一", "附件"]
    assert [(t.clause_path, t.indicator, t.value, t.unit, t.year) for t in document.targets] == [
        ("一", "新型研发机构", 80, "家", 2026),
        ("附件", "新型研发机构总数", 68, "家", 2025),
        ("附件", "新型研发机构总数", 80, "家", 2026),
    ]
