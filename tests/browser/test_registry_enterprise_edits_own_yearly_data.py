"""An enterprise user keeps its own yearly figures and is turned away from another organization's pages."""

from playwright.sync_api import expect

from accounts.models import Role
from registry.models import AnnualData
from tests.factories import OrganizationFactory, persona


def test_enterprise_user_edits_own_yearly_data_and_is_refused_elsewhere(page, login_as, site) -> None:
    own = OrganizationFactory(name="淄博蓝海新材料有限公司")
    other = OrganizationFactory(name="淄博远山精密机械有限公司")
    login_as(persona(Role.ENTERPRISE_USER, own, username="lanhai"))

    page.goto(own.get_absolute_url())
    page.get_by_role("link", name="填报年度数据").click()
    page.get_by_label("年度", exact=True).fill("2024")
    page.get_by_label("营业收入（元）").fill("82000000.00")
    page.get_by_label("研发费用（元）").fill("90000000")
    page.get_by_label("从业人员").fill("230")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".errorlist")).to_contain_text("研发费用不能超过营业收入。")
    assert not AnnualData.objects.exists()

    page.get_by_label("研发费用（元）").fill("5600000.00")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已保存淄博蓝海新材料有限公司2024年度数据")
    expect(page.locator("table")).to_contain_text("82,000,000.00")
    saved = AnnualData.objects.get(organization=own, year=2024)
    assert str(saved.rd_expense) == "5600000.00" and saved.employees == 230

    response = page.goto(f"/registry/organizations/{other.pk}/edit/")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("无权访问")
    response = page.goto(f"/registry/organizations/{other.pk}/annual/")
    assert response is not None and response.status == 403
