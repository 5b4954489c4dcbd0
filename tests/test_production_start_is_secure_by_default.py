"""A production start as the README writes it: debugging off unless asked, a missing secret key told in one
line, `check --deploy` clean with the documented variables, security headers on every page, static files
without collectstatic, and the product's own 404 page."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

KECHUANG = [sys.executable, "-m", "kechuang.cli"]


def bare_environment(tmp_path, **variables: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is what the browser tests' live server sets in this process.
        if not key.startswith(("KECHUANG_", "DATABASE", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    return {**environment, "KECHUANG_DATA_DIR": str(tmp_path), "PYTHONPATH": os.getcwd(), **variables}


def test_a_missing_secret_key_is_one_clear_line(tmp_path) -> None:
    environment = bare_environment(tmp_path)
    done = subprocess.run([*KECHUANG, "check"], env=environment, capture_output=True, text=True)  # noqa: S603
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0
    assert "KECHUANG_SECRET_KEY" in done.stderr and "KECHUANG_DEBUG=true" in done.stderr


def test_debugging_is_off_unless_asked(tmp_path) -> None:
    code = "from django.conf import settings; print(settings.DEBUG)"
    script = (
        f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kechuang.settings'; django.setup(); {code}"
    )
    production = bare_environment(tmp_path, KECHUANG_SECRET_KEY="k" * 50)
    asked = bare_environment(tmp_path, KECHUANG_DEBUG="true")
    for environment, expected in [(production, "False"), (asked, "True")]:
        done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True)  # noqa: S603
        assert done.stdout.strip() == expected, done.stderr


def test_check_deploy_is_clean_with_the_documented_variables(tmp_path) -> None:
    environment = bare_environment(
        tmp_path, KECHUANG_SECRET_KEY="kechuang-" + "s3cr3t-" * 8, KECHUANG_ALLOWED_HOSTS="kc.example.cn"
    )
    done = subprocess.run(  # noqa: S603
        [*KECHUANG, "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.django_db
def test_pages_carry_the_security_headers_and_no_inline_script(client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    page = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\son[a-z]+=", page)


def test_no_template_holds_inline_script() -> None:
    inline, handlers = [], []
    for folder, _dirs, files in os.walk(os.getcwd()):
        if "node_modules" in folder or "/tests" in folder or "/." in folder:
            continue
        for name in files:
            if name.endswith(".html") and "templates" in folder:
                text = Path(folder, name).read_text(encoding="utf-8")
                inline += [name] * len(re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text))
                handlers += [name] * len(re.findall(r"\son(?:click|change|submit|load|input)=", text))
    assert inline == [] and handlers == []


@pytest.mark.django_db
def test_static_files_are_served_without_collectstatic(client) -> None:
    response = client.get("/static/kechuang/charts.js")
    assert response.status_code == 200
    assert b"data-chart" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_a_missing_record_shows_the_products_404_page(client, settings) -> None:
    settings.DEBUG = False
    response = client.get("/registry/organizations/987654/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "返回首页" in page
    assert "URLconf" not in page and "Using the URLconf" not in page
