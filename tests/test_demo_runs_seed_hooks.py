"""`kechuang demo` loads other apps' seed data through their `demo.load(stdout)` hooks."""

import importlib.machinery
import sys
import types

import pytest
from django.core.management.base import CommandError

from accounts.models import User
from registry.management.commands import demo


def hook_module(monkeypatch, name, load):
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    module.load = load
    monkeypatch.setitem(sys.modules, name, module)


def test_existing_hooks_run_in_order_and_missing_ones_are_skipped(run_demo, monkeypatch):
    called = []

    def first(stdout):
        called.append("first")
        stdout.write("一号已载入")

    hook_module(monkeypatch, "kechuang_test_first", first)
    hook_module(monkeypatch, "kechuang_test_second", lambda stdout: called.append("second"))
    hooks = ("kechuang_test_first", "kechuang_test_missing.demo", "kechuang_test_second")
    monkeypatch.setattr(demo, "HOOKS", hooks)
    output = run_demo()
    assert called == ["first", "second"]
    assert "一号已载入" in output
    assert "跳过 kechuang_test_missing.demo" in output


def test_a_failing_hook_fails_the_run_after_the_logins_exist(run_demo, monkeypatch):
    def broken(stdout):
        raise ValueError("种子数据有误")

    hook_module(monkeypatch, "kechuang_test_broken", broken)
    monkeypatch.setattr(demo, "HOOKS", ("kechuang_test_broken",))
    with pytest.raises(CommandError, match="kechuang_test_broken"):
        run_demo()
    assert User.objects.filter(username__startswith="demo-").count() == 4
