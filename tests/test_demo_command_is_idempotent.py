"""Running `kechuang demo` again changes nothing: no new rows, no second set of logins."""

from accounts.models import User
from registry.models import (
    Achievement,
    AnnualData,
    Instrument,
    Organization,
    Person,
    Platform,
    PlatformEvent,
    Qualification,
    TechnologyNeed,
)

MODELS = (
    Organization,
    Qualification,
    AnnualData,
    Platform,
    PlatformEvent,
    Person,
    Instrument,
    Achievement,
    TechnologyNeed,
    User,
    Platform.partners.through,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_second_run_leaves_every_count_unchanged(run_demo):
    first_output = run_demo()
    after_first = counts()
    second_output = run_demo()
    assert counts() == after_first
    assert "已生成" in first_output
    assert second_output.count("已存在，未改动") == 4


def test_a_larger_scale_on_second_run_does_not_add_a_second_population(run_demo):
    run_demo()
    after_first = counts()
    run_demo(scale=0.1)
    assert counts() == after_first
