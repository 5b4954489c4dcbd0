"""An expert may not review a platform of their own organization, of a partner, or of an organization they
worked with in the last three years (a registered technology contract, an achievement they contributed to)."""

import datetime as dt

import pytest
from django.utils import timezone

from evaluation.conflicts import conflicts, reviewer_pool
from matching.models import ExpertProfile, ProfileStatus
from registry.models import Achievement, Person
from tests.factories import OrganizationFactory, PlatformFactory
from tests.transfer_helpers import draft
from transfer.vocabulary import ContractStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform():
    platform = PlatformFactory(
        name="威海市海洋材料重点实验室", platform_type="key_laboratory", region_id="371002"
    )
    platform.partners.add(OrganizationFactory(name="威海海洋大学", kind="university", region_id="371002"))
    return platform


def expert(organization=None, name="张教授"):
    return Person.objects.create(name=name, category="expert", organization=organization, fields="新材料")


def test_an_expert_of_the_host_or_a_partner_is_in_conflict(platform):
    assert conflicts(expert(platform.host), platform) == ["与被评平台依托单位为同一单位"]
    partner = platform.partners.get()
    assert conflicts(expert(partner), platform) == ["与被评平台共建单位为同一单位"]
    assert conflicts(expert(OrganizationFactory(name="济南某研究院")), platform) == []
    assert conflicts(expert(None), platform) == []


def test_a_recent_registered_contract_is_a_conflict_and_an_old_one_is_not(platform):
    university = OrganizationFactory(name="山东某大学", kind="university", region_id="370102")
    reviewer = expert(university)
    contract = draft(university, platform.host)
    contract.status, contract.registered = (
        ContractStatus.REGISTERED,
        timezone.localdate() - dt.timedelta(days=400),
    )
    contract.save()
    assert conflicts(reviewer, platform) == ["近3年所在单位与被评平台有登记的技术合同"]
    contract.registered = timezone.localdate().replace(year=timezone.localdate().year - 4)
    contract.save()
    assert conflicts(reviewer, platform) == []


def test_an_achievement_with_the_host_in_the_expert_profile_is_a_conflict(platform):
    reviewer = expert(OrganizationFactory(name="青岛某研究所", kind="research_institute"))
    achievement = Achievement.objects.create(
        title="海洋防腐涂层",
        owner=platform.host,
        field="新材料",
        maturity="pilot",
        transfer_mode="licensing",
        published=timezone.localdate() - dt.timedelta(days=200),
    )
    profile = ExpertProfile.objects.create(person=reviewer, status=ProfileStatus.APPROVED)
    profile.achievements.add(achievement)
    assert conflicts(reviewer, platform) == ["近3年参与被评平台单位的科技成果：海洋防腐涂层"]


def test_the_pool_is_the_expert_library_where_it_has_approved_experts():
    registry_only, in_library = expert(name="李研究员"), expert(name="王教授")
    assert set(reviewer_pool()) == {registry_only, in_library}
    ExpertProfile.objects.create(person=in_library, status=ProfileStatus.APPROVED)
    ExpertProfile.objects.create(person=registry_only, status=ProfileStatus.PENDING)
    assert list(reviewer_pool()) == [in_library]
