"""Moving a platform into the cultivation pool and recording approvals, through the services and pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from registry import services
from registry.models import PlatformEvent
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db


def test_pool_entry_sets_stage_target_and_records_an_event(bureau_admin) -> None:
    platform = PlatformFactory(level="municipal", stage="approved")
    services.move_to_pool(platform, "provincial", by=bureau_admin, day=dt.date(2024, 3, 1))
    platform.refresh_from_db()
    assert (platform.stage, platform.target_level, platform.level) == (
        "cultivating",
        "provincial",
        "municipal",
    )
    event = platform.events.get()
    assert (event.stage, event.level, event.date, event.recorded_by) == (
        "cultivating",
        "provincial",
        dt.date(2024, 3, 1),
        bureau_admin,
    )


def test_pool_target_must_be_above_the_current_level(bureau_admin) -> None:
    platform = PlatformFactory(level="provincial", stage="approved")
    with pytest.raises(ValidationError) as error:
        services.move_to_pool(platform, "municipal", by=bureau_admin)
    assert "培育目标级别应高于平台当前级别（省级）" in str(error.value)
    platform.refresh_from_db()
    assert platform.stage == "approved" and not platform.events.exists()


def test_platform_keeps_its_highest_approved_level(bureau_admin) -> None:
    platform = PlatformFactory(stage="cultivating", target_level="provincial")
    services.record_approval(
        platform, "provincial", dt.date(2023, 5, 1), "鲁科字〔2023〕5号", by=bureau_admin
    )
    services.record_approval(platform, "municipal", dt.date(2024, 5, 1), "淄科字〔2024〕9号", by=bureau_admin)
    platform.refresh_from_db()
    assert (platform.level, platform.stage, platform.target_level) == ("provincial", "approved", "")
    assert platform.events.filter(stage="approved").count() == 2


@pytest.mark.parametrize(
    ("level", "day", "document", "field", "message"),
    [
        ("", dt.date(2024, 1, 1), "文号", "level", "请选择认定级别。"),
        ("national", None, "文号", "date", "请填写认定日期。"),
        ("national", "tomorrow", "文号", "date", "认定日期不能晚于今天。"),
        ("national", dt.date(2024, 1, 1), " ", "document", "请填写认定文件或文号。"),
    ],
)
def test_approval_is_validated_before_anything_is_written(
    bureau_admin,
    level,
    day,
    document,
    field,
    message,
) -> None:
    platform = PlatformFactory()
    if day == "tomorrow":
        day = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.record_approval(platform, level, day, document, by=bureau_admin)
    assert error.value.message_dict[field] == [message]
    assert not PlatformEvent.objects.exists()
    platform.refresh_from_db()
    assert platform.stage == "reserve" and platform.level == ""


def test_approval_page_shows_the_future_date_error(client, bureau_admin) -> None:
    platform = PlatformFactory()
    client.force_login(bureau_admin)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("registry:platform_approve", args=[platform.pk]),
        {"level": "national", "date": tomorrow, "document": "国科发〔2030〕1号"},
    )
    assert "认定日期不能晚于今天。" in response.content.decode()
    assert not PlatformEvent.objects.exists()


def test_approval_page_records_and_returns_to_the_platform(client, bureau_admin) -> None:
    platform = PlatformFactory()
    client.force_login(bureau_admin)
    response = client.post(
        reverse("registry:platform_approve", args=[platform.pk]),
        {"level": "provincial", "date": "2024-06-30", "document": "鲁科字〔2024〕30号"},
        follow=True,
    )
    page = response.content.decode()
    assert "鲁科字〔2024〕30号" in page and "省级认定" in page


def test_cultivation_pool_counts_by_type_and_target_level_and_lists_each_count(client) -> None:
    PlatformFactory(name="甲工程中心", stage="cultivating", target_level="provincial")
    PlatformFactory(name="乙孵化器", platform_type="incubator", stage="applying", target_level="national")
    PlatformFactory(name="丙已认定中心", stage="approved", level="municipal")
    url = reverse("registry:cultivation_pool")
    page = client.get(url).content.decode()
    assert "培育库共 2 个平台" in page
    assert "甲工程中心" in page and "乙孵化器" in page and "丙已认定中心" not in page
    # The matrix cell of incubators aimed at national level lists exactly those platforms.
    assert 'href="?platform_type=incubator&amp;target_level=national"' in page
    narrowed = client.get(url, {"platform_type": "incubator", "target_level": "national"}).content.decode()
    assert "乙孵化器" in narrowed and "甲工程中心" not in narrowed
    assert "培育库共 1 个平台" in narrowed
