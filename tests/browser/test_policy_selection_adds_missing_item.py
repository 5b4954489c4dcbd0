"""Selecting text in the document offers a form for the missing item, prefilled with the selection;
saving it highlights the text and lists the item in the side panel."""

from playwright.sync_api import expect

from accounts.models import Role
from policies.models import Origin, PolicyTarget
from policies.store import store_parsed
from registry.models import Region
from tests.factories import DepartmentFactory, persona
from tests.policy_samples import TEXT, sample_parsed

SELECT = """([start, end]) => {
  // Select by character offsets, as a mouse drag over the text would.
  const root = document.getElementById("policy-text");
  const segments = [...root.querySelectorAll("[data-o]")];
  const segment = (offset) => segments.filter((s) => Number(s.dataset.o) <= offset).pop();
  const first = segment(start), last = segment(end);
  const range = document.createRange();
  range.setStart(first.firstChild, start - Number(first.dataset.o));
  range.setEnd(last.firstChild, end - Number(last.dataset.o));
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
  first.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
}"""


def test_selected_text_becomes_a_target(page, login_as) -> None:
    admin = persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj")
    parsed = sample_parsed()
    parsed.targets = []
    document = store_parsed(parsed, code="sample", region=Region.objects.get(code="370300"))
    wanted = "全市高新技术企业数量突破300家"
    start = TEXT.index(wanted)

    login_as(admin)
    page.goto(document.get_absolute_url())
    page.evaluate(SELECT, [start, start + len(wanted)])
    expect(page.locator("#selection-text")).to_have_text(wanted)
    page.get_by_role("button", name="添加为目标").click()

    form = page.locator("#add-slot li.item-form")
    expect(form.get_by_label("原文")).to_have_value(wanted)
    form.get_by_label("指标").fill("高新技术企业数量")
    form.get_by_label("目标值").fill("300")
    form.get_by_label("单位", exact=True).fill("家")
    form.get_by_label("目标年份").fill("2025")
    form.get_by_label("比较").select_option(label="超过")
    form.get_by_role("button", name="保存").click()

    expect(page.locator("#policy-text mark.hl-target")).to_have_text(wanted)
    expect(page.locator("#group-target li.panel-item")).to_contain_text("高新技术企业数量 超过 300家")
    target = PolicyTarget.objects.get()
    assert (target.start, target.end, target.origin) == (start, start + len(wanted), Origin.ADDED)
    assert target.clause.path == "二"
