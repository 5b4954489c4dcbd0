"""Every irreversible or bulk action asks before it runs, through a data-confirm attribute that the
site's one static script reads (no inline script, so a content security policy can forbid them)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from planning.models import Task
from policies.models import UnitAlias
from policies.store import store_parsed
from registry.models import Region
from sharing.models import Booking, Voucher
from tests.factories import PlatformFactory
from tests.policy_samples import sample_parsed
from tests.sharing_helpers import at, lab, shared_instrument

pytestmark = pytest.mark.django_db


def asks(html: str, action: str) -> str:
    """The question of the form posting to `action` (or of its submit button)."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S)
    assert form, f"no form posting to {action}"
    question = re.search(r'data-confirm="([^"]+)"', form.group(0))
    assert question, f"the form posting to {action} does not ask first"
    return question.group(1)


def test_the_confirmation_script_is_static_and_loaded_on_every_page(client):
    page = client.get(reverse("home")).text
    assert 'src="/static/kechuang/confirm.js"' in page
    script = (Path(settings.BASE_DIR) / "kechuang/static/kechuang/confirm.js").read_text()
    assert "data-confirm" in script and "window.confirm" in script


def test_close_out_asks(client, bureau_admin):
    task = Task.objects.create(policy_code="p", clause_path="一", title="测试任务", region_id="370300")
    client.force_login(bureau_admin)
    page = client.get(task.get_absolute_url()).text
    assert "不能撤回" in asks(page, reverse("planning:close_out", args=[task.pk]))


def test_confirming_a_document_and_generating_from_it_ask(client, bureau_admin):
    region = Region.objects.get(code="370300")
    draft = store_parsed(sample_parsed(), code="draft", region=region)
    client.force_login(bureau_admin)
    page = client.get(draft.get_absolute_url()).text
    assert "确定确认" in asks(page, reverse("policies:document_confirm", args=[draft.pk]))
    confirmed = store_parsed(sample_parsed(), code="done", region=region, confirmed=True)
    page = client.get(confirmed.get_absolute_url()).text
    for action in ["tasks", "indicators", "rules"]:
        assert "确定生成" in asks(page, reverse("policies:document_action", args=[confirmed.pk, action]))


def test_deleting_a_learned_unit_alias_asks(client, bureau_admin):
    alias = UnitAlias.objects.create(alias="市大数据中心", canonical="市大数据局")
    client.force_login(bureau_admin)
    page = client.get(reverse("policies:unit_aliases")).text
    assert "确定删除" in asks(page, reverse("policies:unit_alias_delete", args=[alias.pk]))


def test_the_city_wide_run_asks(client, bureau_admin):
    client.force_login(bureau_admin)
    page = client.get(reverse("benefits:finder")).text
    assert "全市" in asks(page, reverse("benefits:run_start"))


def test_cancelling_a_booking_and_deciding_a_voucher_ask(client, bureau_admin, enterprise_user):
    shared = shared_instrument(lab())
    booking = Booking.objects.create(
        shared=shared,
        requester=enterprise_user,
        organization=enterprise_user.organization,
        user_kind="enterprise",
        start=at(3, 9),
        end=at(3, 11),
        purpose="形貌观察",
    )
    client.force_login(enterprise_user)
    page = client.get(reverse("sharing:bookings")).text
    assert "取消这次预约" in asks(page, reverse("sharing:cancel_booking", args=[booking.pk]))
    voucher = Voucher.objects.create(
        enterprise=enterprise_user.organization,
        year=2026,
        planned_cost_yuan=Decimal("10000"),
        purpose="检测",
        applied_by=enterprise_user,
    )
    client.force_login(bureau_admin)
    page = client.get(voucher.get_absolute_url()).text
    form = re.search(r'<form[^>]*id="voucher-decision".*?</form>', page, re.S).group(0)
    assert form.count("data-confirm=") == 2


def test_revoking_a_platform_asks(client, bureau_admin):
    platform = PlatformFactory(stage="approved", level="municipal")
    client.force_login(bureau_admin)
    url = reverse("registry:platform_step", args=[platform.pk, "revoke"])
    form = re.search(r'<form[^>]*class="card record-form"[^>]*>', client.get(url).text).group(0)
    assert "确定撤销" in form and "data-confirm=" in form
