"""The fast bulk writer leaves the same audit trail as django-simple-history's own bulk helpers."""

import datetime as dt
from decimal import Decimal

import pytest

from registry.io import bulk, import_rows
from registry.models import Instrument

TRACKED = ["id", "name", "owner_id", "category", "value_yuan", "status", "shareable", "is_demo"]


def import_twice(enterprise, user) -> list[dict]:
    row = {
        "name": "扫描电子显微镜",
        "owner_uscc": enterprise.uscc,
        "category": "电子光学仪器",
        "value_yuan": "1860000.50",
        "status": "可共享",
    }
    assert import_rows([row], "instrument", user=user).created == 1
    assert import_rows([{**row, "status": "维护中", "shareable": "否"}], "instrument", user=user).updated == 1
    return list(
        Instrument.history.order_by("history_id").values(
            *TRACKED, "history_type", "history_user_id", "history_change_reason"
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "simple_history"])
def test_creation_and_change_are_recorded_with_author_and_reason(
    enterprise,
    bureau_admin,
    monkeypatch,
    fast,
) -> None:
    monkeypatch.setattr(bulk, "_fast_path", lambda model: fast)

    created, changed = import_twice(enterprise, bureau_admin)

    expected = {
        "name": "扫描电子显微镜",
        "owner_id": enterprise.pk,
        "category": "电子光学仪器",
        "value_yuan": Decimal("1860000.50"),
        "is_demo": False,
        "history_user_id": bureau_admin.pk,
        "history_change_reason": "批量导入",
    }
    assert created == {
        **expected,
        "id": created["id"],
        "status": "available",
        "shareable": True,
        "history_type": "+",
    }
    assert changed == {
        **expected,
        "id": created["id"],
        "status": "maintenance",
        "shareable": False,
        "history_type": "~",
    }
    stored = Instrument.objects.get()
    assert (stored.status, stored.shareable, stored.value_yuan) == (
        "maintenance",
        False,
        Decimal("1860000.50"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "simple_history"])
def test_time_stamps_are_set_on_create_and_update(enterprise, monkeypatch, fast) -> None:
    monkeypatch.setattr(bulk, "_fast_path", lambda model: fast)
    row = {"name": enterprise.name, "uscc": enterprise.uscc, "kind": "enterprise", "region": "370302"}
    enterprise.__class__.objects.filter(pk=enterprise.pk).update(
        updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )

    import_rows([{**row, "industry": "生物医药"}], "organization")

    enterprise.refresh_from_db()
    assert enterprise.updated_at > dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert enterprise.history.latest().history_date > dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
