"""With the English language cookie, every app's pages speak English: headings, navigation, vocabulary
labels and messages; the data people entered stays as written."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from benefits.templatetags.benefits_format import money, signed_money
from tests.factories import PlatformFactory, persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "headings"),
    [
        ("home", ["Innovation resources at a glance", "Approved platforms by type and level"]),
        ("registry:organization_list", ["<h1>Organizations</h1>", "All regions"]),
        ("registry:platform_list", ["<h1>Platforms</h1>", "Platform type: all", "Lifecycle stage: all"]),
        ("registry:cultivation_pool", ["Platform cultivation pool"]),
        ("policies:document_list", ["Policies", "No policy documents yet."]),
    ],
)
def test_public_pages_in_english(english, url_name: str, headings: list[str]) -> None:
    page = _page(english, reverse(url_name))
    assert '<html lang="en">' in page
    for heading in headings:
        assert heading in page


@pytest.mark.parametrize(
    ("url_name", "headings"),
    [
        ("planning:dashboard", ["<h1>Targets</h1>", "On track", "Off track", "No indicators."]),
        ("planning:ledger", ["<h1>Task ledger</h1>", "Export to Excel", "Rows per page:", "No tasks match."]),
        ("benefits:finder", ["Policy finds enterprises", "Start the city-wide run"]),
        ("benefits:forecast", ["Budget forecast"]),
        ("benefits:rules", ["<h1>Rules</h1>"]),
        ("registry:import", ["Bulk import", "Upload and check", "Columns of each resource type"]),
        ("policies:document_upload", ["Upload a policy document", "Upload and read"]),
    ],
)
def test_staff_pages_in_english(english, bureau_admin, url_name: str, headings: list[str]) -> None:
    english.force_login(bureau_admin)
    page = _page(english, reverse(url_name))
    for heading in headings:
        assert heading in page, heading
    assert "Science bureau administrator" in page  # the role in the header


def test_vocabulary_labels_and_field_names_in_english(english) -> None:
    platform = PlatformFactory(name="淄博市陶瓷工程技术研究中心")
    page = _page(english, platform.get_absolute_url())
    for text in ("Platform type", "Engineering technology research center", "Lifecycle stage", "Reserve"):
        assert text in page, text
    assert "淄博市陶瓷工程技术研究中心" in page  # names stay as registered
    for chinese in ("平台类型", ">工程技术研究中心<", "储备"):
        assert chinese not in page


def test_form_errors_in_english(english, bureau_admin) -> None:
    english.force_login(bureau_admin)
    response = english.post(
        reverse("registry:organization_create"),
        {
            "name": "淄博测试有限公司",
            "uscc": "91370300MA3C8XXXX1",
            "kind": "enterprise",
            "region": "370302",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Some entries are wrong" in page
    assert "USCC" in page
    assert "统一社会信用代码" not in page


def test_refusal_in_english(english) -> None:
    english.force_login(persona(Role.ENTERPRISE_USER))
    response = english.get(reverse("planning:dashboard"))
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


def test_chinese_stays_the_default(client, bureau_admin) -> None:
    client.force_login(bureau_admin)
    page = _page(client, reverse("planning:ledger"))
    assert '<html lang="zh-CN">' in page and "<h1>任务台账</h1>" in page and "科技局管理员" in page


def test_money_reads_as_yuan_with_thousands_separators_in_both_languages() -> None:
    with translation.override("en"):
        assert money(Decimal("75000")) == "75,000 yuan"
        assert signed_money(Decimal("-1234.5")) == "−1,234.50 yuan"
    with translation.override("zh-hans"):
        assert money(Decimal("75000")) == "75,000 元"


def test_import_errors_in_english(english, bureau_admin, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    english.force_login(bureau_admin)
    rows = "name,uscc,kind,region\n淄博甲科技有限公司,91370300MA3C8XXXX1,公司,999999\n"
    response = english.post(
        reverse("registry:import"),
        {
            "kind": "organization",
            "file": SimpleUploadedFile("organizations.csv", rows.encode()),
        },
    )
    page = response.content.decode()
    assert "Checks failed" in page
    assert "“公司” is not one of the options" in page
    assert "“999999” is not a known region name or code" in page
    assert "nothing was written" in page
