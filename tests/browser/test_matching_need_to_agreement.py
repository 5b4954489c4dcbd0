"""An enterprise posts a need and sees ranked candidates with reasons; a decline asks for a reason; an
acceptance opens an agreement draft; the bureau's funnel moves."""

from playwright.sync_api import expect

from accounts.models import Role
from matching.models import AgreementDraft, MatchCandidate
from registry.models import TechnologyNeed
from tests.factories import DepartmentFactory, persona
from tests.matching_world import build_world


def funnel_step(page, name: str) -> str:
    page.goto("/matching/funnel/")
    return page.locator("table.funnel-table tr", has_text=name).locator("td").inner_text()


def test_need_to_candidates_to_agreement(page, login_as, site) -> None:
    world = build_world()
    bureau = persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="bureau")
    login_as(bureau)
    assert funnel_step(page, "达成意向") == "0"

    login_as(persona(Role.ENTERPRISE_USER, world.enterprise, username="lanhai"))
    page.goto("/matching/needs/")
    page.get_by_role("link", name="发布技术需求").click()
    page.get_by_label("需求名称").fill("高镍正极材料包覆改性技术")
    page.get_by_label("技术领域").fill("新能源")
    page.get_by_label("需求描述").fill("提高锂电池高镍三元正极材料的循环寿命和热稳定性。")
    page.get_by_role("button", name="保存").click()
    need = TechnologyNeed.objects.get(title="高镍正极材料包覆改性技术")

    page.goto("/matching/needs/")
    page.get_by_role("link", name=need.title).first.click()
    cards = page.locator("article.candidate")
    expect(cards.first).to_contain_text("共同关键词")
    expect(cards.first.locator("table.reasons")).to_contain_text("技术领域")
    titles = cards.locator(".candidate-title").all_inner_texts()
    assert "高镍三元正极材料低成本制备技术" in titles
    assert "高山茶园病虫害绿色防控技术" not in titles

    declined = cards.nth(1)
    declined_title = declined.locator(".candidate-title").inner_text()
    declined.locator("summary", has_text="婉拒").click()
    declined.get_by_role("button", name="确认婉拒").click()
    expect(page.locator(".errorlist")).to_contain_text("请选择婉拒原因")
    page.get_by_label("婉拒原因").select_option(label="价格或预算不合适")
    page.get_by_label("补充说明").fill("报价超出本年度预算")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text(f"已婉拒：{declined_title}")
    assert MatchCandidate.objects.get(need=need, title=declined_title).decline_reason == "price"

    chosen = page.locator("article.candidate", has_text="高镍三元正极材料低成本制备技术")
    chosen.get_by_role("button", name="记录已联系").click()
    chosen = page.locator("article.candidate", has_text="高镍三元正极材料低成本制备技术")
    expect(chosen.locator(".badge")).to_have_text("已联系")
    chosen.locator("summary", has_text="达成意向").click()
    chosen.get_by_label("合同类型").select_option(label="技术许可")
    chosen.get_by_label("预计金额（元）").fill("1500000")
    chosen.get_by_role("button", name="确认达成意向并生成合同草稿").click()
    expect(page.locator("h1")).to_contain_text("技术合同（草稿）")
    expect(page.locator(".facts")).to_contain_text("1,500,000.00")
    expect(page.locator(".timeline")).to_contain_text("已达成意向")
    draft = AgreementDraft.objects.get(need=need)
    assert draft.seller == world.university and draft.contract_type == "licensing"

    login_as(bureau)
    assert funnel_step(page, "达成意向") == "1"
    assert funnel_step(page, "已联系") == "1"
