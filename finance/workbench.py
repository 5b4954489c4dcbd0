"""Finance's workbench items (kechuang/workbench.py): a bank's financing requests waiting for its answer;
an enterprise's requests still to send to a product and all its requests; the bureau's monthly filing."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from finance import permissions
from finance.vocabulary import RequestStatus
from kechuang.access import AnyUser
from kechuang.workbench import MINE, TODO, WATCH, Item


def _requests(status: str = "") -> str:
    return reverse("finance:requests") + (f"?status={status}" if status else "")


def items(user: AnyUser) -> Iterator[Item]:
    if not user.is_authenticated:
        return
    if permissions.can_view_statistics(user):
        yield Item(WATCH, _("科技金融月度报送"), reverse("finance:filing"), order=60, key="finance.filing")
        return
    visible = permissions.requests_for_user(user)
    if permissions.can_maintain_product(user):  # a bank's users
        yield Item(
            TODO,
            _("待答复的融资申请"),
            _requests(RequestStatus.SUBMITTED),
            count=visible.filter(status=RequestStatus.SUBMITTED).count(),
            urgent=True,
            order=25,
            key="finance.requests_to_answer",
        )
    elif permissions.can_file_request(user):
        yield Item(
            TODO,
            _("待选择产品的融资需求"),
            _requests(RequestStatus.FILED),
            count=visible.filter(status=RequestStatus.FILED).count(),
            order=60,
            key="finance.requests_to_send",
        )
        yield Item(
            MINE,
            _("我的融资需求"),
            _requests(),
            count=visible.count(),
            order=60,
            key="finance.my_requests",
        )
