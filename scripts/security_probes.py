"""The probes of issue 18, repeated against the product in-process (a fresh SQLite data folder):
`KECHUANG_DEBUG=true KECHUANG_DATA_DIR=$(mktemp -d) python scripts/security_probes.py` prints a line a probe.
Not a test: it measures (seconds, peak memory, status codes) and prints what it saw."""

from __future__ import annotations

import io
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import zipfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kechuang.settings")
import django  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
settings.ALLOWED_HOSTS = ["*"]
settings.MEDIA_ROOT = tempfile.mkdtemp()
call_command("migrate", verbosity=0)
call_command("load_regions", verbosity=0)

from accounts.models import ApiToken, Role, User  # noqa: E402
from planning.models import Task  # noqa: E402
from policies.models import PolicyDocument  # noqa: E402
from registry.models import Organization  # noqa: E402
from registry.validators import make_uscc  # noqa: E402
from tests.factories import DepartmentFactory, persona  # noqa: E402


def line(name: str, value: object) -> None:
    print(f"{name}: {value}")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


bureau = persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="probe-bureau")
client = Client(raise_request_exception=False)
client.force_login(bureau)
anonymous = Client(raise_request_exception=False)

# 1. A .docx whose document.xml expands to 300 MB.
import docx  # noqa: E402

buffer = io.BytesIO()
docx.Document().save(buffer)
bomb = io.BytesIO()
chunk = b"<w:p><w:r><w:t>" + "科技创新".encode() * 4000 + b"</w:t></w:r></w:p>"
with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
    for info in source.infolist():
        if info.filename != "word/document.xml":
            target.writestr(info, source.read(info))
            continue
        with target.open(info.filename, "w", force_zip64=True) as member:
            for _ in range(300 * 1024 * 1024 // len(chunk)):
                member.write(chunk)
before, started = peak_mib(), time.monotonic()
response = client.post(
    "/policies/upload/", {"file": SimpleUploadedFile("政策.docx", bomb.getvalue()), "region": "370300"}
)
line(
    "1 docx bomb (%.1f MB compressed → 300 MB)" % (len(bomb.getvalue()) / 2**20),
    f"HTTP {response.status_code}, refused={'已拒绝' in response.content.decode()}, "
    f"{time.monotonic() - started:.2f} s, peak memory {max(peak_mib(), before):.0f} MiB "
    f"(before {before:.0f}), "
    f"documents stored {PolicyDocument.objects.count()}",
)

# 2. Attachments: active types, size, who may download.
task = Task.objects.create(title="探针任务", region_id="370300")
for name, content in [
    ("a.svg", b'<svg onload="alert(1)"/>'),
    ("a.html", b"<script>alert(1)</script>"),
    ("big.pdf", b"%PDF" + b"0" * 50 * 2**20),
]:
    started = time.monotonic()
    response = client.post(
        f"/planning/tasks/{task.pk}/progress/",
        {"text": "x", "percentage": 1, "attachment": SimpleUploadedFile(name, content)},
    )
    line(f"2 attachment {name}", f"stored={task.reports.count()} ({time.monotonic() - started:.2f} s)")
client.post(
    f"/planning/tasks/{task.pk}/progress/",
    {"text": "x", "percentage": 1, "attachment": SimpleUploadedFile("a.pdf", b"%PDF-1.4 ok")},
)
report = task.reports.get()
url = f"/planning/tasks/{task.pk}/reports/{report.pk}/attachment/"
staff = client.get(url)
line(
    "2 download",
    f"bureau {staff.status_code} ({staff['Content-Disposition'][:10]}, {staff['X-Content-Type-Options']}), "
    f"anonymous {anonymous.get(url).status_code}, "
    f"/media/ {anonymous.get('/' + report.attachment.url.lstrip('/')).status_code}",
)

# 4. Markup in the monthly PDF.
Task.objects.filter(pk=task.pk).update(title='R&D<b> <font size=60>x</font> <img src="/etc/passwd"/>')
line("4 report.pdf with R&D<b>", f"HTTP {client.get('/planning/report.pdf').status_code}")

# 5. Control characters.
payload = {
    "name": "探针\u0000公司",
    "uscc": make_uscc("91", "370303", 4242),
    "kind": "enterprise",
    "region": "370303",
    "description": "a\x00b\x01c",
}
created = client.post("/api/registry/organizations/", payload, content_type="application/json")
stored = Organization.objects.filter(uscc=payload["uscc"]).values_list("name", "description").first()
line("5 NUL through the API", f"HTTP {created.status_code}, stored {stored!r}")
Organization.objects.filter(uscc=payload["uscc"]).update(description="x\x01y")
line(
    "5 anonymous xlsx export over stored control text",
    anonymous.get("/registry/export/organization/").status_code,
)

# 7. Bad parameters, anonymous.
huge = "99999999999999999999"
for path in [
    "/api/registry/organizations/?q=a%00b",
    f"/api/registry/organizations/?offset={huge}",
    f"/api/registry/platforms/?host={huge}",
    f"/registry/platforms/?host={huge}",
    f"/registry/organizations/?page={huge}",
]:
    line(f"7 GET {path}", anonymous.get(path).status_code)
for amount in ["1e40", "1e308"]:
    body = (
        f'{{"entity": {{"name": "x", "uscc": "{payload["uscc"]}", "kind": "enterprise", "region": "370303",'
        f' "annual": {{"2024": {{"rd_expense": {amount}}}}}}}, "year": 2025}}'
    )
    status = client.post("/api/policies/benefits", body, content_type="application/json").status_code
    line(f"7 POST /api/policies/benefits rd_expense {amount}", status)
deep = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
deep.write("[" * 100_000 + "]" * 100_000)
deep.close()
done = subprocess.run(  # noqa: S603
    [sys.executable, "-m", "kechuang.cli", "benefits", "--entity", deep.name, "--year", "2025"],
    capture_output=True,
    text=True,
)
line("7 100,000-deep JSON to kechuang benefits --entity", f"exit {done.returncode}, {done.stderr.strip()!r}")

# 9. Login throttling and tokens.
User.objects.filter(pk=bureau.pk).update(is_staff=True)
for url in ["/accounts/login/", "/admin/login/"]:
    guesser = Client(raise_request_exception=False)
    started = time.monotonic()
    statuses = [
        guesser.post(url, {"username": "probe-bureau", "password": f"wrong-{n}"}).status_code
        for n in range(50)
    ]
    right = guesser.post(url, {"username": "probe-bureau", "password": "kechuang-test"})
    line(
        f"9 {url}: 50 wrong then the right password",
        f"first lockout at attempt {statuses.index(429) + 1}, right one HTTP {right.status_code} "
        f"(Retry-After {right.get('Retry-After')}), {time.monotonic() - started:.1f} s",
    )
    call_command("axes_reset", verbosity=0)
_, raw = ApiToken.issue(User.objects.get(pk=bureau.pk), "probe")
bearer = {"Authorization": f"Bearer {raw}"}
before = anonymous.get("/api/planning/tasks/", headers=bearer).status_code
user = User.objects.get(pk=bureau.pk)
user.set_password("another-password-2026")
user.save()
after = anonymous.get("/api/planning/tasks/", headers=bearer).status_code
line("9 token before / after a password change", f"{before} / {after}")

# 10. Production start.
environment = {k: v for k, v in os.environ.items() if not k.startswith(("KECHUANG_", "DJANGO_SETTINGS"))}
environment["KECHUANG_DATA_DIR"] = tempfile.mkdtemp()
done = subprocess.run(
    [sys.executable, "-m", "kechuang.cli", "check"], env=environment, capture_output=True, text=True
)  # noqa: S603
line(
    "10 start without a secret key",
    f"exit {done.returncode}, {len(done.stderr.strip().splitlines())} line(s)",
)
environment.update(KECHUANG_SECRET_KEY=secrets.token_urlsafe(50), KECHUANG_ALLOWED_HOSTS="kc.example.cn")
done = subprocess.run(  # noqa: S603
    [sys.executable, "-m", "kechuang.cli", "check", "--deploy"],
    env=environment,
    capture_output=True,
    text=True,
)
line("10 check --deploy", f"exit {done.returncode}, {(done.stdout + done.stderr).strip()[-200:]!r}")
home = anonymous.get("/")
line(
    "10 headers of /",
    f"CSP {'script-src' in home.get('Content-Security-Policy', '')}, XFO {home['X-Frame-Options']}",
)
settings.DEBUG = False
missing = anonymous.get("/registry/organizations/987654321/")
line(
    "10 missing record, DEBUG off",
    f"HTTP {missing.status_code}, own page {'页面不存在' in missing.content.decode()}",
)
