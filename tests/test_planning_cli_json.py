"""`kechuang targets --json` and `kechuang tasks --json` print exactly the keys of contracts 5 and 6."""

import io
import json

import pytest
from django.core.management import call_command

from planning import demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def loaded() -> None:
    demo.load(io.StringIO())


def run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_targets_json_has_contract_keys_and_filters_by_region() -> None:
    rows = run("targets", "--region", "520400", "--json")
    assert len(rows) == 8
    assert {row["region"] for row in rows} == {"520400"}
    for row in rows:
        assert set(row) == {
            "code",
            "name",
            "unit",
            "region",
            "policy",
            "clause",
            "responsible_units",
            "baseline",
            "targets",
            "actuals",
            "status",
        }
        assert row["status"] in {"on_track", "at_risk", "off_track", "met", "no_data"}
    academicians = next(row for row in rows if row["code"] == "anshun-academician-workstations")
    assert academicians["baseline"] == {"year": 2020, "value": 5}
    assert academicians["targets"] == [
        {"year": 2021, "value": 5, "comparator": ">="},
        {"year": 2022, "value": 5, "comparator": ">="},
        {"year": 2023, "value": 6, "comparator": ">="},
    ]
    assert academicians["policy"] == "anshun-2021-platforms" and academicians["clause"] == "附件"
    # The registry holds none of Anshun's platforms yet, so the stated baseline of 5 cannot be counted.
    assert academicians["actuals"] == [] and academicians["status"] == "no_data"


def test_targets_json_lists_reported_actuals_with_their_source(bureau_admin) -> None:
    from decimal import Decimal

    from planning.models import Indicator
    from planning.monitor import report_value

    report_value(
        Indicator.objects.get(code="zibo2023-rd-intensity"),
        year=2024,
        value=Decimal("3.12"),
        source="2024年统计公报",
        by=bureau_admin,
    )
    row = next(
        r for r in run("targets", "--region", "370300", "--json") if r["code"] == "zibo2023-rd-intensity"
    )
    assert row["actuals"] == [{"year": 2024, "value": 3.12, "source": "2024年统计公报"}]
    assert row["status"] == "on_track"


def test_tasks_json_has_contract_keys_and_filters_by_unit_in_any_form() -> None:
    rows = run("tasks", "--unit", "淄博市人民政府国有资产监督管理委员会", "--json")
    assert [row["title"] for row in rows] == ["推动国有企业创新示范"]
    row = rows[0]
    assert set(row) == {
        "id",
        "policy",
        "clause",
        "title",
        "lead_units",
        "cooperating_units",
        "deadline",
        "status",
        "progress",
    }
    assert row == {
        **row,
        "policy": "zibo-2023-sci-province",
        "clause": "五.10",
        "lead_units": ["市国资委", "市财政局"],
        "cooperating_units": ["市科技局"],
        "deadline": "2027-12-31",
        "status": "not_started",
        "progress": 0,
    }
    assert len(run("tasks", "--json")) == 101
