"""A snapshot from the database holds every year of yearly data some rule reads, computed from the
rulebook (annual(key, -N) and the prev_ names), not from a constant."""

import pytest

from benefits.calculator import load_rulebook
from benefits.calculator.expressions import ExpressionError, compile_expression
from benefits.calculator.rules import build_rulebook
from benefits.rule_store import shipped_documents
from benefits.snapshots import snapshot_for
from tests.factories import AnnualDataFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _reading_five_years_back() -> list[tuple[str, dict]]:
    """The shipped rules with one intermediate value added to the growth reward: revenue five years back."""
    documents = []
    for name, document in shipped_documents():
        rules = [
            {**rule, "values": {**rule.get("values", {}), "old_revenue": "annual('revenue', -5)"}}
            if rule["id"] == "weihai-2023.high-tech-growth"
            else rule
            for rule in document["rules"]
        ]
        documents.append((name, {**document, "rules": rules}))
    return documents


def test_shipped_rules_read_three_years_back_for_the_growth_reward() -> None:
    rulebook = load_rulebook()
    assert rulebook.years_read(2025) == range(2022, 2026)
    assert rulebook.by_id["weihai-2023.high-tech-growth"].year_offsets == {-3, -1, 0}


def test_snapshot_loads_every_year_the_rulebook_reads() -> None:
    organization = OrganizationFactory()
    for year in range(2018, 2026):
        AnnualDataFactory(organization=organization, year=year)

    assert sorted(snapshot_for(organization, 2025)["annual"]) == ["2022", "2023", "2024", "2025"]
    further = build_rulebook(_reading_five_years_back())
    assert further.years_read(2025) == range(2020, 2026)
    assert sorted(snapshot_for(organization, 2025, further)["annual"]) == [str(y) for y in range(2020, 2026)]


def test_a_year_offset_must_be_written_as_a_whole_number() -> None:
    assert compile_expression("annual('revenue', -2)").annual_offsets == {-2}
    with pytest.raises(ExpressionError, match="年份偏移"):
        compile_expression("annual('revenue', year - 2020)")
