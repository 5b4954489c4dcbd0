"""Every kind's search finds records by their own text and by the name of the organization they belong
to, for long terms (answered by the trigram index) and short ones alike."""

from decimal import Decimal

import pytest
from django.db import models

from registry.models import Achievement, Instrument, Person, Platform, TechnologyNeed
from tests.factories import OrganizationFactory, PlatformFactory


@pytest.fixture
def records(db) -> dict[type[models.Model], models.Model]:
    owner = OrganizationFactory(name="淄博华鑫精密机械有限公司")
    OrganizationFactory(name="淄博东岳化工有限公司")
    return {
        Platform: PlatformFactory(name="淄博市陶瓷工程技术研究中心", host=owner, field="先进陶瓷"),
        Person: Person.objects.create(name="王振华", fields="陶瓷材料、粉末冶金", organization=owner),
        Instrument: Instrument.objects.create(
            name="扫描电子显微镜", owner=owner, category="电子光学仪器", value_yuan=Decimal("1200000.00")
        ),
        Achievement: Achievement.objects.create(
            title="高纯氧化铝陶瓷制备技术",
            owner=owner,
            field="先进陶瓷",
            maturity="pilot",
            transfer_mode="licensing",
        ),
        TechnologyNeed: TechnologyNeed.objects.create(
            title="陶瓷轴承寿命检测", enterprise=owner, field="精密机械"
        ),
    }


@pytest.mark.parametrize("model", [Platform, Person, Instrument, Achievement, TechnologyNeed])
@pytest.mark.parametrize("text", ["华鑫精密", "华鑫"])
def test_search_reaches_the_owning_organization(records: dict, model: type[models.Model], text: str) -> None:
    assert list(model.objects.search(text)) == [records[model]]


@pytest.mark.parametrize(
    ("model", "long_text", "short_text"),
    [
        (Platform, "先进陶瓷", "陶瓷"),
        (Person, "粉末冶金", "振华"),
        (Instrument, "电子光学", "显微"),
        (Achievement, "氧化铝", "铝陶"),
        (TechnologyNeed, "轴承寿命", "轴承"),
    ],
)
def test_search_finds_own_text(
    records: dict, model: type[models.Model], long_text: str, short_text: str
) -> None:
    assert list(model.objects.search(long_text)) == [records[model]]
    assert list(model.objects.search(short_text)) == [records[model]]


@pytest.mark.parametrize("model", [Platform, Person, Instrument, Achievement, TechnologyNeed])
def test_search_leaves_out_other_organizations(records: dict, model: type[models.Model]) -> None:
    assert list(model.objects.search("东岳化工")) == []
