"""`kechuang import` and `kechuang export` (contract 4 in docs/interfaces.md) at the console."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registry.io import kind_from_filename
from registry.models import Organization
from registry.validators import make_uscc

USCC = make_uscc("91", "370300", 31337)


def write_organizations(path: Path) -> Path:
    path.write_text(
        json.dumps(
            {"name": "淄博命令行科技有限公司", "uscc": USCC, "kind": "enterprise", "region": "370302"},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("organizations.xlsx", "organization"),
        ("2024_platform-list.csv", "platform"),
        ("people.jsonl", "person"),
        ("机构名录.xlsx", "organization"),
        ("技术需求征集.csv", "need"),
        ("instruments.csv", "instrument"),
        ("data.csv", None),
    ],
)
def test_kind_is_inferred_from_the_file_name(name, kind) -> None:
    assert kind_from_filename(Path(name)) == kind


@pytest.mark.django_db
def test_import_infers_kind_and_reports_counts(tmp_path) -> None:
    out = io.StringIO()

    call_command("import", str(write_organizations(tmp_path / "organizations.jsonl")), stdout=out)

    assert "新增1条" in out.getvalue()
    assert Organization.objects.filter(uscc=USCC).exists()


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path) -> None:
    out = io.StringIO()

    call_command(
        "import", str(write_organizations(tmp_path / "organizations.jsonl")), "--dry-run", stdout=out
    )

    assert "试运行" in out.getvalue()
    assert not Organization.objects.filter(uscc=USCC).exists()


@pytest.mark.django_db
def test_unknown_kind_from_file_name_is_an_error(tmp_path) -> None:
    with pytest.raises(CommandError, match="--kind"):
        call_command("import", str(write_organizations(tmp_path / "data.jsonl")))


@pytest.mark.django_db
def test_import_attributes_the_writes_to_a_named_user(tmp_path, bureau_admin) -> None:
    path = write_organizations(tmp_path / "data.jsonl")

    call_command(
        "import", str(path), "--kind", "organization", "--user", bureau_admin.username, stdout=io.StringIO()
    )

    assert Organization.history.get(uscc=USCC).history_user == bureau_admin


@pytest.mark.django_db
def test_export_writes_a_file_named_by_o(tmp_path, enterprise) -> None:
    target = tmp_path / "organizations.xlsx"

    call_command("export", "--kind", "organization", "-o", str(target), stderr=io.StringIO())

    sheet = openpyxl.load_workbook(target).active
    assert sheet.cell(row=2, column=2).value == enterprise.uscc


@pytest.mark.django_db
def test_export_to_standard_output(enterprise, capfdbinary) -> None:
    call_command("export", "--kind", "organization", "--format", "jsonl")

    record = json.loads(capfdbinary.readouterr().out.decode().splitlines()[0])
    assert (record["uscc"], record["kind"], record["region"]) == (enterprise.uscc, "enterprise", "370302")
