"""The policy filter lists each document once and never a blank code, whether the blank is a task's or an
indicator's (both may keep an empty code while their document is not imported)."""

from planning.models import Indicator, Task
from planning.views import _policy_codes


def test_blank_policy_codes_are_left_out(db) -> None:
    Indicator.objects.create(code="blank-policy", name="无文件指标", unit="家", region_id="370300")
    Indicator.objects.create(
        code="with-policy",
        name="有文件指标",
        unit="家",
        region_id="370300",
        policy_code="zibo-2023-sci-province",
    )
    Task.objects.create(clause_path="一", region_id="370300", title="无文件任务")
    Task.objects.create(
        policy_code="zibo-2023-sci-province", clause_path="二", region_id="370300", title="有文件任务"
    )

    assert _policy_codes() == ["zibo-2023-sci-province"]
