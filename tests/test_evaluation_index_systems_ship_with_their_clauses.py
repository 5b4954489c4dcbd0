"""The shipped index systems load, can score a round, and quote their clauses word for word."""

import pytest

from evaluation import systems
from evaluation.scoring import check_system
from policies.seeds import seeds_dir

pytestmark = pytest.mark.django_db


def test_every_shipped_system_loads_and_can_score():
    loaded = systems.load_all()
    assert {system.code for system in loaded} == {
        "weihai-municipal-key-laboratories",
        "zibo-incubators",
        "weihai-transfer-agencies",
    }
    for system in loaded:
        assert check_system(systems.spec_of(system)) == []
        assert system.grade_rules.count() == 4


def test_loading_twice_changes_nothing():
    first = {s.pk: s.indicators.count() for s in systems.load_all()}
    assert {s.pk: s.indicators.count() for s in systems.load_all()} == first


def test_each_system_quotes_its_clause_from_a_seed():
    texts = "".join(path.read_text(encoding="utf-8") for path in seeds_dir().glob("*.txt"))
    for path in systems.system_files():
        data = systems.read(path)
        assert data["clause_text"] in texts, path.name
