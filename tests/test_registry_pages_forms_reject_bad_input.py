"""Create and edit forms: Chinese field errors, nothing stored on bad input, owners fixed for enterprises."""

from decimal import Decimal

import pytest
from django.urls import reverse

from registry.models import AnnualData, Instrument, Organization, Platform
from registry.validators import make_uscc

pytestmark = pytest.mark.django_db


def organization_data(**changes: str) -> dict[str, str]:
    return {
        "name": "淄博星河光电科技有限公司",
        "uscc": make_uscc("91", "370300", 4242),
        "kind": "enterprise",
        "region": "370303",
        "industry": "光电",
        **changes,
    }


def test_wrong_check_digit_shows_chinese_error_and_saves_nothing(client, bureau_admin) -> None:
    client.force_login(bureau_admin)
    good = make_uscc("91", "370300", 4242)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(reverse("registry:organization_create"), organization_data(uscc=wrong))
    assert response.status_code == 200
    assert "统一社会信用代码校验位错误" in response.content.decode()
    assert not Organization.objects.filter(name="淄博星河光电科技有限公司").exists()


def test_unknown_region_and_missing_name_are_field_errors(client, bureau_admin) -> None:
    client.force_login(bureau_admin)
    response = client.post(
        reverse("registry:organization_create"), organization_data(region="379999", name="")
    )
    errors = response.context["form"].errors
    assert errors["region"] == ["行政区划代码不存在，请从列表中选择。"]
    assert errors["name"] == ["这个字段是必填项。"]


def test_valid_organization_is_created_and_shown(client, bureau_admin) -> None:
    client.force_login(bureau_admin)
    response = client.post(reverse("registry:organization_create"), organization_data(), follow=True)
    created = Organization.objects.get(name="淄博星河光电科技有限公司")
    assert created.region_id == "370303"
    assert response.redirect_chain[-1][0] == created.get_absolute_url()
    assert "已保存机构" in response.content.decode()


def test_enterprise_user_cannot_change_its_uscc_or_kind(client, enterprise_user, enterprise) -> None:
    client.force_login(enterprise_user)
    original = enterprise.uscc
    client.post(
        reverse("registry:organization_edit", args=[enterprise.pk]),
        organization_data(
            name=enterprise.name,
            uscc=make_uscc("91", "370300", 777),
            kind="government_department",
            address="新村西路1号",
        ),
    )
    enterprise.refresh_from_db()
    assert enterprise.uscc == original and enterprise.kind == "enterprise"
    assert enterprise.address == "新村西路1号"


def test_instrument_owner_is_fixed_to_the_users_organization(
    client,
    enterprise_user,
    enterprise,
    other_enterprise,
) -> None:
    client.force_login(enterprise_user)
    client.post(
        reverse("registry:instrument_create"),
        {
            "name": "液相色谱仪",
            "owner": other_enterprise.uscc,
            "category": "分析仪器",
            "value_yuan": "356000.50",
            "status": "available",
            "shareable": "on",
        },
    )
    instrument = Instrument.objects.get(name="液相色谱仪")
    assert instrument.owner == enterprise
    assert instrument.value_yuan == Decimal("356000.50")


def test_platform_host_is_typed_as_name_or_uscc(client, bureau_admin, enterprise, other_enterprise) -> None:
    client.force_login(bureau_admin)
    data = {
        "name": "淄博市先进陶瓷技术创新中心",
        "platform_type": "technology_innovation_center",
        "host": "不存在的公司",
        "partners": "",
        "region": "370302",
    }
    response = client.post(reverse("registry:platform_create"), data)
    assert "找不到机构“不存在的公司”" in response.content.decode()
    assert not Platform.objects.exists()
    data.update(host=enterprise.name, partners=f"{other_enterprise.uscc}")
    client.post(reverse("registry:platform_create"), data)
    platform = Platform.objects.get()
    assert platform.host == enterprise and list(platform.partners.all()) == [other_enterprise]
    assert platform.stage == "reserve"


def test_money_rejects_non_numbers(client, bureau_admin, enterprise) -> None:
    client.force_login(bureau_admin)
    response = client.post(
        reverse("registry:instrument_create"),
        {
            "name": "质谱仪",
            "owner": enterprise.uscc,
            "category": "分析仪器",
            "value_yuan": "一百万",
            "status": "available",
        },
    )
    assert response.context["form"].errors["value_yuan"] == ["输入一个数字。"]
    assert not Instrument.objects.exists()


def test_yearly_data_is_checked_then_saved_per_year(client, enterprise_user, enterprise) -> None:
    client.force_login(enterprise_user)
    url = reverse("registry:organization_annual", args=[enterprise.pk])
    response = client.post(
        url,
        {"year": "2024", "revenue": "1000000", "rd_expense": "2000000", "employees": "50", "rd_staff": "60"},
    )
    errors = response.context["form"].errors
    assert errors["rd_expense"] == ["研发费用不能超过营业收入。"]
    assert errors["rd_staff"] == ["研发人员不能多于从业人员。"]
    assert not AnnualData.objects.exists()
    client.post(url, {"year": "2024", "revenue": "1000000.00", "rd_expense": "65000.00", "employees": "50"})
    client.post(url, {"year": "2024", "revenue": "1200000.00", "rd_expense": "65000.00", "employees": "52"})
    record = AnnualData.objects.get(organization=enterprise, year=2024)
    assert record.revenue == Decimal("1200000.00") and record.employees == 52


def test_department_officer_registers_platforms_under_its_own_department(
    client,
    department_officer,
    department,
    enterprise,
) -> None:
    client.force_login(department_officer)
    client.post(
        reverse("registry:platform_create"),
        {
            "name": "淄博市工业设计中心",
            "platform_type": "industrial_design_center",
            "host": enterprise.uscc,
            "competent_department": department.pk,
            "region": "370302",
        },
    )
    platform = Platform.objects.get(name="淄博市工业设计中心")
    assert platform.competent_department == department_officer.organization
    edit = client.get(reverse("registry:platform_edit", args=[platform.pk])).content.decode()
    assert f"{enterprise.name}（{enterprise.uscc}）" in edit  # the host shows by name and code


def test_organization_fields_suggest_registered_names(
    client, bureau_admin, enterprise, other_enterprise
) -> None:
    client.force_login(bureau_admin)
    form = client.get(reverse("registry:platform_create")).content.decode()
    assert 'list="id_host-suggestions"' in form and '<datalist id="id_host-suggestions">' in form
    options = client.get(
        reverse("registry:organization_suggest"), {"field": "host", "host": "蓝海"}
    ).content.decode()
    assert f'<option value="{enterprise.name}（{enterprise.uscc}）">' in options
    assert other_enterprise.name not in options
