"""`kechuang send_digest`: one e-mail per user with the notices no digest has carried, each notice once, with
the unsubscribe link of the subscription that pushed it (PostgreSQL locks the notices, not the join)."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from matching.models import Kind, Notice, Subscription
from tests.factories import persona

pytestmark = pytest.mark.django_db


def test_a_digest_mails_each_users_new_notices_once_with_the_unsubscribe_link(enterprise) -> None:
    reader = persona(Role.ENTERPRISE_USER, enterprise, username="reader")
    reader.email = "reader@example.com"
    reader.save()
    subscription = Subscription.objects.create(user=reader, kinds=[Kind.NEED], keywords="电池")
    Notice.objects.create(
        user=reader, subscription=subscription, kind=Kind.NEED, object_id=1, title="锂电池回收"
    )
    Notice.objects.create(user=reader, kind=Kind.NEED, object_id=2, title="高镍正极材料")

    for _ in range(2):
        call_command("send_digest", "--base-url", "https://kc.example.cn/", stdout=io.StringIO())

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "锂电池回收" in body and "高镍正极材料" in body
    assert "https://kc.example.cn" + reverse("matching:unsubscribe", args=[subscription.token]) in body
    assert not Notice.objects.filter(digested_at__isnull=True).exists()
