"""Forms the fifth round of real documents showed (tests/fixtures/real/round5): 排在第一位的部门为牵头部门,
a list sharing two levels whose bodies each answer for their share, 共同牵头 in prose, a regulation header a
reader ran into one line, 有效期两年, a share of spending that nobody is given, and a pension paid at a share
of pay."""

import datetime as dt
from decimal import Decimal

from policies.ingest import parse_text


def _units(text: str) -> dict[str, tuple[list[str], list[str]]]:
    return {c.path: (c.lead_units, c.cooperating_units) for c in parse_text(text).clauses}


def test_the_first_department_leads_when_the_document_says_so_of_departments():
    units = _units(
        "国务院关于促进综合保税区高水平开放高质量发展的若干意见\n一、主要任务\n"
        "1.拓展两个市场。推广增值税一般纳税人资格试点。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）\n"
        "2.提前适用政策。按现行规定享受税收政策。（海关总署、财政部、税务总局负责）\n"
    )
    assert units["一.1"] == (["税务总局"], ["财政部", "海关总署"])
    assert units["一.2"] == (["海关总署"], ["财政部", "税务总局"])


def test_a_list_sharing_two_levels_leads_each_share_and_joint_work_leads_its_opener():
    units = _units(
        "上海市浦东新区促进产业创新高地建设规定\n"
        "第一条 市科技部门负责统筹本市产业发展。"
        "市和浦东新区发展改革、财政等部门以及海关等单位根据各自职责和本规定，负责浦东新区产业促进工作。\n"
        "第二条 浦东新区卫生健康部门会同农业农村部门负责实验室的备案。\n"
    )
    assert units["第一条"] == (["市科技部门", "市和浦东新区发展改革部门", "市和浦东新区财政部门"], [])
    assert units["第二条"] == (["浦东新区卫生健康部门"], [])


def test_bodies_that_lead_together_each_lead():
    units = _units(
        "奉贤区绿色生态城区建设管理办法(试行)\n第一条 联席会议办公室设在区建设管理委。"
        "区财政局、区规划资源局、区建设管理委(区交通委)共同牵头推进绿色生态城区建设管控工作。\n"
        "第二条 本办法自2025年3月20日起施行，有效期两年。\n"
    )
    assert units["第一条"] == (["区财政局", "区规划资源局", "区建设管理委"], [])
    assert parse_text(
        "某区管理办法\n第一条 本办法自2025年3月20日起施行，有效期两年。\n"
    ).effective_until == dt.date(2027, 3, 19)


def test_a_header_run_into_one_line_still_gives_the_publication_date_and_number():
    document = parse_text(
        "杭州市科学技术进步条例\n2011年8月31日杭州市第十一届人民代表大会常务委员会第三十四次会议通过"
        "2011年12月7日杭州市第十一届人民代表大会常务委员会公告第56号公布2012年3月1日施行\n"
        "第一条 为了促进科学技术进步，制定本条例。\n第二条 本条例自2012年3月1日起施行。\n"
    )
    assert document.issued_date == dt.date(2011, 12, 7)
    assert document.doc_number == "杭州市第十一届人民代表大会常务委员会公告第56号"
    assert document.effective_from == dt.date(2012, 3, 1)


def test_a_share_of_spending_is_no_money_and_a_pension_at_full_pay_is_a_ratio():
    document = parse_text(
        "某市科学技术进步条例\n"
        "第一条 市和区、县（市）人民政府财政用于科学技术经费占本级财政经常性支出的比例"
        "应当分别不低于百分之六和百分之四。\n"
        "第二条 对其中从事农业技术工作累计三十年以上的，退休后其退休费按照基本工资的百分之百计发。\n"
    )
    assert [(m.clause_path, m.kind, m.ratio) for m in document.money] == [("第二条", "ratio", Decimal("1"))]
