"""The codes of performance evaluation (DESIGN.md vocabulary), stored everywhere; the labels are shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.vocabulary import EvaluationGrade as Grade

__all__ = [
    "ConsequenceKind",
    "Grade",
    "IndexStatus",
    "Method",
    "ObjectionStatus",
    "ReviewStatus",
    "RoundStatus",
    "SubmissionStatus",
]

# Best first: grade rules are tried in this order; "the next grade" of a score sheet is the one before.
GRADE_ORDER = (Grade.EXCELLENT, Grade.GOOD, Grade.PASS, Grade.FAIL)


class IndexStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    FROZEN = "frozen", _("已冻结")


class Method(models.TextChoices):
    """How an indicator turns its value into points; each is written out as an expression."""

    THRESHOLD = "threshold", _("达标计分")
    LINEAR = "linear", _("线性计分")
    RANK = "rank", _("排名计分")
    EXPERT = "expert", _("专家评分")
    PER_UNIT = "per_unit", _("按量加分")
    FORMULA = "formula", _("公式")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("筹备")
    OPEN = "open", _("填报中")
    REVIEWING = "reviewing", _("专家评审")
    SCORED = "scored", _("已评分")
    PUBLICIZING = "publicizing", _("公示中")
    PUBLISHED = "published", _("已发布")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("待提交")
    SUBMITTED = "submitted", _("已提交")


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待评审")
    SUBMITTED = "submitted", _("已评分")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    REJECTED = "rejected", _("异议不成立")


class ConsequenceKind(models.TextChoices):
    REWARD = "reward", _("奖补兑现")
    RECTIFICATION = "rectification", _("限期整改")
    REVOCATION = "revocation", _("撤销认定")
    RESTORED = "restored", _("整改合格")
