"""The sharing pages read in English when the visitor chooses English."""

from django.conf import settings

from tests.sharing_helpers import lab, shared_instrument


def test_the_catalogue_and_instrument_page_in_english(client, db):
    shared = shared_instrument(lab())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    catalogue = client.get("/sharing/").content.decode()
    assert "Shared instruments" in catalogue
    assert "1 instruments" in catalogue
    page = client.get(f"/sharing/instruments/{shared.pk}/").content.decode()
    for text in (
        "Classification code",
        "Enterprise user",
        "Calendar (week)",
        "Opening hours",
        "Log in to book",
    ):
        assert text in page
    assert "仪器名称" not in page
