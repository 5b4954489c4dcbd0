"""The indexed batch path and the full explained path give the same items for the same entities."""

from bench.calculator import population
from benefits.calculator import Calculator, load_rulebook, parse_snapshot


def test_batch_and_explained_paths_agree_on_synthetic_enterprises():
    calculator = Calculator(load_rulebook())
    compared = 0
    for data in population(400, 2024):
        snapshot = parse_snapshot(data)
        batch = calculator.evaluate(snapshot, 2024)
        explained = calculator.evaluate(snapshot, 2024, nearly=True)

        def summary(result):
            return [(i.rule.id, i.amount, i.excluded_by) for i in result.items], result.total

        assert summary(batch) == summary(explained)
        compared += len(batch.items)
    assert compared > 100
