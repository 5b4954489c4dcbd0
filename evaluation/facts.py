"""The evaluation app's facts for benefit snapshots (kechuang.plugins, contract 3): every published grade is
a `platform_evaluated` event of the platform's host, dated the day the round was published, with the
platform's type and level, the grade, and the score, rank and size of the round (so a rule may read 择优
as a place in the ranking). One query, whatever the number of organizations."""

from __future__ import annotations

from collections.abc import Sequence

from evaluation.models import Result
from evaluation.vocabulary import RoundStatus
from kechuang.plugins import Facts


def collect(organization_ids: Sequence[int], year: int, years: Sequence[int]) -> dict[int, Facts]:
    results = (
        Result.objects.filter(
            submission__round__status=RoundStatus.PUBLISHED,
            submission__round__published_on__year=year,
            submission__platform__host_id__in=organization_ids,
        )
        .exclude(submission__platform__level="")
        .order_by("submission__round__published_on", "pk")
        .values(
            "grade",
            "score",
            "rank",
            "cohort",
            "submission__round__published_on",
            "submission__platform__host_id",
            "submission__platform__platform_type",
            "submission__platform__level",
        )
    )
    found: dict[int, Facts] = {}
    for row in results:
        score = row["score"]
        found.setdefault(row["submission__platform__host_id"], Facts()).events.append(
            {
                "type": "platform_evaluated",
                "date": row["submission__round__published_on"].isoformat(),
                "platform_type": row["submission__platform__platform_type"],
                "level": row["submission__platform__level"],
                "grade": row["grade"],
                "score": int(score) if score == score.to_integral_value() else score,
                "rank": row["rank"],
                "cohort": row["cohort"],
            }
        )
    return found
