"""The evaluation pages in English (evaluation/locale): the round with its results and the score sheet."""

import re

import pytest
from django.conf import settings

from tests import evaluation_world
from tests.test_evaluation_round_end_to_end import run_to_results

pytestmark = pytest.mark.django_db


def test_round_and_score_sheet_in_english(client):
    world = evaluation_world.build()
    round_, _submissions, _results = run_to_results(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.bureau)
    page = client.get(round_.get_absolute_url()).content.decode()
    for text in ("Evaluation result", "Start publicity", "Export to Excel", "Index system"):
        assert text in page
    sheet = client.get(f"/evaluation/platforms/{world.labs[2].pk}/").content.decode()
    assert "points short of “Pass”" in sheet and "rank 3 of 3" in sheet
    main = re.search(r"<main.*?</main>", sheet, re.S).group(0)
    # What stays Chinese is data: names of platforms, hosts, indicators and the round.
    assert "距" not in main and "名次" not in main
