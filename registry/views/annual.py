"""An organization's yearly figures, one year per form."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kechuang.access import refuse
from registry import permissions
from registry.forms import AnnualDataForm
from registry.models import AnnualData, Organization


def _year(text: str | None) -> int:
    # Enterprises report the year just closed unless they ask for another.
    return int(text) if text and text.isdigit() else timezone.localdate().year - 1


def organization_annual(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    if not permissions.can_edit(request.user, AnnualData(organization=organization)):
        return refuse(request)
    year = _year(request.POST.get("year") if request.method == "POST" else request.GET.get("year"))
    existing = AnnualData.objects.filter(organization=organization, year=year).first()
    record = existing or AnnualData(organization=organization, year=year)
    form = AnnualDataForm(request.POST or None, instance=record, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        saved = _("已保存%(organization)s%(year)s年度数据。") % {"organization": organization, "year": year}
        messages.success(request, saved)
        return redirect("registry:organization_annual", pk=organization.pk)
    return TemplateResponse(
        request,
        "registry/annual.html",
        {
            "organization": organization,
            "form": form,
            "year": year,
            "existing": existing,
            "years": list(organization.annual_data.all()),
        },
    )
