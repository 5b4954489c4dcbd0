"""Markup and formulas stored in any text field come out as text on every page, chart, PDF and export.

Every character and text field of every model the demo fills (history rows included, so audit trails show
it too) is overwritten with a payload that is at once HTML, a script end, reportlab markup and a
spreadsheet formula, its first character taken in turn from every character a spreadsheet reads as a
formula. Then every role walks every page (tests/security_walk.py) and every answer is read:
- HTML must not carry the payload's tags unescaped (a chart's options too: json_script, never |safe);
- a PDF must be produced (reportlab markup in the text makes it fail) and must not render the markup;
- an xlsx must hold no formula cell, and a csv (each export asked for again as csv) no cell that starts
  like a formula without the quote that makes it text.
Fields that are not free text (codes, keys, choices, YAML and expressions, which are validated on the
way in) keep their values, since a page that cannot resolve them is not what this tests.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.test import Client

from accounts.models import User
from tests import page_walk, security_walk

pytestmark = pytest.mark.django_db(transaction=False)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ROLES = ("anonymous", "demo-bureau", "demo-officer", "demo-enterprise", "demo-expert")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BODY = 'HYPERLINK("http://x.example")</script><script>alert(1)</script><img src=x onerror=alert(1)><b>'
MARKERS = (b"<script>alert(1)", b"<img src=x onerror", b"<img src=x", b"</script><script>")
APPS = {
    "accounts",
    "registry",
    "policies",
    "benefits",
    "planning",
    "sharing",
    "finance",
    "matching",
    "evaluation",
    "transfer",
}
# Field names that hold codes or keys the product resolves (URLs, vocabulary, rule ids), not prose.
NOT_PROSE = (
    "code",
    "uscc",
    "slug",
    "key",
    "digest",
    "password",
    "token",
    "username",
    "email",
    "url",
    "rule_id",
    "region",
    "number",
    "no",
    "yaml",
    "expression",
    "formula",
    "path",
    "file",
    "hash",
    "mime",
    "content_type",
    "language",
    "status",
    "kind",
    "unit",
    "currency",
    "history_type",
)


def prose_fields(model: type[models.Model]) -> list[str]:
    names = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices or field.unique:
            continue
        if isinstance(field, models.SlugField | models.EmailField | models.URLField | models.FileField):
            continue
        if field.max_length is not None and field.max_length < len(BODY) + 10:
            continue
        if any(part in NOT_PROSE for part in field.name.split("_")) or field.name in NOT_PROSE:
            continue
        names.append(field.attname)
    return names


def poison() -> int:
    """Every prose field of every row of the product's models gets the payload; returns how many fields."""
    count = 0
    for model in apps.get_models():
        if model._meta.app_label not in APPS or not model._meta.managed or model._meta.proxy:
            continue
        for index, name in enumerate(prose_fields(model)):
            start = FORMULA_STARTS[(count + index) % len(FORMULA_STARTS)]
            # The row's id after the payload keeps fields unique together with others (a product's name at
            # its bank) apart.
            payload = Concat(Value(start + BODY), Cast("pk", output_field=models.CharField()))
            model._default_manager.exclude(**{name: ""}).update(**{name: payload})
        count += len(prose_fields(model))
    return count


def client_of(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def html_findings(url: str, content: bytes) -> list[str]:
    return [f"{url}: {marker.decode()!r} unescaped" for marker in MARKERS if marker in content]


def xlsx_findings(url: str, content: bytes) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        f"{url}: formula in {sheet.title}!{cell.coordinate}: {cell.value!r}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def csv_findings(url: str, content: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    return [
        f"{url}: csv cell {cell[:30]!r} starts as a formula"
        for row in rows
        for cell in row
        if cell.startswith(FORMULA_STARTS)
    ]


def pdf_findings(url: str, content: bytes) -> list[str]:
    try:
        text = "\n".join(page_walk.pdf_text(content))
    except Exception:  # noqa: BLE001 - an uploaded file served as PDF (evidence, an invoice) is the uploader's
        return []
    return [] if "<b>" in text or "HYPERLINK" not in text else [f"{url}: markup rendered, not printed"]


@pytest.fixture
def poisoned(db, settings) -> int:
    settings.DEBUG = True  # demo logins exist on development machines only
    settings.TASKS = IMMEDIATE
    call_command("demo", scale=0.02, stdout=io.StringIO(), stderr=io.StringIO())
    return poison()


def test_every_page_and_export_prints_stored_markup_as_text(poisoned):
    findings: list[str] = []
    kinds: dict[str, int] = {}
    for role in ROLES:
        user = None if role == "anonymous" else User.objects.get(username=role)
        client = client_of(user)
        reach = security_walk.crawl(client, keep_bodies=True)
        findings += [f"{role} {url}: {status}" for url, status in reach.failures]
        for url, (kind, content) in reach.bodies.items():
            kinds[kind] = kinds.get(kind, 0) + 1
            if kind == "text/html":
                findings += html_findings(url, content)
            elif "spreadsheetml" in kind:
                findings += xlsx_findings(url, content)
                as_csv = urlsplit(url)._replace(query=urlencode({"format": "csv"})).geturl()
                response = client.get(as_csv)
                if response.get("Content-Type", "").startswith("text/csv"):
                    kinds["text/csv"] = kinds.get("text/csv", 0) + 1
                    findings += csv_findings(as_csv, security_walk.body(response))
                else:
                    security_walk.body(response)
            elif kind == "application/pdf":
                findings += pdf_findings(url, content)
    assert poisoned > 100
    assert kinds["text/html"] > 300 and kinds.get("application/pdf", 0) >= 1
    assert kinds.get("text/csv", 0) >= 1 and sum(v for k, v in kinds.items() if "spreadsheetml" in k) >= 5
    assert not findings, f"{len(findings)} findings:\n" + "\n".join(sorted(set(findings))[:80])
