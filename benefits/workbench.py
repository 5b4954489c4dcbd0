"""The calculator's workbench items (kechuang/workbench.py): an organization's benefits this year and
what it nearly qualifies for (我的政策), judged by the live rules on the data the registry holds."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from benefits import pages
from benefits.templatetags.benefits_format import money
from kechuang.access import AnyUser, is_staff_member, own_organization_id
from kechuang.workbench import MINE, Item
from registry.models import Organization


def items(user: AnyUser) -> Iterator[Item]:
    organization_id = own_organization_id(user)
    if organization_id is None or is_staff_member(user):
        return
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return
    year = pages.default_year(organization)
    page = pages.organization_page(organization, year, own=True)
    paid = [item for item in page["items"] if not item["excluded_by"]]
    url = reverse("benefits:mine") + f"?year={year}"
    yield Item(
        MINE,
        _("可享受的政策"),
        url,
        count=len(paid),
        detail=_("%(year)s 年合计 %(total)s") % {"year": year, "total": money(page["total"])},
        order=20,
        key="benefits.benefits",
    )
    yield Item(
        MINE,
        _("差一点就能享受"),
        url + "#nearly",
        count=len(page["nearly"]),
        detail=_("补齐条件即可享受的政策"),
        order=21,
        key="benefits.nearly",
    )
