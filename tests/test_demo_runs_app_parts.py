"""`kechuang demo` runs every app's demo part; one that fails is reported and fails the run after the
logins exist."""

import pytest
from django.core.management.base import CommandError

from accounts.models import User


def test_every_seed_app_has_a_demo_part():
    from kechuang.plugins import demo_loaders

    labels = [label for label, _load in demo_loaders()]
    assert labels[:2] == ["policies", "planning"]  # the seed policies before their targets; other apps after
    assert "transfer" in labels
    assert "matching" in labels


def test_a_failing_part_fails_the_run_after_the_logins_exist(run_demo, monkeypatch):
    from registry.management.commands import demo

    def broken(stdout):
        raise ValueError("种子数据有误")

    monkeypatch.setattr(demo, "demo_loaders", lambda: iter([("broken_app", broken)]))
    with pytest.raises(CommandError, match="broken_app"):
        run_demo()
    assert User.objects.filter(username__startswith="demo-").count() == 4
