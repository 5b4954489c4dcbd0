"""A snapshot that cannot be evaluated is refused with a Chinese message saying where and why."""

import pytest

from benefits.calculator import SnapshotError, parse_snapshot

VALID = {"name": "甲", "kind": "enterprise", "region": "371002"}


@pytest.mark.parametrize(
    ("snapshot", "message"),
    [
        ([], "必须是 JSON 对象"),
        ({"name": "甲"}, "region 必须是 6 位行政区划代码"),
        (
            {**VALID, "events": [{"type": "platform_moved", "date": "2024-01-01"}]},
            "第 1 个事件的类型 'platform_moved' 未知",
        ),
        ({**VALID, "events": [{"type": "voucher_used", "date": "2024-01-01"}]}, "缺少字段 cost_yuan"),
        (
            {**VALID, "events": [{"type": "voucher_used", "date": "2024/01/01", "cost_yuan": 1}]},
            "不是 ISO 格式",
        ),
        (
            {
                **VALID,
                "events": [
                    {
                        "type": "platform_approved",
                        "date": "2024-01-01",
                        "platform_type": "incubator",
                        "level": "galactic",
                    }
                ],
            },
            "level 的值 'galactic' 无效",
        ),
        ({**VALID, "annual": {"2024": {"profit": 1}}}, "含未知指标 'profit'"),
        ({**VALID, "annual": {"24": {"revenue": 1}}}, "不是四位年份"),
        ({**VALID, "annual": {"2024": {"revenue": "很多"}}}, "必须是数字"),
        ({**VALID, "qualifications": [{"type": "tech_sme", "granted": "去年"}]}, "第 1 项资质的日期"),
    ],
)
def test_bad_snapshot_is_refused_with_a_chinese_reason(snapshot, message):
    with pytest.raises(SnapshotError, match=message):
        parse_snapshot(snapshot)


def test_not_a_number_is_refused():
    with pytest.raises(SnapshotError, match="有限的数字"):
        parse_snapshot({**VALID, "annual": {"2024": {"revenue": float("nan")}}})


def test_numbers_may_be_decimal_strings_and_stay_exact():
    snapshot = parse_snapshot({**VALID, "annual": {"2024": {"revenue": "1234.56"}}})
    assert str(snapshot.annual[2024]["revenue"]) == "1234.56"
