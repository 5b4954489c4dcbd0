"""A platform's lifecycle steps only where the stage allows them (申报, 整改, 撤销 included), each one
audited with who, when and the stage before → after."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry import lifecycle, services
from registry.models import Platform
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("stage", "level", "steps"),
    [
        ("reserve", "", ["pool", "apply", "approve"]),
        ("cultivating", "", ["apply", "approve"]),
        ("applying", "", ["approve"]),
        ("approved", "provincial", ["pool", "rectify", "revoke"]),
        ("approved", "national", ["rectify", "revoke"]),
        ("rectifying", "provincial", ["rectified", "revoke"]),
        ("revoked", "provincial", []),
    ],
)
def test_each_stage_offers_only_the_steps_that_may_follow_it(stage, level, steps):
    platform = PlatformFactory(stage=stage, level=level)
    assert [step.code for step in lifecycle.available(platform)] == steps


def test_an_approved_platform_page_offers_no_second_approval(client, bureau_admin):
    platform = PlatformFactory(stage="approved", level="municipal")
    client.force_login(bureau_admin)
    page = client.get(platform.get_absolute_url()).text
    assert reverse("registry:platform_step", args=[platform.pk, "approve"]) not in page
    assert reverse("registry:platform_step", args=[platform.pk, "rectify"]) in page
    assert reverse("registry:platform_step", args=[platform.pk, "revoke"]) in page


def test_a_step_that_cannot_follow_is_refused_and_changes_nothing(client, bureau_admin):
    platform = PlatformFactory(stage="approved", level="municipal")
    client.force_login(bureau_admin)
    url = reverse("registry:platform_approve", args=[platform.pk])
    response = client.post(
        url, {"level": "provincial", "date": TODAY, "document": "鲁科字〔2025〕1号"}, follow=True
    )
    assert "不能登记认定" in response.text
    platform.refresh_from_db()
    assert (platform.stage, platform.level, platform.events.count()) == ("approved", "municipal", 0)
    with pytest.raises(ValidationError, match="不能申报"):
        lifecycle.take(platform, "apply", by=bureau_admin, day=dt.date.today(), level="provincial")


def test_apply_then_approve_through_the_pages(client, bureau_admin):
    platform = PlatformFactory(stage="cultivating", target_level="provincial")
    client.force_login(bureau_admin)
    client.post(
        reverse("registry:platform_step", args=[platform.pk, "apply"]),
        {"date": TODAY, "document": "2025年省级工程中心申报批次"},
    )
    platform.refresh_from_db()
    assert platform.stage == "applying"
    assert platform.events.get(stage="applying").level == "provincial"
    client.post(
        reverse("registry:platform_approve", args=[platform.pk]),
        {"level": "provincial", "date": TODAY, "document": "鲁科字〔2025〕12号"},
    )
    platform.refresh_from_db()
    assert (platform.stage, platform.level) == ("approved", "provincial")


def test_rectification_and_revocation_need_a_reason_and_keep_what_was_typed(client, bureau_admin):
    platform = PlatformFactory(stage="approved", level="municipal")
    client.force_login(bureau_admin)
    url = reverse("registry:platform_step", args=[platform.pk, "rectify"])
    response = client.post(url, {"date": TODAY, "document": "", "note": ""})
    assert "请写明整改的原因或依据文件。" in response.text
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = client.post(url, {"date": tomorrow, "note": "年度评估不合格，限期整改"})
    assert "日期不能晚于今天。" in response.text
    assert "年度评估不合格，限期整改" in response.text
    platform.refresh_from_db()
    assert platform.stage == "approved"
    client.post(url, {"date": TODAY, "note": "年度评估不合格，限期整改"})
    platform.refresh_from_db()
    assert platform.stage == "rectifying"
    client.post(
        reverse("registry:platform_step", args=[platform.pk, "revoke"]),
        {"date": TODAY, "document": "淄科字〔2025〕3号"},
    )
    platform.refresh_from_db()
    assert platform.stage == "revoked"
    assert [event.stage for event in platform.events.order_by("id")] == ["rectifying", "revoked"]
    with pytest.raises(ValidationError):
        lifecycle.require(platform, "pool")


def test_revocation_asks_before_it_is_recorded(client, bureau_admin):
    platform = PlatformFactory(stage="approved", level="municipal")
    client.force_login(bureau_admin)
    page = client.get(reverse("registry:platform_step", args=[platform.pk, "revoke"])).text
    assert 'data-confirm="撤销后平台不再计入已认定平台' in page


@pytest.mark.parametrize(
    ("stage", "level", "act", "reason", "before", "after"),
    [
        (
            "reserve",
            "",
            lambda p, u: services.move_to_pool(p, "provincial", by=u),
            "纳入培育库",
            "储备",
            "培育",
        ),
        (
            "reserve",
            "",
            lambda p, u: services.record_approval(p, "municipal", dt.date.today(), "淄科字〔2025〕1号", by=u),
            "登记认定",
            "储备",
            "认定",
        ),
        (
            "cultivating",
            "",
            lambda p, u: lifecycle.take(p, "apply", by=u, day=dt.date.today(), level="provincial"),
            "申报",
            "培育",
            "申报",
        ),
        (
            "approved",
            "municipal",
            lambda p, u: lifecycle.take(p, "rectify", by=u, day=dt.date.today(), note="评估不合格"),
            "整改",
            "认定",
            "整改",
        ),
        (
            "rectifying",
            "municipal",
            lambda p, u: lifecycle.take(p, "rectified", by=u, day=dt.date.today()),
            "整改完成",
            "整改",
            "认定",
        ),
        (
            "approved",
            "municipal",
            lambda p, u: lifecycle.take(p, "revoke", by=u, day=dt.date.today(), document="淄科字〔2025〕9号"),
            "撤销",
            "认定",
            "撤销",
        ),
    ],
)
def test_every_step_is_in_the_audit_trail(client, bureau_admin, stage, level, act, reason, before, after):
    platform = PlatformFactory(stage=stage, level=level)
    act(platform, bureau_admin)
    latest = Platform.history.filter(id=platform.pk).order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason, latest.stage) == (
        bureau_admin,
        reason,
        platform.__class__.objects.get(pk=platform.pk).stage,
    )
    event = platform.events.order_by("-id").first()
    assert event.recorded_by == bureau_admin
    assert event.history.first().history_user == bureau_admin
    client.force_login(bureau_admin)
    page = client.get(platform.get_absolute_url()).text
    assert f"（{reason}）" in page
    assert f"<del>{before}</del> → <ins>{after}</ins>" in page
