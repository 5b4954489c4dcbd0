"""`registry.region_lookups.in_region` is the one way to say "inside a region" in a query: it agrees with the
database-free containment of `registry.adcodes` on the whole region table, follows any path to a region and
never fails on a code nobody has (a query-string value)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from kechuang.env import env_region_codes
from matching.models import SearchDocument, Subscription
from matching.notices import fits
from registry.adcodes import region_contains
from registry.models import Organization, Person, Region
from registry.region_lookups import in_any_region, in_region
from tests.factories import OrganizationFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code", ["000000", "370000", "370300", "371000", "370322", "520400", "3703", "39", "abc"]
)
def test_in_region_agrees_with_the_codes_on_every_region(code: str) -> None:
    codes = list(Region.objects.values_list("code", flat=True))
    expected = {inner for inner in codes if region_contains(code, inner)}
    assert set(Region.objects.filter(in_region(code, "code")).values_list("code", flat=True)) == expected


@pytest.mark.django_db
def test_in_region_follows_a_path_to_the_region() -> None:
    zibo = OrganizationFactory(name="淄博在区公司", region_id="370303")
    weihai = OrganizationFactory(name="威海在区公司", region_id="371002")
    rizhao = OrganizationFactory(name="日照在区公司", region_id="371102")
    Person.objects.create(name="淄博专家", organization=zibo)
    Person.objects.create(name="威海专家", organization=weihai)
    city = Region.objects.get(code="371000")

    assert set(Organization.objects.filter(in_region(city))) == {weihai}
    assert list(
        Person.objects.filter(in_region("370300", "organization__region")).values_list("name", flat=True)
    ) == ["淄博专家"]
    assert set(Organization.objects.filter(in_any_region({"370300", "371100"}))) == {zibo, rizhao}
    assert Organization.objects.filter(in_region("370000")).count() == 3


@pytest.mark.django_db
def test_the_whole_country_keeps_records_without_a_region() -> None:
    Person.objects.create(name="无单位专家", organization=None)
    assert Person.objects.filter(in_region("000000", "organization__region")).count() == 1
    assert Person.objects.filter(in_region("370000", "organization__region")).count() == 0


@pytest.mark.django_db
def test_the_served_regions_come_from_settings(settings) -> None:
    settings.SERVED_REGIONS = ["520000", "520400"]
    page = Client().get("/").content.decode()
    assert "安顺市" in page
    assert "淄博市" not in page


def test_a_region_setting_that_is_not_a_code_fails_loudly(monkeypatch) -> None:
    monkeypatch.setenv("KECHUANG_REGIONS", "370300,淄博")
    with pytest.raises(ImproperlyConfigured, match="KECHUANG_REGIONS"):
        env_region_codes("KECHUANG_REGIONS", [])
    monkeypatch.setenv("KECHUANG_REGIONS", "370300, 520400")
    assert env_region_codes("KECHUANG_REGIONS", []) == ["370300", "520400"]


@pytest.mark.parametrize(
    ("subscribed", "record", "fits_it"),
    [
        ("371000", "371002", True),
        ("371000", "371102", False),  # 日照 is not inside 威海 (371000 once read as the prefix 371)
        ("370000", "370303", True),
        ("370300", "", False),
    ],
)
def test_a_subscription_to_a_region_hears_of_records_inside_it_only(subscribed, record, fits_it) -> None:
    subscription = Subscription(region=subscribed, kinds=[], keywords="")
    document = SearchDocument(kind="need", region=record, title="需求", terms="需求")
    assert fits(subscription, document) is fits_it
