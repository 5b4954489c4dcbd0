"""Units named in a clause's sentences, not only in its 责任单位 brackets: "X负责…", "由X负责", "X会同Y",
"请X…", "X是…的主管部门"; a plain 责任单位 list makes its first-named unit lead (contract 2 in
docs/interfaces.md)."""

from policies.ingest import parse_text


def _units(text: str) -> dict[str, tuple[list[str], list[str]]]:
    return {c.path: (c.lead_units, c.cooperating_units) for c in parse_text(text).clauses}


def test_a_body_that_is_responsible_leads():
    units = _units(
        "某市科技创新促进条例\n第一条 为了促进科技创新，制定本条例。\n"
        "第二条 市科学技术行政部门负责本行政区域内的科技创新工作；市财政部门负责科技经费的预算安排。\n"
        "第三条 科技项目的验收由市科技局负责。\n"
    )
    assert units["第二条"] == (["市科学技术行政部门", "市财政部门"], [])
    assert units["第三条"] == (["市科学技术局"], [])


def test_working_together_and_requests_name_lead_and_cooperating_units():
    units = _units(
        "关于推进科研管理改革的通知\n一、完善制度。\n（一）修订办法。请科技部、财政部在2019年2月底前完成。\n"
        "（二）落实奖励。请人力资源社会保障部会同有关部门制定具体办法。\n"
        "（三）建立标准。省标准化主管部门应当会同省科技主管部门建立技术标准转化机制。\n"
    )
    assert units["一.(一)"] == (["科技部"], ["财政部"])
    assert units["一.(二)"] == (["人力资源社会保障部"], [])
    assert units["一.(三)"] == (["省标准化主管部门"], ["省科技主管部门"])


def test_people_interpretation_and_nameless_bodies_are_not_units():
    units = _units(
        "某市管理办法\n第一条 市科技局主要负责同志任组长。\n"
        "第二条 办公室负责编制导则，项目承担单位负责实施。\n"
        "第三条 有关部门负责做好相关工作。\n第四条 本办法由市科技局负责解释。\n"
    )
    assert all(roles == ([], []) for roles in units.values())


def test_a_plain_list_makes_its_first_unit_lead_and_drops_nameless_entries():
    units = _units(
        "某区行动方案\n一、主要任务\n（一）推进光伏建设。（责任单位：区发展改革委、区建管委、各相关部门）\n"
        "（二）强化金融支持。（区金融办、区财政局按职责分工负责）\n"
    )
    assert units["一.(一)"] == (["区发展和改革委员会"], ["区建管委"])
    assert units["一.(二)"] == (["区人民政府金融工作办公室", "区财政局"], [])


def test_a_document_that_says_its_first_unit_leads_is_read_that_way_everywhere():
    units = _units(
        "国务院关于促进就业的若干意见\n一、支持企业\n（一）加大稳岗支持。（人力资源社会保障部、财政部负责。"
        "列第一位者为牵头单位，下同）\n（二）支持创业。（人力资源社会保障部、科技部，各省级人民政府按职责分工负责）\n"
        "（三）抓好服务。（各有关部门和单位，各省级人民政府按职责分工负责）\n"
    )
    assert units["一.(一)"] == (["人力资源社会保障部"], ["财政部"])
    assert units["一.(二)"] == (["人力资源社会保障部"], ["科技部", "各省级人民政府"])
    assert units["一.(三)"] == (["各省级人民政府"], [])


def test_a_responsible_departments_label_ends_at_the_next_label():
    units = _units(
        "关于支持改革创新若干措施的通知\n一、营造环境\n（一）放宽比例要求。\n"
        "（负责部门：人力资源社会保障部、住房城乡建设部；适用范围：所有自贸试验区，以下除标注的外均同）\n"
    )
    assert units["一.(一)"] == (["人力资源社会保障部"], ["住房城乡建设部"])


def test_a_list_sharing_its_level_and_kind_names_each_body():
    units = _units(
        "某省条例\n第一条 省科技部门应当会同省财政、税务部门对高新技术企业进行认定。\n"
        "第二条 市财政部门应当优化政策工具，会同市人力资源社会保障等部门健全担保体系。\n"
    )
    assert units["第一条"] == (["省科技部门"], ["省财政部门", "省税务部门"])
    assert units["第二条"] == (["市财政部门"], ["市人力资源社会保障部门"])
