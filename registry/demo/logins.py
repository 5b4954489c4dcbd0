"""One demo account per role: the bureau and the officer in Zibo, the enterprise the calculator pays most.

The password is public (it is printed by `kechuang demo` and written in the README): these accounts
exist for trying the product and must never be created on a production installation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, Max, OuterRef

from accounts.models import Role, User
from registry.demo.cities import ZIBO
from registry.models import AnnualData, Organization, Person, Platform, Qualification
from registry.region_lookups import in_region
from registry.vocabulary import OrganizationKind, PersonCategory, PlatformStage

DEMO_PASSWORD = "kechuang-demo"  # noqa: S105 - public on purpose, printed by every run


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organization: str
    display_name: str

    @property
    def role_label(self) -> str:
        return Role(self.role).label


class DemoPopulationMissing(Exception):
    """The organizations the demo logins belong to are not there (the population was not loaded)."""


def _department(pattern: str) -> Organization:
    name = pattern.format(city=ZIBO.name)
    department = Organization.objects.filter(
        is_demo=True,
        kind=OrganizationKind.GOVERNMENT_DEPARTMENT,
        name=name,
    ).first()
    if department is None:
        raise DemoPopulationMissing(f"找不到演示机构“{name}”。")
    return department


def showcase_enterprise() -> Organization:
    """The demo enterprise that shows the policy calculator best: among those with qualifications, yearly
    data and an approved platform, the one the shipped rules pay most in its latest reported year."""
    # The demo wires every app together, so it may ask the calculator; the registry proper never does.
    from benefits.calculator import Calculator, load_rulebook, parse_snapshot
    from benefits.snapshots import snapshots_for

    candidates = (
        Organization.objects.filter(is_demo=True, kind=OrganizationKind.ENTERPRISE)
        .filter(
            Exists(Qualification.objects.filter(organization=OuterRef("pk"))),
            Exists(AnnualData.objects.filter(organization=OuterRef("pk"))),
            Exists(Platform.objects.filter(host=OuterRef("pk"), stage=PlatformStage.APPROVED)),
        )
        .order_by("uscc")
    )
    year = AnnualData.objects.filter(organization__in=candidates).aggregate(latest=Max("year"))["latest"]
    if year is None:
        raise DemoPopulationMissing("找不到有资质、年度数据和认定平台的演示企业。")
    rulebook = load_rulebook()
    calculator = Calculator(rulebook)
    totals = [
        (calculator.evaluate(parse_snapshot(snapshot), year).total, organization)
        for organization, snapshot in snapshots_for(candidates, year, rulebook)
    ]
    # Highest total first; the USCC order of the candidates breaks ties, so the choice is deterministic.
    return max(totals, key=lambda pair: pair[0])[1]


def _expert(user: User | None) -> Person:
    linked = Person.objects.filter(user=user).first() if user else None
    if linked is not None:
        return linked
    person = (
        Person.objects.filter(
            in_region(ZIBO.code, "organization__region"),
            is_demo=True,
            category=PersonCategory.EXPERT,
            user__isnull=True,
        )
        .order_by("id")
        .first()
    )
    if person is None:
        raise DemoPopulationMissing(f"找不到{ZIBO.name}市的演示专家。")
    return person


def _account(
    username: str, role: str, organization: Organization | None, display_name: str, *, staff: bool = False
) -> User:
    user = User.objects.filter(username=username).first() or User(username=username)
    user.role, user.organization, user.display_name = role, organization, display_name
    user.is_staff = user.is_superuser = staff
    user.is_active = True
    # Reset on every run, so that the password the run prints is always the one that works.
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@transaction.atomic
def ensure_demo_logins() -> list[DemoLogin]:
    """Create or refresh the four demo accounts; running it again changes nothing."""
    bureau = _department("{city}市科学技术局")
    officer_department = _department("{city}市工业和信息化局")
    enterprise = showcase_enterprise()
    expert = _expert(User.objects.filter(username="demo-expert").first())
    accounts = [
        _account("demo-bureau", Role.BUREAU_ADMIN, bureau, "王丽（演示）", staff=True),
        _account("demo-officer", Role.DEPARTMENT_OFFICER, officer_department, "刘强（演示）"),
        _account("demo-enterprise", Role.ENTERPRISE_USER, enterprise, "赵敏（演示）"),
        # An expert edits their own person record, not their employer's, so no organization.
        _account("demo-expert", Role.EXPERT, None, f"{expert.name}（演示）"),
    ]
    if expert.user_id != accounts[-1].pk:
        expert.user = accounts[-1]
        expert.save(update_fields=["user"])
    # The expert's row names the organization they work in, which their account deliberately lacks.
    places = [
        bureau.name,
        officer_department.name,
        enterprise.name,
        expert.organization.name if expert.organization else "",
    ]
    return [
        DemoLogin(user.username, user.role, place, user.display_name)
        for user, place in zip(accounts, places, strict=True)
    ]
