"""Registration statistics by region, type, field, party kind and year: every cell's figures are the sums
of the contracts its drill-down lists, the cells add up to the total, and a cancelled registration
leaves every cell."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import OrganizationFactory
from tests.test_transfer_indicators_agree_with_records import registered
from tests.transfer_helpers import weihai_enterprise
from transfer import registration
from transfer.statistics import DIMENSIONS, breakdown, cell_records, counted

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts():
    institute = OrganizationFactory(name="滨州某研究院", kind="research_institute", region_id="371602")
    university = OrganizationFactory(name="淄博某大学", kind="university", region_id="370302")
    buyer = weihai_enterprise()
    found = [
        registered(institute, buyer, "1000000", dt.date(2024, 5, 10)),
        registered(institute, buyer, "3000000", dt.date(2025, 3, 10), "consulting"),
        registered(university, buyer, "500000", dt.date(2025, 6, 1)),
        registered(university, institute, "250000", dt.date(2025, 7, 1), "service"),
    ]
    found[0].field = "新材料"
    found[0].save()
    return found


@pytest.mark.parametrize("by", sorted(DIMENSIONS))
def test_every_cell_is_the_sum_of_its_drill_down_and_cells_add_up(contracts, by):
    table = breakdown(counted(), by)

    assert table.contracts == 4
    assert table.amount_yuan == Decimal("4750000")
    assert table.technical_amount_yuan == Decimal("2375000")
    for cell in table.cells:
        records = list(cell_records(counted(), by, cell.code))
        assert len(records) == cell.contracts
        assert sum(c.amount_yuan for c in records) == cell.amount_yuan
        assert sum(c.technical_amount_yuan for c in records) == cell.technical_amount_yuan


def test_cells_are_named_and_grouped_as_people_read_them(contracts):
    by_region = {cell.name: cell.amount_yuan for cell in breakdown(counted(), "region").cells}
    assert by_region == {"滨州市": Decimal("4000000"), "淄博市": Decimal("750000")}
    by_type = {cell.name: cell.contracts for cell in breakdown(counted(), "type").cells}
    assert by_type == {"技术开发": 2, "技术咨询": 1, "技术服务": 1}
    by_buyer = {cell.name: cell.contracts for cell in breakdown(counted(), "buyer_kind").cells}
    assert by_buyer == {"企业": 3, "科研院所": 1}
    by_year = {cell.code: cell.contracts for cell in breakdown(counted(), "year").cells}
    assert by_year == {"2024": 1, "2025": 3}
    assert {cell.name for cell in breakdown(counted(), "field").cells} == {"新材料", "未填写"}


def test_region_and_year_narrow_the_population(contracts):
    table = breakdown(counted(region="371600", year=2025), "type")
    assert table.contracts == 1
    assert table.amount_yuan == Decimal("3000000")


def test_a_cancelled_registration_leaves_every_cell(contracts):
    registration.cancel(contracts[1], dt.date(2025, 8, 1), "重复登记")
    assert breakdown(counted(), "year").contracts == 3
    assert [c.pk for c in cell_records(counted(), "type", "consulting")] == []
