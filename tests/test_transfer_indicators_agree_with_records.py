"""The technology-contract indicators count registered contracts where the seller is: the headline value,
the dashboard's series and the drill-down records agree, and Binzhou's growth target is computed from
the records by `kechuang targets`."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from planning import indicators, plans
from planning.indicators import SeriesRequest
from tests.factories import OrganizationFactory
from tests.transfer_helpers import weihai_enterprise
from transfer import registration
from transfer.models import Contract

pytestmark = pytest.mark.django_db


def registered(seller, buyer, amount: str, on: dt.date, contract_type: str = "development") -> Contract:
    return Contract.objects.create(
        title="合同",
        contract_type=contract_type,
        seller=seller,
        seller_name=seller.name,
        seller_uscc=seller.uscc,
        seller_kind=seller.kind,
        seller_region_id=seller.region_id,
        buyer=buyer,
        buyer_name=buyer.name,
        buyer_uscc=buyer.uscc,
        buyer_kind=buyer.kind,
        buyer_region_id=buyer.region_id,
        signed=on,
        amount_yuan=Decimal(amount),
        technical_amount_yuan=Decimal(amount) / 2,
        status="registered",
        registered=on,
        registration_no=f"{on:%Y%m%d}{Contract.objects.count():06d}",
    )


@pytest.fixture
def binzhou_contracts() -> dict[str, Contract]:
    seller = OrganizationFactory(name="滨州某研究院", kind="research_institute", region_id="371602")
    buyer = weihai_enterprise()
    elsewhere = OrganizationFactory(name="淄博卖方", region_id="370302")
    return {
        "last_year": registered(seller, buyer, "1000000", dt.date(2019, 5, 10)),
        "last_year_late": registered(seller, buyer, "3000000", dt.date(2019, 11, 10)),
        "this_year": registered(seller, buyer, "1200000", dt.date(2020, 4, 1)),
        "this_year_consulting": registered(seller, buyer, "300000", dt.date(2020, 6, 1), "consulting"),
        "outside_binzhou": registered(elsewhere, buyer, "9000000", dt.date(2020, 4, 1)),
    }


def compute(key: str, params: dict, on: dt.date) -> tuple[Decimal, list[str]]:
    value, records = indicators.compute(key, "371600", params, on)
    series = indicators.compute_series(key, "371600", params, [on])
    assert series == [value]
    return value, [contract.registration_no for contract in records]


def test_turnover_counts_the_year_to_date_in_the_unit(binzhou_contracts):
    value, numbers = compute("registered_contract_turnover", {"unit": "万元"}, dt.date(2020, 12, 31))
    assert value == Decimal("150")
    assert numbers == [
        binzhou_contracts["this_year"].registration_no,
        binzhou_contracts["this_year_consulting"].registration_no,
    ]
    value, _ = compute(
        "registered_contract_turnover",
        {"unit": "元", "types": ["development"], "amount": "technical_amount_yuan"},
        dt.date(2020, 12, 31),
    )
    assert value == Decimal("600000")


def test_growth_compares_with_the_same_period_of_last_year(binzhou_contracts):
    value, numbers = compute("registered_contract_turnover_growth", {}, dt.date(2020, 6, 30))
    assert value == Decimal("50.00")  # 150万 against 100万 by 30 June 2019
    assert len(numbers) == 3
    value, _ = compute("registered_contract_turnover_growth", {}, dt.date(2020, 12, 31))
    assert value == Decimal("-62.50")  # 150万 against 400万


def test_a_cancelled_registration_stops_counting(binzhou_contracts):
    registration.cancel(binzhou_contracts["this_year"], dt.date(2020, 7, 1), "合同解除")
    value, _ = compute("registered_contract_turnover", {"unit": "万元"}, dt.date(2020, 12, 31))
    assert value == Decimal("30")


def test_series_of_many_dates_and_regions_agree_with_each_count(binzhou_contracts):
    dates = [dt.date(2019, 12, 31), dt.date(2020, 6, 30), dt.date(2020, 12, 31)]
    requests = [
        SeriesRequest("371600", {"unit": "万元"}, dates),
        SeriesRequest("370300", {"unit": "万元"}, dates),
    ]
    definition = indicators.definition_for("registered_contract_turnover")
    counted = definition.series(requests)
    for request, values in zip(requests, counted, strict=True):
        for on, value in zip(request.dates, values, strict=True):
            assert value == definition.value(definition.records(request.region, request.params, on))
    assert counted == [[Decimal(400), Decimal(150), Decimal(150)], [Decimal(0), Decimal(900), Decimal(900)]]


def test_binzhou_growth_target_is_computed_by_targets(binzhou_contracts):
    plans.load_all()
    out = io.StringIO()
    call_command("targets", "--region", "371600", "--json", stdout=out)
    growth = next(
        row for row in json.loads(out.getvalue()) if row["code"] == "binzhou2020-contract-turnover-growth"
    )
    assert growth["actuals"] == [{"year": 2020, "value": -62.5, "source": growth["actuals"][0]["source"]}]
    assert growth["status"] == "off_track"
