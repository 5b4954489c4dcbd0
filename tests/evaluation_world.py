"""A Weihai round of three municipal key laboratories, their hosts' data, experts and the bureau, for the
evaluation app's tests (domain and browser alike)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role, User
from evaluation import systems
from evaluation.models import IndexSystem
from registry.models import AnnualData, Organization, Person, Platform
from tests.factories import DepartmentFactory, OrganizationFactory, PlatformFactory, persona
from tests.transfer_helpers import draft
from transfer.vocabulary import ContractStatus

SYSTEM_FILE = "weihai-municipal-key-laboratories.yaml"
# (platform, host, rd_expense, rd_staff, invention_patents, contract amount sold in the year)
LABS = (
    ("威海市海洋新材料重点实验室", "威海蓝海复合材料有限公司", 6_000_000, 60, 30, 2_500_000),
    ("威海市精密医疗器械重点实验室", "威海康泰医疗器械有限公司", 4_000_000, 25, 10, 0),
    ("威海市智能渔具重点实验室", "威海远洋渔具有限公司", 1_000_000, 5, 2, 0),
)


@dataclass
class World:
    year: int
    system: IndexSystem
    bureau: User
    labs: list[Platform]
    hosts: list[Organization]
    host_users: list[User]
    experts: list[Person]
    expert_users: list[User]
    conflicted: Person


def evaluated_year() -> int:
    return timezone.localdate().year - 1


def build() -> World:
    year = evaluated_year()
    system = systems.load(systems.read(systems.DATA_DIR / SYSTEM_FILE))
    bureau_org = DepartmentFactory(name="威海市科学技术局", region_id="371000")
    bureau = persona(Role.BUREAU_ADMIN, bureau_org, username="wh-bureau")
    buyer = OrganizationFactory(name="威海某船舶制造有限公司", region_id="371002")
    labs, hosts, users = [], [], []
    for index, (name, host_name, rd, staff, patents, sold) in enumerate(LABS):
        host = OrganizationFactory(name=host_name, region_id="371002")
        AnnualData.objects.create(
            organization=host,
            year=year,
            rd_expense=Decimal(rd),
            rd_staff=staff,
            invention_patents=patents,
            revenue=Decimal(rd * 20),
        )
        lab = PlatformFactory(
            name=name,
            platform_type="key_laboratory",
            level="municipal",
            stage="approved",
            host=host,
            region_id="371002",
            competent_department=bureau_org,
        )
        if sold:
            contract = draft(host, buyer, str(sold))
            contract.status, contract.registered = ContractStatus.REGISTERED, dt.date(year, 6, 1)
            contract.save()
        labs.append(lab)
        hosts.append(host)
        users.append(persona(Role.ENTERPRISE_USER, host, username=f"wh-lab-{index}"))
    experts, expert_users = [], []
    for index, (name, unit) in enumerate(
        (("赵教授", "山东大学（威海）"), ("钱研究员", "哈尔滨工业大学（威海）"))
    ):
        organization = OrganizationFactory(name=unit, kind="university", region_id="371002")
        user = persona(Role.EXPERT, None, username=f"wh-expert-{index}")
        experts.append(
            Person.objects.create(
                name=name, category="expert", organization=organization, fields="新材料", user=user
            )
        )
        expert_users.append(user)
    conflicted = Person.objects.create(name="孙工", category="expert", organization=hosts[0], fields="新材料")
    return World(year, system, bureau, labs, hosts, users, experts, expert_users, conflicted)
