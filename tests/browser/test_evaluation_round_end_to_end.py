"""A round in the browser: the bureau opens it, a laboratory checks its pre-filled form (each value with its
source) and submits, experts are drawn at random (the draw and its seed shown, those in conflict left
out) and score, the bureau computes the grades and starts 公示, an objection is filed and answered, the
results are published; the excellent laboratory's page shows the reward the calculator computes from the
database, the failing one's its rectification task, which the ledger lists."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from evaluation import rounds
from evaluation.models import Round
from tests import evaluation_world


def switch_to(page: Page, login_as, user) -> Page:
    page.context.clear_cookies()
    return login_as(user)


def test_a_round_from_opening_to_reward_and_rectification(page, login_as):
    world = evaluation_world.build()
    login_as(world.bureau)
    page.get_by_role("link", name="绩效评价").click()
    page.get_by_label("指标体系").select_option(label=str(world.system))
    page.get_by_label("评价年度").fill(str(world.year))
    page.get_by_role("button", name="新建评价轮次").click()
    expect(page.locator(".messages")).to_contain_text("评价轮次已创建")
    page.get_by_role("button", name="启动评价（冻结指标体系）").click()
    expect(page.locator(".messages")).to_contain_text("平台填报表已按资源库数据预填")
    expect(page.locator("#submissions")).to_contain_text("威海市海洋新材料重点实验室")
    round_ = Round.objects.get()

    switch_to(page, login_as, world.host_users[0])
    page.get_by_role("link", name="绩效评价").click()
    page.locator("#my-submissions").get_by_role("link", name="威海市海洋新材料重点实验室").click()
    contracts = page.locator('tr[data-code="contract_amount"]')
    expect(contracts.locator(".source")).to_contain_text("技术合同登记：技术合同成交额")
    expect(contracts.locator(".source")).to_contain_text(
        "作为卖方登记技术合同 1 项，成交额合计 2,500,000.00 元"
    )
    expect(contracts.get_by_label("技术合同成交额", exact=True)).to_have_value("2500000")
    page.get_by_label("仪器设备对外服务机时", exact=True).fill("520")
    page.get_by_label("仪器设备对外服务机时说明").fill("仪器使用台账附后")
    page.get_by_role("button", name="提交填报").click()
    expect(page.locator(".messages")).to_contain_text("填报已提交")
    for submission, hours in zip(
        round_.submissions.exclude(platform=world.labs[0]), ("250", "0"), strict=True
    ):
        rounds.save_values(submission, {"sharing_hours": hours}, {"sharing_hours": "台账"})

    switch_to(page, login_as, world.bureau)
    page.goto(round_.get_absolute_url())
    page.get_by_role("button", name="截止填报，进入专家评审").click()
    page.get_by_role("button", name="随机抽取评审专家（自动回避）").click()
    expect(page.locator(".messages")).to_contain_text("已随机抽取评审专家（自动回避）")
    first = round_.submissions.get(platform=world.labs[0])
    assert not first.reviews.filter(reviewer=world.conflicted).exists()  # 孙工 works for its host
    page.goto(first.get_absolute_url())
    draw = page.locator("#draws .draw-row")
    expect(draw.locator(".seed")).to_have_text(str(first.draws.get().seed))
    expect(draw).to_contain_text("孙工（与被评平台依托单位为同一单位）")
    expect(draw.locator(".drawn")).to_contain_text("赵教授")
    page.locator("#assign").get_by_label("专家").select_option(value=str(world.conflicted.pk))
    page.locator("#assign").get_by_role("button", name="指派").click()
    expect(page.locator(".messages")).to_contain_text("孙工 须回避：与被评平台依托单位为同一单位")

    marks = {world.labs[0].pk: "95", world.labs[1].pk: "90", world.labs[2].pk: "60"}
    for expert, user in zip(world.experts, world.expert_users, strict=True):
        switch_to(page, login_as, user)
        for review in expert.evaluation_reviews.select_related("submission"):
            page.goto("/evaluation/")
            page.locator("#my-reviews").get_by_role("link", name=review.submission.platform.name).click()
            page.get_by_label("运行管理与创新成效").fill(marks[review.submission.platform_id])
            page.get_by_label("评审意见").fill("运行规范")
            page.get_by_role("button", name="提交评分").click()
            expect(page.locator(".messages")).to_contain_text("评分已提交")
    for review in world.conflicted.evaluation_reviews.all():
        rounds.record_review(review, {"operation": marks[review.submission.platform_id]}, "")

    switch_to(page, login_as, world.bureau)
    page.goto(round_.get_absolute_url())
    page.get_by_role("button", name="计算得分与等次").click()
    results = page.locator("#results")
    expect(results.locator("tbody tr").first).to_contain_text("98.75")
    expect(results.locator("tbody tr").first).to_contain_text("优秀")
    expect(page.locator("#grade-chart canvas")).to_be_visible()
    page.get_by_role("button", name="开始公示").click()
    expect(page.locator("#round-status")).to_have_text("公示中")

    switch_to(page, login_as, world.host_users[2])
    page.goto(round_.get_absolute_url())
    page.locator("#objection-form").get_by_label("平台").select_option(label="威海市智能渔具重点实验室")
    page.locator("#objection-form").get_by_label("异议内容").fill("研发人员数应核实")
    page.get_by_role("button", name="提交异议").click()
    expect(page.locator(".messages")).to_contain_text("异议已提交")

    switch_to(page, login_as, world.bureau)
    page.goto(round_.get_absolute_url())
    page.get_by_label("发布文号").fill("威科字〔2026〕1号")
    page.get_by_role("button", name="发布评价结果").click()
    expect(page.locator(".messages")).to_contain_text("还有未处理的公示异议")
    page.locator("#objections").get_by_label("处理意见").fill("经核实，数据与年度统计一致")
    page.get_by_role("button", name="处理异议").click()
    expect(page.locator("#objections")).to_contain_text("异议不成立")
    page.get_by_label("发布文号").fill("威科字〔2026〕1号")
    page.get_by_role("button", name="发布评价结果").click()
    expect(page.locator(".messages")).to_contain_text("奖补、整改任务已进入任务台账")

    switch_to(page, login_as, world.host_users[0])
    page.goto(world.labs[0].get_absolute_url())
    panel = page.locator("#evaluation-panel")
    expect(panel).to_contain_text("第 1 名 / 共 3 家")
    expect(panel.locator(".reward")).to_contain_text(
        "市级重点实验室、技术创新中心、临床医学研究中心绩效补助 最高 500,000.00 元"
    )

    switch_to(page, login_as, world.host_users[2])
    page.goto(world.labs[2].get_absolute_url())
    expect(page.locator("#evaluation-panel .task")).to_contain_text(
        "限期整改：威海市智能渔具重点实验室绩效评价不合格整改"
    )
    expect(page.locator("#evaluation-panel .task")).to_contain_text(
        (timezone.localdate() + dt.timedelta(days=180)).isoformat()
    )

    switch_to(page, login_as, world.bureau)
    page.get_by_role("link", name="任务台账").click()
    expect(page.locator("main")).to_contain_text("威海市智能渔具重点实验室绩效评价不合格整改")
    expect(page.locator("main")).to_contain_text("兑现威海市海洋新材料重点实验室")
