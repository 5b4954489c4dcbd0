"""A challenge goes from publication to award in the browser: a conflicted reviewer is refused, the
random draw is logged with its seed and reproduces from it, a drawn expert scores, milestones pay out."""

from playwright.sync_api import expect

from accounts.models import Role
from matching import challenges
from matching.models import Challenge, ExpertProfile, Review, ReviewerDraw
from registry.models import Person
from tests.factories import DepartmentFactory, OrganizationFactory, persona


def expert(name: str, organization, username: str) -> Person:
    person = Person.objects.create(
        name=name,
        fields="复合材料",
        organization=organization,
        user=persona(Role.EXPERT, organization, username=username),
    )
    ExpertProfile.objects.create(person=person, stated_fields="复合材料 碳纤维", status="approved")
    return person


def test_challenge_from_publication_to_award(page, login_as, site) -> None:
    bureau = persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="bureau")
    team = OrganizationFactory(name="淄博碳谷科技有限公司")
    conflicted = expert("王同事", team, "wang")
    for n in range(5):
        expert(f"专家{n}", OrganizationFactory(name=f"外地大学{n}", kind="university"), f"expert{n}")

    login_as(bureau)
    page.goto("/matching/challenges/")
    page.get_by_role("link", name="发布榜单").click()
    page.get_by_label("榜单名称").fill("高性能碳纤维复合材料攻关")
    page.get_by_label("攻关目标").fill("拉伸强度不低于 5.5 GPa")
    page.get_by_label("技术领域").fill("复合材料")
    page.get_by_label("榜单金额（元）").fill("3000000")
    page.get_by_label("揭榜截止日期").fill("2030-06-30")
    page.get_by_label("地区").select_option(label="淄博市")
    page.get_by_label("评审指标 1").fill("技术方案")
    page.get_by_label("权重（%） 1").fill("60")
    page.get_by_label("评审指标 2").fill("团队实力")
    page.get_by_label("权重（%） 2").fill("30")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".form-errors")).to_contain_text("合计须为 100%")
    page.get_by_label("权重（%） 2").fill("40")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("#challenge-status")).to_have_text("草稿")
    page.get_by_role("button", name="发布榜单").click()
    expect(page.locator("#challenge-status")).to_have_text("张榜中")
    challenge = Challenge.objects.get()

    login_as(persona(Role.ENTERPRISE_USER, team, username="tangu"))
    page.goto(challenge.get_absolute_url())
    page.get_by_role("link", name="我要揭榜").click()
    page.get_by_label("团队名称").fill("碳谷攻关团队")
    page.get_by_label("技术方案（60%）").fill("干喷湿纺工艺与原丝改性")
    page.get_by_label("团队实力（40%）").fill("博士 6 人，中试线一条")
    page.get_by_role("button", name="提交揭榜申请").click()
    expect(page.locator(".messages")).to_contain_text("揭榜申请已提交")

    login_as(bureau)
    page.goto(challenge.get_absolute_url())
    invite = page.get_by_label("专家")
    expect(invite.locator("option", has_text="王同事")).to_contain_text("利益冲突：与申请单位为同一单位")
    invite.select_option(label=invite.locator("option", has_text="王同事").inner_text())
    page.get_by_role("button", name="邀请评审").click()
    expect(page.locator(".messages")).to_contain_text("王同事 存在利益冲突，不能邀请")
    assert not Review.objects.filter(reviewer=conflicted).exists()

    page.get_by_role("button", name="随机抽取评审专家").click()
    expect(page.locator(".messages")).to_contain_text("已抽取 3 位评审专家，随机种子")
    draw = ReviewerDraw.objects.get()
    assert conflicted.pk not in draw.pool and conflicted.pk in [row["person"] for row in draw.excluded]
    assert challenges.sample(draw.pool, draw.seed, 3) == draw.drawn
    page.locator("#draws a").first.click()
    expect(page.locator("#seed")).to_have_text(str(draw.seed))
    expect(page.locator("#reproduced")).to_contain_text("与记录一致")

    reviewer = Person.objects.get(pk=draw.drawn[0])
    login_as(reviewer.user)
    page.goto("/matching/")
    page.locator("#expert-reviews a").first.click()
    page.get_by_label("技术方案（60%）").fill("90")
    page.get_by_label("团队实力（40%）").fill("80")
    page.get_by_role("button", name="提交评分").click()
    expect(page.locator(".messages")).to_contain_text("评分已提交")

    login_as(bureau)
    page.goto(challenge.get_absolute_url())
    expect(page.locator("#applications")).to_contain_text("86.00")
    page.get_by_label("揭榜团队").select_option(label="碳谷攻关团队")
    page.get_by_label("里程碑 1").fill("样品验证")
    page.get_by_label("完成日期 1").fill("2031-03-01")
    page.get_by_label("拨付金额（元） 1").fill("500000")
    page.get_by_role("button", name="确定揭榜团队").click()
    expect(page.locator("#challenge-status")).to_have_text("已揭榜")
    page.get_by_role("button", name="验收并拨付").click()
    expect(page.locator("#milestones")).to_contain_text("已拨付 500,000.00 元")
