"""The 单位名称词典 page: staff see every alias, the bureau adds one by hand or deletes a learned one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kechuang.access import refuse, requires
from policies import unit_aliases
from policies.models import UnitAlias
from policies.permissions import can_edit_unit_dictionary, can_view_unit_dictionary
from registry.models import Region

REQUIRED = {"required": gettext_lazy("原文写法和规范名称都不能为空。")}


class AliasForm(forms.Form):
    alias = forms.CharField(
        label=gettext_lazy("原文写法"),
        max_length=200,
        error_messages=REQUIRED,
        help_text=gettext_lazy("例如 市大数据中心"),
    )
    canonical = forms.CharField(
        label=gettext_lazy("规范名称"),
        max_length=100,
        error_messages=REQUIRED,
        help_text=gettext_lazy("例如 市大数据局"),
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("适用地区"),
        queryset=Region.objects.all(),
        required=False,
        to_field_name="code",
        widget=forms.TextInput,
        help_text=gettext_lazy("行政区划代码；留空表示各地通用"),
    )


EDIT_REFUSAL = gettext_lazy("只有科技局管理员可以维护单位名称词典。")


@requires(can_view_unit_dictionary, gettext_lazy("只有政府工作人员可以查看单位名称词典。"))
def unit_aliases_page(request: HttpRequest) -> HttpResponse:
    form = AliasForm(request.POST or None)
    if request.method == "POST":
        if not can_edit_unit_dictionary(request.user):
            return refuse(request, str(EDIT_REFUSAL))
        if form.is_valid():
            try:
                unit_aliases.add_alias(**form.cleaned_data, user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("别名已添加。"))
                return redirect("policies:unit_aliases")
    return TemplateResponse(
        request,
        "policies/units/aliases.html",
        {
            "rows": unit_aliases.alias_rows(),
            "form": form,
            "can_manage": can_edit_unit_dictionary(request.user),
        },
    )


@require_POST
@requires(can_edit_unit_dictionary, EDIT_REFUSAL)
def unit_alias_delete(request: HttpRequest, pk: int) -> HttpResponse:
    unit_aliases.delete_alias(get_object_or_404(UnitAlias, pk=pk), request.user)
    messages.success(request, _("别名已删除。"))
    return redirect("policies:unit_aliases")
