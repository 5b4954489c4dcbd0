"""Record pages show their relations, hide yearly data from the public and show the audit trail."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role
from registry.models import Instrument, Person, PlatformEvent, TechnologyNeed
from tests.factories import (
    AnnualDataFactory,
    OrganizationFactory,
    PlatformFactory,
    QualificationFactory,
    persona,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization_with_relations(enterprise, department):
    QualificationFactory(organization=enterprise, certificate_no="GR202337000123")
    AnnualDataFactory(organization=enterprise, year=2023, revenue="81234567.00")
    PlatformFactory(host=enterprise, name="淄博市蓝海新材料工程技术研究中心", competent_department=department)
    Person.objects.create(name="李明", organization=enterprise, title="高级工程师")
    Instrument.objects.create(
        name="场发射扫描电镜", owner=enterprise, category="分析仪器", value_yuan="1500000"
    )
    TechnologyNeed.objects.create(title="高纯氧化铝制备工艺", enterprise=enterprise, field="新材料")
    return enterprise


def test_organization_page_lists_its_relations(client, organization_with_relations) -> None:
    page = client.get(organization_with_relations.get_absolute_url()).content.decode()
    for text in (
        "GR202337000123",
        "淄博市蓝海新材料工程技术研究中心",
        "李明",
        "场发射扫描电镜",
        "高纯氧化铝制备工艺",
        "山东省淄博市淄川区",
    ):
        assert text in page


def test_anonymous_visitor_never_sees_yearly_data(client, organization_with_relations) -> None:
    page = client.get(organization_with_relations.get_absolute_url()).content.decode()
    assert "81,234,567.00" not in page and "年度数据" not in page


def test_owner_and_staff_see_yearly_data(
    client,
    organization_with_relations,
    enterprise_user,
    department_officer,
) -> None:
    for user in (enterprise_user, department_officer):
        client.force_login(user)
        assert "81,234,567.00" in client.get(organization_with_relations.get_absolute_url()).content.decode()


def test_other_enterprise_does_not_see_yearly_data(client, organization_with_relations) -> None:
    client.force_login(persona(Role.ENTERPRISE_USER, OrganizationFactory(), username="neighbour"))
    assert "81,234,567.00" not in client.get(organization_with_relations.get_absolute_url()).content.decode()


def test_platform_page_shows_host_partners_department_and_approvals(
    client,
    enterprise,
    other_enterprise,
    department,
) -> None:
    platform = PlatformFactory(
        host=enterprise, competent_department=department, level="provincial", stage="approved"
    )
    platform.partners.add(other_enterprise)
    PlatformEvent.objects.create(
        platform=platform,
        stage="approved",
        level="provincial",
        date=dt.date(2022, 9, 1),
        document="鲁科字〔2022〕88号",
    )
    page = client.get(platform.get_absolute_url()).content.decode()
    for text in (
        enterprise.name,
        other_enterprise.name,
        department.name,
        "2022-09-01",
        "鲁科字〔2022〕88号",
        "省级认定",
    ):
        assert text in page
    assert 'id="evaluation-panel"' not in page  # no evaluation result yet, so no evaluation section


def test_audit_trail_shows_who_changed_which_field(client, bureau_admin, enterprise) -> None:
    client.force_login(bureau_admin)
    response = client.post(
        reverse("registry:organization_edit", args=[enterprise.pk]),
        {
            "name": enterprise.name,
            "uscc": enterprise.uscc,
            "kind": "enterprise",
            "region": "370303",
            "industry": "高端装备",
        },
    )
    assert response.status_code == 302
    page = client.get(enterprise.get_absolute_url()).content.decode()
    assert "变更记录" in page
    assert "所属行业" in page and "新材料" in page and "高端装备" in page
    assert "所在地区" in page and "张店区" in page
    assert str(bureau_admin) in page


def test_anonymous_visitor_does_not_see_the_audit_trail(client, enterprise) -> None:
    assert "变更记录" not in client.get(enterprise.get_absolute_url()).content.decode()
