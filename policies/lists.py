"""The policy list's search and columns: what its page sorts by and what its export writes
(kechuang.listing)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column, in_choice_order
from policies.models import DocumentStatus, PolicyDocument


def search_documents(documents: QuerySet[PolicyDocument], text: str) -> QuerySet[PolicyDocument]:
    """Documents whose title, 文号 or issuing body holds every word typed (a region holds a few hundred
    documents, so a substring match needs no index)."""
    for word in text.split():
        documents = documents.filter(
            Q(title__icontains=word) | Q(doc_number__icontains=word) | Q(issuer__icontains=word)
        )
    return documents


def _issued(document: PolicyDocument) -> str:
    return document.issued_date.isoformat() if document.issued_date else ""


DOCUMENT_COLUMNS = (
    Column(_("标题"), attrgetter("title"), key="title"),
    Column(_("文号"), attrgetter("doc_number"), key="number", order_by=("doc_number",)),
    Column(_("发文机关"), attrgetter("issuer"), key="issuer"),
    Column(_("适用地区"), attrgetter("region.name"), key="region", order_by=("region_id",)),
    Column(_("印发日期"), _issued, key="issued", order_by=("issued_date",)),
    Column(
        _("状态"),
        methodcaller("get_status_display"),
        key="status",
        order_by=(in_choice_order("status", DocumentStatus.choices),),
    ),
)
