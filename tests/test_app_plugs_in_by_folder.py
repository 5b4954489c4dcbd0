"""An app plugs in by its folder alone: its facts reach the snapshot, its demo part runs in
`kechuang demo`, its permission rule uses the shared role predicates, its indicator definitions are
found beside planning's (kechuang.plugins)."""

import pytest
from django.test.utils import modify_settings

from benefits.snapshots import snapshot_for
from kechuang.plugins import app_modules, demo_loaders, indicator_definitions
from tests.factories import OrganizationFactory, UserFactory
from tests.plugin_app import demo as plugin_demo

pytestmark = pytest.mark.django_db

with_plugin_app = modify_settings(INSTALLED_APPS={"append": "tests.plugin_app"})


@with_plugin_app
def test_its_facts_reach_the_snapshot():
    organization = OrganizationFactory()
    snapshot = snapshot_for(organization, 2025)
    assert {
        "type": "award_received",
        "date": "2025-06-01",
        "award": "测试奖",
        "level": "municipal",
        "grade": "一等奖",
        "role": "lead",
    } in snapshot["events"]
    assert snapshot["annual"]["2022"] == {"invention_patents": 7}


def test_without_it_the_snapshot_has_none_of_its_facts():
    snapshot = snapshot_for(OrganizationFactory(), 2025)
    assert all(event["type"] != "award_received" for event in snapshot["events"])


@with_plugin_app
def test_its_demo_part_runs_after_the_seed_apps():
    labels = [label for label, _load in demo_loaders()]
    assert labels[-1] == "plugin_app"
    assert labels.index("policies") < labels.index("planning")


@with_plugin_app
def test_its_demo_part_runs_in_the_demo_command(run_demo, monkeypatch):
    from registry.management.commands import demo

    monkeypatch.setattr(
        demo, "demo_loaders", lambda: (entry for entry in demo_loaders() if entry[0] == "plugin_app")
    )
    plugin_demo.LOADED.clear()
    output = run_demo()
    assert plugin_demo.LOADED == ["plugin_app"]
    assert "测试应用的演示数据已载入。" in output


@with_plugin_app
def test_its_permission_rule_and_indicators_are_found():
    modules = dict(app_modules("permissions"))
    bureau, enterprise = UserFactory(role="bureau_admin"), UserFactory(role="enterprise_user")
    assert modules["plugin_app"].can_view_awards(bureau)
    assert not modules["plugin_app"].can_view_awards(enterprise)
    definitions = indicator_definitions()
    assert definitions["plugin_awards"] == "奖项数"
    assert "approved_platforms" in definitions


def test_without_it_its_kind_is_not_importable():
    from registry.io.columns import layouts

    assert "plugin_certificate" not in layouts()


@with_plugin_app
def test_its_importable_kind_imports_and_exports_through_the_commands(tmp_path, capsys):
    import io

    from django.core.management import call_command

    from registry.models import Qualification

    organization = OrganizationFactory()
    path = tmp_path / "certificates.csv"
    path.write_text(
        f"organization_uscc,type,granted,certificate_no\n{organization.uscc},tech_sme,2025-03-01,KJ-1\n",
        encoding="utf-8",
    )
    output = io.StringIO()
    call_command("import", str(path), "--kind", "plugin_certificate", stdout=output)
    assert "测试证书" in output.getvalue()
    assert Qualification.objects.get(organization=organization).certificate_no == "KJ-1"

    capsys.readouterr()
    call_command("export", "--kind", "plugin_certificate", "--format", "jsonl")
    assert '"certificate_no": "KJ-1"' in capsys.readouterr().out
