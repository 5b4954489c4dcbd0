"""With the English language cookie the import page's column reference explains each column in English,
while the Chinese headers and choice labels a file uses stay as they are."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _import_page(client, bureau_admin, language: str | None) -> str:
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(bureau_admin)
    response = client.get(reverse("registry:import"))
    assert response.status_code == 200
    return response.content.decode()


def test_hints_read_in_english(client, bureau_admin) -> None:
    page = _import_page(client, bureau_admin, "en")
    assert "A date, e.g. 2024-05-10" in page
    assert "18 characters, including the check character" in page
    assert "At most 200 characters" in page
    assert "日期，如 2024-05-10" not in page
    assert "须已在系统中" not in page
    # Headers and choice labels are what files carry, so they stay in Chinese.
    assert '<td>统一社会信用代码<span class="required">*</span>' in page
    assert "企业" in page and "(or the English codes)" in page


def test_hints_read_in_chinese_by_default(client, bureau_admin) -> None:
    page = _import_page(client, bureau_admin, None)
    assert "日期，如 2024-05-10" in page
    assert "（或英文代码）" in page
    assert "A date, e.g." not in page
