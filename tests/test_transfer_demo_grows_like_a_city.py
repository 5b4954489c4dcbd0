"""The transfer demo: an office, an agency with brokers and registered contracts in each city, turnover
growing year on year, loaded once however often `kechuang demo` runs."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from planning import indicators
from transfer import demo
from transfer.models import Broker, Contract, RegistrationOffice

pytestmark = pytest.mark.django_db


def test_demo_contracts_are_registered_in_every_city_and_grow(run_demo):
    run_demo()
    demo.load(io.StringIO())
    count = Contract.objects.count()
    demo.load(io.StringIO())

    assert Contract.objects.count() == count > 0
    assert RegistrationOffice.objects.filter(
        name="滨州市技术合同登记处", host__name="滨州市科学技术局"
    ).exists()
    assert Broker.objects.exists()
    assert (
        not Contract.objects.exclude(registered__year=dt.date.today().year)
        .filter(registered__gt=dt.date.today())
        .exists()
    )
    growth = indicators.compute_series(
        "registered_contract_turnover_growth", "371600", {}, [dt.date(2020, 12, 31)]
    )
    assert Decimal(20) < growth[0] < Decimal(45)
