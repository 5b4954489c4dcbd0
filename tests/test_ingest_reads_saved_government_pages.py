"""A page saved from a government site: the text in a layout table cell is read as paragraphs, the
information box (发文机关, 成文日期, 发文字号, 发布日期, 实施日期) fills the metadata, a hidden copy of the
text is left out, and a notice that carries a set of rules takes the rules' title."""

import datetime as dt

from policies.ingest import parse_bytes, parse_text

BOX = (
    "<table><tr><td><b>索 引 号：</b></td><td>000014349/2018-00225</td></tr>"
    "<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2018年12月26日</td></tr>"
    "<tr><td><b>标　　题：</b></td><td>国务院办公厅关于抓好科研自主权落实的通知</td></tr>"
    "<tr><td><b>发文字号：</b></td><td>国办发〔2018〕127号</td><td><b>发布日期：</b></td><td>2019年01月03日</td></tr>"
    "</table>"
)
BODY = (
    "<p>国务院办公厅关于抓好科研自主权</p><p>落实的通知</p><p>各省、自治区、直辖市人民政府：</p>"
    "<p>现就有关事项通知如下。</p><p>一、制定配套制度。以上工作要在2019年2月底前完成。</p>"
    "<p>二、加强督查。请财政部落实有关规定。</p>"
)


def page(body: str) -> bytes:
    return f"<html><body>{BOX}<table><tr><td id='content'>{body}</td></tr></table></body></html>".encode()


def test_the_information_box_and_a_layout_cell_give_metadata_and_clauses():
    document = parse_bytes(page(BODY), "通知.html")
    assert (document.title, document.issuer, document.doc_number) == (
        "国务院办公厅关于抓好科研自主权落实的通知",
        "国务院办公厅",
        "国办发〔2018〕127号",
    )
    assert document.issued_date == dt.date(2018, 12, 26)
    assert [c.path for c in document.clauses] == ["一", "二"]
    assert document.clauses[1].lead_units == ["财政部"]
    assert [(d.clause_path, d.date) for d in document.dates if d.kind == "deadline"] == [
        ("一", dt.date(2019, 2, 28))
    ]


def test_a_hidden_copy_of_the_text_is_left_out():
    hidden = f"<div style='display: none'>{BODY}</div><div class='hidden'>{BODY}</div>"
    document = parse_bytes(page(BODY + hidden), "通知.html")
    assert [c.path for c in document.clauses] == ["一", "二"]
    assert document.text.count("加强督查") == 1


def test_a_publication_date_and_an_implementation_date_fill_in_when_the_text_has_none():
    text = (
        "关于加强科技服务的意见\n发布日期：2024-03-05\n实施日期：2024-04-01\n"
        "一、壮大机构。新增科技服务机构10家。\n"
    )
    document = parse_text(text)
    assert (document.issued_date, document.effective_from) == (dt.date(2024, 3, 5), dt.date(2024, 4, 1))


def test_a_notice_carrying_rules_takes_their_title():
    document = parse_text(
        "关于印发《某区绿色建筑管理办法》的通知\n各有关单位：\n现予印发，请遵照执行。\n二○一九年二月二十七日\n"
        "某区绿色建筑管理办法\n第一章 总则\n第一条 为促进绿色建筑发展，制定本办法。\n"
        "第二条 本办法自 2019 年 5 月 1 日起施行。\n"
    )
    assert document.title == "某区绿色建筑管理办法"
    assert (document.issued_date, document.effective_from) == (dt.date(2019, 2, 27), dt.date(2019, 5, 1))
    assert [c.path for c in document.clauses] == ["第一章", "第一章.第一条", "第一章.第二条"]
