"""Forms the sixth round of real documents showed (tests/fixtures/real/round6): a bulleted sub-heading
that ends the item list above it, an application window's end as a deadline, a per-enterprise yearly
total as a cap, and a body that works "在…领导下" or "按照管理权限" as the subject of 负责."""

import datetime as dt
from decimal import Decimal

from policies.ingest import parse_text


def test_a_bulleted_sub_heading_ends_the_items_above_it_and_a_window_ends_on_a_deadline():
    document = parse_text(
        "某区专项资金申报指南\n一、支持内容\n1．支持企业采购出海专业服务。给予不超过20%的支持。"
        "单个项目支持金额最高不超过200万元，每家企业每年支持总额最高不超过1000万元。\n"
        "二、申报材料\n◆基础材料\n1．申请表；\n2．营业执照复印件。\n"
        "◆专项材料\n（一）出海企业总部\n1．证明材料。\n"
        "三、注意事项\n1．本专项资金提交材料时间为即日起至2026年6月30日。\n"
    )
    paths = [c.path for c in document.clauses]
    assert "二.(一)" in paths and "二.(一).1" in paths
    assert sorted(m.amount_yuan for m in document.money if m.kind == "cap") == [
        Decimal(2000000),
        Decimal(10000000),
    ]
    assert [(d.clause_path, d.date) for d in document.dates if d.kind == "deadline"] == [
        ("三.1", dt.date(2026, 6, 30))
    ]


def test_a_body_working_under_guidance_or_by_its_powers_is_responsible():
    document = parse_text(
        "北京市技术市场条例\n第一条 为促进技术交易，制定本条例。\n"
        "第二条 市科学技术行政部门是本市技术市场的主管部门，"
        "北京技术市场管理办公室在市科学技术行政部门的领导下，具体负责技术市场的管理、监督工作。\n"
        "区科学技术行政部门按照管理权限负责本行政区域内的技术市场管理工作。\n"
    )
    leads = {c.path: c.lead_units for c in document.clauses}["第二条"]
    assert leads == ["市科学技术行政部门", "北京技术市场管理办公室", "区科学技术行政部门"]
