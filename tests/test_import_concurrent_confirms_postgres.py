"""Two confirms of one dry run at the same moment (a double click, two tabs): one import writes, the other
is told in Chinese why it wrote nothing; nobody gets a server error. PostgreSQL runs the two writers
concurrently; SQLite serialises them, so this runs when DATABASE_URL is PostgreSQL."""

from __future__ import annotations

import os
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from registry.models import Organization
from registry.regions import load_regions
from registry.validators import make_uscc

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="concurrent writers need PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]
USCCS = [make_uscc("91", "370300", 900 + n) for n in range(200)]


@pytest.fixture
def regions(transactional_db) -> None:
    """An earlier transactional test (a browser test's live server) may have flushed the region table, and the
    personas' organizations need their regions before they are created."""
    load_regions()


def test_the_second_of_two_concurrent_confirms_gets_a_message(
    regions: None, bureau_admin, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    lines = ["name,uscc,kind,region"] + [
        f"淄博并发公司{n},{uscc},企业,370302" for n, uscc in enumerate(USCCS)
    ]
    first = Client()
    first.force_login(bureau_admin)
    upload = SimpleUploadedFile("organizations.csv", "\n".join(lines).encode())
    assert first.post(reverse("registry:import"), {"kind": "organization", "file": upload}).status_code == 200
    second = Client()
    second.cookies[settings.SESSION_COOKIE_NAME] = first.cookies[settings.SESSION_COOKIE_NAME].value
    barrier = threading.Barrier(2)
    answers: list[tuple[int, str]] = []

    def confirm(client: Client) -> None:
        try:
            barrier.wait()
            response = client.post(reverse("registry:import_confirm"))
            answers.append((response.status_code, response.content.decode()))
        except Exception as error:
            answers.append((500, repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(client,)) for client in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [status for status, _ in answers] == [200, 200], answers
    assert Organization.objects.filter(uscc__in=USCCS).count() == len(USCCS)
    written = [page for _, page in answers if "导入完成" in page or "已新增" in page or "新增200条" in page]
    told = [
        page for _, page in answers if "未写入任何数据" in page or "已失效" in page or "没有待确认" in page
    ]
    assert len(written) == 1 and len(told) == 1, [page[-2000:] for _, page in answers]
