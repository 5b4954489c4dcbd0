"""Scores and grades at their boundaries: the grade rules are data (per index system), the score of each
indicator is an expression of the benefit rules' safe language, ranks share places on ties."""

from decimal import Decimal

import pytest

from benefits.calculator.expressions import ExpressionError
from evaluation.scoring import (
    Entry,
    GradeSpec,
    IndicatorSpec,
    SystemSpec,
    check_system,
    compile_score,
    gap_to_next,
    grade_for,
    score_cohort,
    threshold,
)

D = Decimal
# 温州's rule: ≥ 90 and first 优秀, ≥ 70 良好, ≥ 60 合格, else 不合格.
WENZHOU = (
    GradeSpec("excellent", D(90), max_rank=1),
    GradeSpec("good", D(70)),
    GradeSpec("pass", D(60)),
)


@pytest.mark.parametrize(
    ("score", "rank", "grade"),
    [
        ("100", 1, "excellent"),
        ("90", 1, "excellent"),
        ("90", 2, "good"),  # the score alone is not enough: only the first place is 优秀
        ("89.99", 1, "good"),
        ("70", 3, "good"),
        ("69.99", 3, "pass"),
        ("60", 9, "pass"),
        ("59.99", 9, "fail"),
        ("0", 10, "fail"),
    ],
)
def test_grade_by_score_and_rank(score, rank, grade):
    assert grade_for(WENZHOU, D(score), rank, cohort=10) == grade


def test_a_share_of_the_cohort_rounds_up():
    best_thirty_percent = (GradeSpec("excellent", D(90), max_share=D("0.3")),)
    assert grade_for(best_thirty_percent, D(95), rank=3, cohort=7) == "excellent"  # 30 % of 7 → 3 places
    assert grade_for(best_thirty_percent, D(95), rank=4, cohort=7) == "fail"


def test_threshold_bands_score_at_their_edges():
    system = SystemSpec(
        (IndicatorSpec("hours", "机时", D(100), threshold([(500, 100), (200, 60), (50, 30)])),), WENZHOU
    )
    values = ["500", "499.9", "200", "199.9", "50", "49.9"]
    scored = score_cohort(system, [Entry(v, {"hours": D(v)}) for v in values])
    assert [s.points["hours"] for s in scored] == [D(100), D(60), D(60), D(30), D(30), D(0)]


def test_linear_rank_expert_and_bonus_cap():
    system = SystemSpec(
        (
            IndicatorSpec(
                "rd", "研发", D(40), "weight * min(max(value / target, 0), 1)", target=D(5_000_000)
            ),
            IndicatorSpec("patents", "专利", D(30), "weight * (cohort - rank + 1) / cohort"),
            IndicatorSpec("expert", "专家", D(30), "weight * expert / 100"),
            IndicatorSpec("talent", "人才", D(10), "min(value * 2.5, weight)", is_bonus=True),
        ),
        WENZHOU,
        bonus_cap=D(5),
    )
    a = Entry("a", {"rd": D(6_000_000), "patents": D(12), "talent": D(3)}, {"expert": D(90)})
    b = Entry("b", {"rd": D(2_500_000), "patents": D(12), "talent": None}, {"expert": D(80)})
    c = Entry("c", {"rd": None, "patents": D(3), "talent": D(1)}, {"expert": None})
    first, second, third = score_cohort(system, [a, b, c])
    # capped at the target, shared first place by patents, expert mean, bonus 7.5 capped at 5
    assert first.points == {"rd": D(40), "patents": D(30), "expert": D(27), "talent": D("7.50")}
    assert first.score == D(102)
    assert second.points["rd"] == D(20) and second.points["patents"] == D(30)
    assert second.score == D(74)
    # a missing value scores nothing; the last place by patents keeps 1/3 of the points
    assert third.points == {"rd": D(0), "patents": D(10), "expert": D(0), "talent": D("2.50")}
    assert [(s.rank, s.grade) for s in (first, second, third)] == [(1, "excellent"), (2, "good"), (3, "fail")]


def test_equal_totals_share_a_place_and_the_next_is_skipped():
    system = SystemSpec((IndicatorSpec("x", "x", D(100), "value"),), WENZHOU)
    scored = score_cohort(system, [Entry(k, {"x": D(v)}) for k, v in (("a", 95), ("b", 95), ("c", 80))])
    assert [(s.rank, s.grade) for s in scored] == [(1, "excellent"), (1, "excellent"), (3, "good")]


def test_gap_to_the_next_grade():
    assert gap_to_next(WENZHOU, "pass", D("64.5"), 5, 10).points == D("5.5")
    to_excellent = gap_to_next(WENZHOU, "good", D(92), 2, 10)
    assert (to_excellent.grade, to_excellent.points, to_excellent.rank_needed) == ("excellent", D(0), 1)
    assert gap_to_next(WENZHOU, "excellent", D(99), 1, 10) is None


@pytest.mark.parametrize(
    "expression", ["__import__('os').system('id')", "value.__class__", "open('/etc/passwd')", "revenue * 2"]
)
def test_scores_are_the_safe_expression_language(expression):
    with pytest.raises(ExpressionError):
        compile_score(expression)
    problems = check_system(SystemSpec((IndicatorSpec("x", "x", D(100), expression),), WENZHOU))
    assert len(problems) == 1 and problems[0].startswith("x：")


def test_a_system_whose_weights_are_not_100_is_refused():
    problems = check_system(SystemSpec((IndicatorSpec("x", "x", D(90), "value"),), WENZHOU))
    assert problems == ["非加分指标分值合计应为100分，现为90分"]
