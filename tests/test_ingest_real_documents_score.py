"""The real corpus (public documents nobody here wrote, tests/fixtures/real/, sources in
tests/fixtures/gold/SOURCES.md) keeps the scores README reports: F1 ≥ 0.9 on every field of every round,
across at least 20 documents in every format the product reads."""

from bench.ingest import FIELDS, REAL_ROUNDS, real_documents, score_set


def test_the_corpus_has_twenty_documents_in_every_format():
    documents = [document for round_name in REAL_ROUNDS for document in real_documents(round_name)]
    assert len(documents) >= 20
    assert {source.suffix for _, source, _ in documents} == {".txt", ".docx", ".html", ".pdf"}


def test_every_field_of_every_round_keeps_f1_090():
    low = {}
    for round_name in REAL_ROUNDS:
        result = score_set(real_documents(round_name))
        assert set(result["fields"]) == set(FIELDS)
        low |= {(round_name, field): s["f1"] for field, s in result["fields"].items() if s["f1"] < 0.9}
    assert low == {}
