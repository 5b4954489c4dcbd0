"""Factories with lazy values, shared by every app's tests."""

import datetime as dt
from decimal import Decimal

import factory

from accounts.models import Role, User
from registry import models
from registry.validators import make_uscc
from registry.vocabulary import OrganizationKind, PlatformStage, PlatformType


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"淄博测试科技有限公司{n:04d}")
    uscc = factory.Sequence(lambda n: make_uscc("91", "370300", 9_000_000 + n))
    kind = OrganizationKind.ENTERPRISE
    region_id = "370302"
    industry = "新材料"


class DepartmentFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"淄博市测试局{n:03d}")
    uscc = factory.Sequence(lambda n: make_uscc("11", "370300", 8_000_000 + n))
    kind = OrganizationKind.GOVERNMENT_DEPARTMENT
    region_id = "370300"


class AnnualDataFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AnnualData

    organization = factory.SubFactory(OrganizationFactory)
    year = 2023
    revenue = Decimal("80000000")
    rd_expense = Decimal("5000000")
    employees = 200


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Qualification

    organization = factory.SubFactory(OrganizationFactory)
    type = "high_tech_enterprise"
    granted = dt.date(2023, 12, 1)
    expires = dt.date(2026, 11, 30)


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Platform

    name = factory.Sequence(lambda n: f"淄博市测试工程技术研究中心{n:03d}")
    platform_type = PlatformType.ENGINEERING_TECHNOLOGY_RESEARCH_CENTER
    stage = PlatformStage.RESERVE
    host = factory.SubFactory(OrganizationFactory)
    region_id = "370302"
    field = "新材料"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "kechuang-test")

    @classmethod
    def _after_postgeneration(cls, instance: User, create: bool, results: dict | None = None) -> None:
        if create:
            instance.save()


def persona(role: str, organization: models.Organization | None = None, **extra: object) -> User:
    return UserFactory(role=role, organization=organization, **extra)


def weihai_rd_city(rd_expense_2024: dict[str, int]) -> None:
    """Above-size high-tech enterprises in Weihai (环翠区) whose R&D expense grew from 10 million yuan in
    2023 to the given 2024 figure, by name, and a national platform approved in 2024 outside Weihai."""
    for name, rd_2024 in rd_expense_2024.items():
        organization = OrganizationFactory(name=name, region_id="371002", above_designated_size=True)
        QualificationFactory(organization=organization, granted=dt.date(2023, 12, 1))
        AnnualDataFactory(organization=organization, year=2023, rd_expense=Decimal(10_000_000))
        AnnualDataFactory(organization=organization, year=2024, rd_expense=Decimal(rd_2024))
    platform = PlatformFactory(
        host=OrganizationFactory(name="淄博平台公司"), stage="approved", level="national"
    )
    models.PlatformEvent.objects.create(
        platform=platform, stage="approved", level="national", date=dt.date(2024, 3, 1)
    )


__all__ = ["Role"]
