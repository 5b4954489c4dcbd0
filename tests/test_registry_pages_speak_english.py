"""The page chrome has an English translation, chosen by the language switch; Chinese stays the default."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_list_page_chrome_in_english(client, enterprise) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("registry:organization_list")).content.decode()
    assert '<html lang="en">' in page
    for text in ("Organizations", "Cultivation pool", "Log in", "Counting…", ">Search<"):
        assert text in page
    assert enterprise.name in page  # data stays as entered


def test_chinese_is_the_default(client) -> None:
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="zh-CN">' in page and "科技创新资源概览" in page
