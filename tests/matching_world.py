"""A small city for the matching tests: one record of every indexed kind, indexed through the signals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from policies.models import Clause, DocumentStatus, PolicyDocument
from registry import models as registry
from tests.factories import OrganizationFactory, PlatformFactory


@dataclass
class World:
    enterprise: registry.Organization
    university: registry.Organization
    agency: registry.Organization
    other_enterprise: registry.Organization
    expert: registry.Person
    far_expert: registry.Person
    achievement: registry.Achievement
    unrelated_achievement: registry.Achievement
    platform: registry.Platform
    instrument: registry.Instrument
    need: registry.TechnologyNeed
    policy: PolicyDocument
    clause: Clause


def build_world() -> World:
    enterprise = OrganizationFactory(
        name="淄博蓝海新材料有限公司",
        industry="新能源",
        region_id="370303",
        description="生产动力电池正极材料。",
    )
    university = OrganizationFactory(
        name="山东理工大学", kind="university", region_id="370303", industry="高等教育"
    )
    agency = OrganizationFactory(
        name="淄博市技术转移服务中心",
        kind="service_agency",
        region_id="370302",
        industry="技术转移",
        description="提供锂电池正极材料技术评估与成果转化服务。",
    )
    other_enterprise = OrganizationFactory(
        name="威海远洋电池科技有限公司",
        region_id="371002",
        industry="新能源",
        description="锂电池正极材料的规模化生产。",
    )
    far = OrganizationFactory(
        name="贵州茶叶研究所", kind="research_institute", region_id="520402", industry="茶叶"
    )
    expert = registry.Person.objects.create(
        name="张立新",
        title="教授",
        fields="锂电池、正极材料",
        organization=university,
        bio="长期从事锂离子电池正极材料研究。",
    )
    far_expert = registry.Person.objects.create(
        name="王茶", title="研究员", fields="茶叶加工", organization=far, bio="茶叶深加工。"
    )
    achievement = registry.Achievement.objects.create(
        title="高镍三元正极材料低成本制备技术",
        owner=university,
        field="新能源",
        maturity="pilot",
        transfer_mode="licensing",
        description="一种用于锂电池的高镍三元正极材料制备方法，循环寿命提高30%。",
        published=dt.date(2025, 5, 1),
    )
    unrelated = registry.Achievement.objects.create(
        title="高山茶园病虫害绿色防控技术",
        owner=far,
        field="现代农业",
        maturity="mature",
        transfer_mode="transfer",
        description="茶园病虫害防控。",
        published=dt.date(2025, 6, 1),
    )
    platform = PlatformFactory(
        name="山东省锂电池材料工程技术研究中心",
        host=university,
        region_id="370303",
        field="新能源",
        stage="approved",
        level="provincial",
        description="正极材料与电池测试。",
    )
    instrument = registry.Instrument.objects.create(
        name="电池充放电测试仪",
        owner=university,
        category="电池测试",
        value_yuan=Decimal("350000"),
        status="available",
    )
    need = registry.TechnologyNeed.objects.create(
        title="动力电池正极材料循环寿命提升",
        enterprise=enterprise,
        field="新能源",
        budget_yuan=Decimal("800000"),
        description="寻求锂电池高镍正极材料的改性技术，提高循环寿命。",
    )
    policy = PolicyDocument.objects.create(
        code="zibo-test",
        title="淄博市支持新能源产业发展的若干政策",
        region_id="370300",
        text="第一条 支持动力电池企业。",
        status=DocumentStatus.CONFIRMED,
    )
    clause = Clause.objects.create(
        document=policy,
        path="一",
        heading="支持动力电池",
        text="对动力电池正极材料研发给予最高500万元支持。",
        order=1,
        start=0,
        end=10,
    )
    return World(
        enterprise,
        university,
        agency,
        other_enterprise,
        expert,
        far_expert,
        achievement,
        unrelated,
        platform,
        instrument,
        need,
        policy,
        clause,
    )
