"""bench.search at a tiny size: the judged set among 2,000 generated records is indexed, and the run
reports every figure the README table shows (p95 of search and match, rebuild rate, nDCG@10 and
recall@10 of match and search, the set alone and among the records)."""

import json

import pytest

from bench.search import measure_index
from matching.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_search_bench_reports_every_figure_at_a_tiny_size() -> None:
    result = json.loads(json.dumps(measure_index(records=2000, requests=10)))
    # 400 judged records (200 resources, 200 needs), their owner and 200 enterprises, 2,000 generated,
    # and whatever the migrations ship (policies).
    assert result["records"] == SearchDocument.objects.count() >= 2000 + 400 + 1 + 200
    assert result["rebuild"]["records_per_second"] > 0
    assert 0 < result["search_p95_ms"] and 0 < result["match_p95_ms"]
    for timed in ("search_need_title", "search_short", "match"):
        assert set(result["timings"][timed]) == {"requests", "p50_ms", "p95_ms", "max_ms", "cpu_p95_ms"}
        assert result["timings"][timed]["requests"] == 10
    for scope in ("relevance_judged_set_alone", "relevance_among_records"):
        for name in ("match", "search"):
            figures = result[scope][name]
            assert set(figures) == {"ndcg_at_10", "recall_at_10"}
            # The match finds its own topic's resources for most needs, search for fewer.
            assert 0.2 < figures["ndcg_at_10"] <= 1 and 0.2 < figures["recall_at_10"] <= 1
