"""A bureau administrator registers an organization, trips over a wrong USCC, fixes it and finds it again."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from registry.models import Organization
from registry.validators import make_uscc
from tests.factories import DepartmentFactory, OrganizationFactory, persona


def test_bureau_admin_creates_organization_after_fixing_the_uscc(page, login_as) -> None:
    OrganizationFactory(name="淄博远山精密机械有限公司")
    login_as(persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj"))
    valid = make_uscc("91", "370300", 5150)
    main_nav = page.get_by_role("navigation", name="主导航")
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")

    main_nav.get_by_role("link", name="机构", exact=True).click()
    page.get_by_role("link", name="新增机构").click()
    page.get_by_label("名称", exact=True).fill("淄博蓝海新材料有限公司")
    page.get_by_label("统一社会信用代码").fill(wrong)
    page.get_by_label("机构类型").select_option(label="企业")
    page.get_by_label("所在地区").select_option("370303")
    page.get_by_label("所属行业").fill("新材料")
    page.get_by_role("button", name="保存").click()

    expect(page.locator(".field.has-error .errorlist")).to_contain_text("统一社会信用代码校验位错误")
    assert not Organization.objects.filter(name="淄博蓝海新材料有限公司").exists()

    page.get_by_label("统一社会信用代码").fill(valid)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已保存机构“淄博蓝海新材料有限公司”")
    expect(page.locator("h1")).to_have_text("淄博蓝海新材料有限公司")
    assert Organization.objects.get(uscc=valid).region_id == "370303"

    main_nav.get_by_role("link", name="机构", exact=True).click()
    page.get_by_role("main").get_by_role("searchbox").fill("蓝海")
    page.get_by_role("main").get_by_role("searchbox").press("Enter")
    results = page.locator("#results")
    expect(results).to_contain_text("共 1 条")
    expect(results.get_by_role("link", name="淄博蓝海新材料有限公司")).to_be_visible()
    expect(results).not_to_contain_text("淄博远山精密机械有限公司")
    # The search is in the address, so it can be bookmarked and shared.
    expect(page).to_have_url(re.compile(r"q=%E8%93%9D%E6%B5%B7"))
