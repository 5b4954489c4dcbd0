"""Contract 3, database form: for any organization, `kechuang benefits --entity` on the snapshot that
`kechuang snapshot USCC` prints gives the same items as `kechuang benefits --organization USCC`, and a
qualification granted in the year counts once, whichever form it arrives in.

The organizations are generated (hypothesis): qualifications granted in different years, several years
of yearly data, platforms hosted or partnered with approvals at different levels."""

import datetime as dt
import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from registry.models import AnnualData, Organization, Platform, PlatformEvent, Qualification
from registry.validators import make_uscc

REGIONS = ["370302", "370303", "370322", "371002", "371003"]
QUALIFICATIONS = ["high_tech_enterprise", "tech_sme", "specialized_sme", "little_giant"]
PLATFORM_TYPES = [
    "key_laboratory",
    "technology_innovation_center",
    "enterprise_technology_center",
    "incubator",
    "maker_space",
    "engineering_technology_research_center",
]
LEVELS = ["national", "provincial", "municipal"]
YEARS = range(2019, 2026)

days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2025, 12, 31))
yuan = st.integers(min_value=0, max_value=500_000_000).map(Decimal) | st.decimals(
    min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False
)
qualification = st.tuples(st.sampled_from(QUALIFICATIONS), days, st.integers(min_value=1, max_value=3))
yearly = st.dictionaries(
    st.sampled_from(list(YEARS)),
    st.tuples(yuan, yuan, st.integers(min_value=1, max_value=5000)),
    max_size=len(YEARS),
)
approval = st.tuples(st.sampled_from(PLATFORM_TYPES), st.sampled_from(LEVELS), days, st.booleans())
organization = st.fixed_dictionaries(
    {
        "region": st.sampled_from(REGIONS),
        "above_designated_size": st.booleans(),
        "qualifications": st.lists(qualification, max_size=4),
        "annual": yearly,
        "approvals": st.lists(approval, max_size=3),
    }
)


def _run(*args: str, **options: object) -> str:
    output = io.StringIO()
    call_command(*args, stdout=output, **options)
    return output.getvalue()


class DatabasePathEqualsFilePath(TestCase):
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(organization, st.sampled_from([2023, 2024, 2025]))
    def test_snapshot_then_entity_gives_the_items_of_organization(self, facts: dict, year: int) -> None:
        created = _create(facts)
        snapshot_text = _run("snapshot", created.uscc, "--year", str(year))
        from_database = json.loads(_run("benefits", organization=created.uscc, year=str(year), json=True))

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "entity.json"
            path.write_text(snapshot_text, encoding="utf-8")
            from_file = json.loads(_run("benefits", entity=str(path), year=str(year), json=True))
            assert from_file == from_database

            # The same facts without the grants written out as events: each grant of the year is still
            # that year's qualification_granted, once.
            snapshot = json.loads(snapshot_text)
            snapshot["events"] = [e for e in snapshot["events"] if e["type"] != "qualification_granted"]
            path.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
            without_events = json.loads(_run("benefits", entity=str(path), year=str(year), json=True))
        assert _paid(without_events) == _paid(from_database)


def _paid(result: dict) -> list[tuple]:
    return sorted((item["rule"], item["amount_yuan"], item["excluded_by"]) for item in result["items"])


_serial = iter(range(1, 10**6))


def _create(facts: dict) -> Organization:
    number = next(_serial)
    organization = Organization.objects.create(
        name=f"生成测试企业{number:05d}",
        uscc=make_uscc("91", facts["region"][:4] + "00", 7_000_000 + number),
        kind="enterprise",
        region_id=facts["region"],
        above_designated_size=facts["above_designated_size"],
    )
    for kind, granted, years in facts["qualifications"]:
        expires = dt.date(granted.year + years, granted.month, min(granted.day, 28)) - dt.timedelta(days=1)
        Qualification.objects.create(organization=organization, type=kind, granted=granted, expires=expires)
    for year, (revenue, rd_expense, employees) in facts["annual"].items():
        AnnualData.objects.create(
            organization=organization, year=year, revenue=revenue, rd_expense=rd_expense, employees=employees
        )
    partner = Organization.objects.create(
        name=f"生成测试伙伴{number:05d}",
        uscc=make_uscc("91", "370300", 6_000_000 + number),
        kind="enterprise",
        region_id="370302",
    )
    for position, (platform_type, level, day, hosted) in enumerate(facts["approvals"]):
        platform = Platform.objects.create(
            name=f"生成测试平台{number:05d}-{position}",
            platform_type=platform_type,
            stage="approved",
            level=level,
            host=organization if hosted else partner,
            region_id=facts["region"],
            field="新材料",
        )
        if not hosted:
            platform.partners.add(organization)
        PlatformEvent.objects.create(platform=platform, stage="approved", level=level, date=day)
    return organization


GROWTH = "weihai-2023.high-tech-growth"
WEIHAI = {
    "name": "威海测试企业",
    "kind": "enterprise",
    "region": "371002",
    "annual": {"2022": {"revenue": 100000000}, "2024": {"revenue": 121000000}},
}
GRANT = {"type": "high_tech_enterprise", "granted": "2025-11-20", "expires": "2028-11-19"}
EVENT = {"type": "qualification_granted", "date": "2025-11-20", "qualification": "high_tech_enterprise"}


@pytest.mark.parametrize(
    "forms",
    [{"qualifications": [GRANT]}, {"events": [EVENT]}, {"qualifications": [GRANT], "events": [EVENT]}],
    ids=["as a qualification", "as an event", "in both forms"],
)
def test_a_grant_of_the_year_counts_once_whichever_form_it_arrives_in(tmp_path: Path, forms: dict) -> None:
    path = tmp_path / "entity.json"
    path.write_text(json.dumps({**WEIHAI, **forms}, ensure_ascii=False), encoding="utf-8")
    result = json.loads(_run("benefits", entity=str(path), year="2025", json=True))
    assert [item["amount_yuan"] for item in result["items"] if item["rule"] == GROWTH] == [50000]


@pytest.mark.django_db
def test_an_unknown_uscc_is_refused_in_chinese() -> None:
    with pytest.raises(CommandError, match="找不到统一社会信用代码"):
        _run("snapshot", "91370300MA3C000000", "--year", "2025")
