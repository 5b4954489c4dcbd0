"""`kechuang demo`'s sharing part: instruments open for sharing, a year of usage, and the showcase
enterprise's used vouchers, which its 我的政策 then shows from the database."""

import io

import pytest

from benefits.snapshots import snapshot_for
from registry.demo.logins import showcase_enterprise
from sharing import demo
from sharing.models import Claim, SharedInstrument, Usage


@pytest.fixture
def loaded(run_demo):
    run_demo()
    output = io.StringIO()
    demo.load(output)
    return output.getvalue()


def test_the_demo_opens_instruments_and_records_a_year_of_usage(loaded):
    assert "仪器共享：开放共享仪器" in loaded
    assert SharedInstrument.objects.count() > 10
    assert Usage.objects.count() > 50
    assert all(shared.rates.count() == 3 for shared in SharedInstrument.objects.all())


def test_the_showcase_enterprise_used_its_voucher(loaded):
    enterprise = showcase_enterprise()
    claims = Claim.objects.filter(voucher__enterprise=enterprise, status="approved")
    assert claims.count() == 2
    year = claims.first().voucher.year
    events = [e for e in snapshot_for(enterprise, year)["events"] if e["type"] == "voucher_used"]
    assert len(events) == 2
    assert all(event["provincial_subsidy_yuan"] > 0 for event in events)


def test_running_it_again_changes_nothing(loaded):
    before = Usage.objects.count()
    output = io.StringIO()
    demo.load(output)
    assert "已存在" in output.getvalue()
    assert Usage.objects.count() == before
