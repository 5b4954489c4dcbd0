"""The split of a voucher-paid fee between levels comes from the rule book, not from the sharing app."""

import datetime as dt
from decimal import Decimal

import pytest

from sharing import split
from tests.factories import OrganizationFactory
from tests.sharing_helpers import small_enterprise

WEIHAI_DAY = dt.date(2024, 6, 1)
ZIBO_DAY = dt.date(2024, 6, 1)  # Zibo 2020 is in force until 2025-04-09


def levels(parts):
    return {part.level: part.amount_yuan for part in parts}


@pytest.mark.django_db
def test_weihai_pays_20_percent_on_top_of_the_provinces_40():
    enterprise = OrganizationFactory(region_id="371002")
    small_enterprise(enterprise, 2024)
    parts = split.split(enterprise, Decimal("100000"), WEIHAI_DAY)
    assert levels(parts) == {"provincial": Decimal("40000.00"), "municipal": Decimal("20000.00")}
    assert {part.rule for part in parts} == {"weihai-2023.innovation-voucher"}


@pytest.mark.django_db
def test_zibo_matches_the_province_one_to_one():
    enterprise = OrganizationFactory(region_id="370303")
    small_enterprise(enterprise, 2024)
    parts = split.split(enterprise, Decimal("100000"), ZIBO_DAY)
    assert levels(parts) == {"provincial": Decimal("40000.00"), "municipal": Decimal("40000.00")}
    assert [p.rule for p in parts if p.level == "municipal"] == ["zibo-2020.innovation-voucher"]


@pytest.mark.parametrize("county", ["370322", "370323"])
@pytest.mark.django_db
def test_gaoqing_and_yiyuan_pay_30_percent_of_the_cost_at_county_level(county):
    enterprise = OrganizationFactory(region_id=county)
    small_enterprise(enterprise, 2024)
    parts = split.split(enterprise, Decimal("250000"), ZIBO_DAY)
    assert levels(parts) == {"provincial": Decimal("100000.00"), "county": Decimal("75000.00")}


@pytest.mark.django_db
def test_a_large_enterprise_gets_only_the_provincial_part():
    enterprise = OrganizationFactory(region_id="371002")
    small_enterprise(enterprise, 2024)
    enterprise.annual_data.filter(year=2024).update(employees=1500, revenue=Decimal("800000000"))
    assert levels(split.split(enterprise, Decimal("100000"), WEIHAI_DAY)) == {
        "provincial": Decimal("40000.00")
    }


@pytest.mark.django_db
def test_after_the_zibo_policy_expired_the_city_pays_nothing():
    enterprise = OrganizationFactory(region_id="370303")
    small_enterprise(enterprise, 2026)
    assert "municipal" not in levels(split.split(enterprise, Decimal("100000"), dt.date(2026, 3, 1)))


def test_a_smaller_amount_is_shared_in_proportion_and_adds_up_to_the_fen():
    parts = [
        split.Part("provincial", Decimal("40000.00"), "r", "c"),
        split.Part("municipal", Decimal("20000.00"), "r", "c"),
    ]
    pieces = split.apportion(parts, Decimal("1000.01"))
    assert [piece.amount_yuan for piece in pieces] == [Decimal("666.67"), Decimal("333.34")]
    assert sum(piece.amount_yuan for piece in pieces) == Decimal("1000.01")
