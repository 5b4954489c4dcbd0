"""A task-division table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限) in a Word file becomes one clause
per row, with its lead and cooperating units and its deadline; units on a line of their own count too."""

import datetime as dt
import io

import docx

from policies.ingest import parse_bytes, parse_text

ROWS = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "建设科技创新云平台，汇聚科技资源数据。", "市科技局", "市大数据局、市财政局", "2024年6月底前"],
    ["2", "开展高新技术企业培育行动，新增高新技术企业200家以上。", "市科技局", "市税务局", "2024年12月"],
    ["3", "落实研发费用加计扣除政策。", "市税务局", "市科技局、市工信局", "长期坚持"],
]


def _task_docx() -> bytes:
    word = docx.Document()
    for line in [
        "某市科学技术局关于印发2024年重点任务分工方案的通知",
        "一、总体目标",
        "到2024年底，全市高新技术企业达到1200家。",
        "二、重点任务",
    ]:
        word.add_paragraph(line)
    table = word.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    word.add_paragraph("三、保障措施")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_each_row_is_a_clause_with_units_and_deadline():
    document = parse_bytes(_task_docx(), "分工方案.docx")
    rows = {c.path: c for c in document.clauses if c.path.startswith("二.")}
    assert list(rows) == ["二.1", "二.2", "二.3"]
    assert rows["二.1"].heading == "建设科技创新云平台，汇聚科技资源数据"
    assert rows["二.1"].lead_units == ["市科学技术局"]
    assert rows["二.1"].cooperating_units == ["市大数据局", "市财政局"]
    assert rows["二.3"].cooperating_units == ["市科学技术局", "市工业和信息化局"]
    deadlines = {d.clause_path: d.date for d in document.dates if d.kind == "deadline"}
    assert deadlines["二.1"] == dt.date(2024, 6, 30)
    assert deadlines["二.2"] == dt.date(2024, 12, 31)
    assert "二.3" not in deadlines
    assert [(t.clause_path, t.value) for t in document.targets] == [("一", 1200), ("二.2", 200)]
    assert [c.path for c in document.clauses][-1] == "三"


def test_units_on_labelled_lines_and_county_spellings():
    document = parse_text(
        "某县人民政府关于印发科技强县实施方案的通知\n一、重点任务\n（一）实施高企倍增计划。\n"
        "责任单位：县科技局（牵头）、县财政局\n完成时限：2024年底前\n"
        "（二）建设县级创新平台。\n牵头单位：县工信局；配合单位：县科技局\n"
    )
    first, second = document.clauses[1:]
    assert (first.lead_units, first.cooperating_units) == (["县科学技术局"], ["县财政局"])
    assert (second.lead_units, second.cooperating_units) == (["县工业和信息化局"], ["县科学技术局"])
    assert [(d.clause_path, d.date) for d in document.dates] == [("一.(一)", dt.date(2024, 12, 31))]
