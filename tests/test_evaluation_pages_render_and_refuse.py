"""The evaluation pages render for the people they serve and refuse everyone else, with the same answer
the domain gives; the platform's registry page shows its score sheet, reward and ledger task; the bureau's
export is an xlsx of the cohort."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from evaluation import rounds
from tests import evaluation_world
from tests.test_evaluation_round_end_to_end import run_to_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return evaluation_world.build()


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def test_before_publicity_only_staff_see_a_round(client, world):
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    assert login(client, world.bureau).get(round_.get_absolute_url()).status_code == 200
    response = login(client, world.host_users[1]).get(round_.get_absolute_url())
    assert response.status_code == 403
    own = round_.submissions.get(platform=world.labs[1])
    other = round_.submissions.get(platform=world.labs[0])
    page = client.get(own.get_absolute_url())
    assert page.status_code == 200 and "技术合同登记：技术合同成交额" in page.content.decode()
    assert client.get(other.get_absolute_url()).status_code == 403
    assert client.post(f"/evaluation/rounds/{round_.pk}/review/").status_code == 403
    response = client.post(own.get_absolute_url(), {"value-rd_staff": "30", "note-rd_staff": "", "save": "1"})
    assert "与系统数据不一致，请说明理由并提供佐证。" in [str(m) for m in response.wsgi_request._messages]


def test_an_expert_sees_only_their_reviews(client, world):
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    rounds.start_review(round_)
    rounds.assign_panel(round_, by=world.bureau)
    mine = world.experts[0].evaluation_reviews.first()
    login(client, world.expert_users[0])
    assert client.get(f"/evaluation/reviews/{mine.pk}/").status_code == 200
    conflicted_review = (
        round_.submissions.get(platform=world.labs[1]).reviews.exclude(reviewer=world.experts[0]).first()
    )
    assert client.get(f"/evaluation/reviews/{conflicted_review.pk}/").status_code == 403
    client.post(f"/evaluation/reviews/{mine.pk}/", {"score-operation": "88", "comment": "良好"})
    mine.refresh_from_db()
    assert mine.scores == {"operation": "88"}


def test_published_results_on_the_platform_page_and_the_export(client, world):
    round_, submissions, _results = run_to_results(world)
    today = timezone.localdate()
    rounds.start_publicity(round_, today, today)
    rounds.publish(round_, by=world.bureau, document="威科字〔2026〕1号")
    login(client, world.host_users[0])
    page = client.get(world.labs[0].get_absolute_url()).content.decode()
    assert "98.75" in page and "第 1 名 / 共 3 家" in page
    assert (
        "市级重点实验室、技术创新中心、临床医学研究中心绩效补助 最高 <strong>500,000.00</strong> 元" in page
    )
    failing = login(client, world.host_users[2]).get(world.labs[2].get_absolute_url()).content.decode()
    assert "威海市智能渔具重点实验室绩效评价不合格整改" in failing
    sheet = client.get(f"/evaluation/platforms/{world.labs[2].pk}/").content.decode()
    assert "距“合格”还差 36.00 分" in sheet
    assert (
        login(client, world.host_users[2]).get(f"/evaluation/rounds/{round_.pk}/export.xlsx").status_code
        == 403
    )
    response = login(client, world.bureau).get(f"/evaluation/rounds/{round_.pk}/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("名次", "平台名称") and rows[1][-2:] == ("总分", "等次")
    assert rows[2][0:2] == (1, "威海市海洋新材料重点实验室") and rows[2][-2:] == (98.75, "优秀")
    assert "cohort-chart-data" in client.get(round_.get_absolute_url()).content.decode()


def test_the_api_lists_rounds_and_results_with_the_pages_visibility(client, world):
    round_, _submissions, _results = run_to_results(world)
    assert client.get("/api/evaluation/rounds").status_code == 401
    login(client, world.host_users[1])
    assert client.get("/api/evaluation/rounds").json() == []  # scored, not yet in 公示
    own = client.get(f"/api/evaluation/rounds/{round_.pk}/results").json()
    assert [(r["platform_name"], r["rank"], r["grade"]) for r in own] == [
        ("威海市精密医疗器械重点实验室", 2, "pass")
    ]
    rounds.start_publicity(round_, timezone.localdate(), timezone.localdate())
    (listed,) = client.get("/api/evaluation/rounds").json()
    assert (listed["status"], listed["index_system"]) == ("publicizing", "weihai-municipal-key-laboratories")
    everyone = client.get(f"/api/evaluation/rounds/{round_.pk}/results").json()
    assert [r["score"] for r in everyone] == ["98.75", "64.50", "24.00"]
    assert everyone[0]["breakdown"][0] == {
        "code": "rd_expense",
        "name": "年度研发经费投入",
        "weight": "20.00",
        "bonus": False,
        "value": "6000000.0000",
        "points": "20.00",
    }
