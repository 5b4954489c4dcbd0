"""Subscriptions and push (精准推送): a new need, achievement, challenge or policy becomes an in-app notice
for every user whose subscription it fits, and the daily digest sends each user the notices not sent
before. A notice exists at most once per user and record (a unique constraint), so nothing arrives twice,
whatever the number of workers."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import Notice, SearchDocument, Subscription
from matching.text import words
from registry.adcodes import region_contains


def fits(subscription: Subscription, document: SearchDocument) -> bool:
    if subscription.kinds and document.kind not in subscription.kinds:
        return False
    if subscription.region and not region_contains(subscription.region, document.region):
        return False
    wanted = set(words(subscription.keywords))
    if not wanted:
        return True
    present = set(document.terms.split()) | set(document.body_terms.split())
    return bool(wanted & present)


def push(document: SearchDocument) -> int:
    """Notices of one new record for every subscription it fits; returns how many were new."""
    if not document.public:
        return 0
    notices = []
    seen_users = set()
    for subscription in Subscription.objects.filter(active=True).select_related("user"):
        if subscription.user_id in seen_users or not fits(subscription, document):
            continue
        seen_users.add(subscription.user_id)
        notices.append(
            Notice(
                user_id=subscription.user_id,
                subscription=subscription,
                kind=document.kind,
                object_id=document.object_id,
                title=document.title,
                url=document.url,
            )
        )
    created = Notice.objects.bulk_create(notices, ignore_conflicts=True)
    return len(created)


def unsubscribe(token: str) -> Subscription | None:
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is not None and subscription.active:
        subscription.active = False
        subscription.save(update_fields=["active"])
    return subscription


def send_digests(base_url: str = "") -> int:
    """One e-mail per user with the notices no digest has carried yet; returns the number of e-mails.
    Each user's notices are claimed in a transaction before sending, so two runs never send one twice."""
    sent = 0
    user_ids = (
        Notice.objects.filter(digested_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            # Only the notices' rows are locked: PostgreSQL refuses FOR UPDATE on the nullable side of the
            # outer join to a notice's subscription.
            pending = list(
                Notice.objects.select_for_update(of=("self",))
                .filter(user_id=user_id, digested_at__isnull=True)
                .select_related("user", "subscription")
            )
            if not pending:
                continue
            Notice.objects.filter(pk__in=[notice.pk for notice in pending]).update(digested_at=timezone.now())
        user = pending[0].user
        if not user.email:
            continue
        lines = [f"· {notice.title}  {base_url}{notice.url}" for notice in pending]
        tokens = {notice.subscription.token for notice in pending if notice.subscription is not None}
        lines.append("")
        for token in sorted(tokens):
            lines.append(
                _("退订：%(url)s") % {"url": base_url + reverse("matching:unsubscribe", args=[token])}
            )
        send_mail(
            _("科创每日推送：%(count)d 条新信息") % {"count": len(pending)},
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        sent += 1
    return sent
