"""An index system is frozen when a round uses it: every edit of it, its indicators or its grade rules
is refused, from any door; a new version is a draft that may change without touching the frozen one."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from evaluation import systems
from evaluation.models import FrozenIndexSystem, GradeRule, IndexIndicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    system = systems.load(systems.read(systems.DATA_DIR / "weihai-municipal-key-laboratories.yaml"))
    return systems.freeze(system)


def test_editing_a_frozen_system_is_refused(frozen):
    frozen.name = "改过的名称"
    with pytest.raises(FrozenIndexSystem, match="已冻结"):
        frozen.save()
    indicator = frozen.indicators.get(code="rd_expense")
    indicator.weight = Decimal(30)
    with pytest.raises(FrozenIndexSystem):
        indicator.save()
    rule = frozen.grade_rules.get(grade="excellent")
    rule.min_score = Decimal(85)
    with pytest.raises(FrozenIndexSystem):
        rule.save()
    with pytest.raises(FrozenIndexSystem):
        IndexIndicator.objects.create(
            system=frozen,
            code="extra",
            name="新增指标",
            weight=Decimal(1),
            method="formula",
            expression="value",
        )
    with pytest.raises(FrozenIndexSystem):
        indicator.delete()
    with pytest.raises(FrozenIndexSystem):
        frozen.delete()
    assert frozen.indicators.get(code="rd_expense").weight == Decimal(20)
    assert GradeRule.objects.get(system=frozen, grade="excellent").min_score == Decimal(90)


def test_loading_the_file_again_leaves_the_frozen_version(frozen):
    again = systems.load(systems.read(systems.DATA_DIR / "weihai-municipal-key-laboratories.yaml"))
    assert again.pk == frozen.pk and again.frozen


def test_a_new_version_is_an_editable_draft(frozen):
    draft = systems.new_version(frozen)
    assert (draft.version, draft.frozen) == (2, False)
    rd = draft.indicators.get(code="rd_expense")
    rd.weight = Decimal(25)
    rd.save()
    assert frozen.indicators.get(code="rd_expense").weight == Decimal(20)
    assert draft.indicators.count() == frozen.indicators.count()
    with pytest.raises(ValidationError, match="合计应为100分"):
        systems.freeze(draft)  # 105 points now: refused until the weights add up again


def test_freezing_is_in_the_audit_trail(frozen):
    latest = frozen.history.first()
    assert latest.status == "frozen"
    assert latest.history_change_reason == "评价轮次启动，指标体系冻结"
