"""Forms of the policies pages: the upload, and one form per kind of extraction."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from policies.models import Deadline, MoneyProvision, PolicyDocument, PolicyTarget, ResponsibleUnit
from registry.adcodes import NATIONAL_CODE
from registry.forms import RegionField
from registry.models import Region

ACCEPTED_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}
# A file whose first bytes contradict its name is refused before any parser opens it.
SIGNATURES = {".docx": b"PK\x03\x04", ".pdf": b"%PDF-"}


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("政策文件"),
        help_text=format_lazy(
            _("支持 .txt、.docx、.pdf（含文字层）、.html，不超过 {limit} MB"),
            limit=megabytes(settings.MAX_UPLOAD_BYTES),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(ACCEPTED_SUFFIXES))}),
    )
    region = RegionField(label=_("适用地区"), help_text=_("文件适用的行政区域；全国性文件选“全国”"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        field.queryset = Region.objects.all()
        field.error_messages["invalid_choice"] = _("未知的行政区划代码“%(value)s”，请从列表中选择。")
        field.offer(self.initial.get("region"))
        field.widget.choices.insert(1, (NATIONAL_CODE, _("全国")))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        suffix = PurePath(upload.name or "").suffix.lower()
        if suffix not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(
                _("不支持的文件类型“%(suffix)s”，请上传 .txt、.docx、.pdf 或 .html 文件。"),
                params={"suffix": suffix or _("无扩展名")},
            )
        if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("文件过大（%(size)s MB），上传上限为 %(limit)s MB。"),
                params={"size": megabytes(upload.size), "limit": megabytes(settings.MAX_UPLOAD_BYTES)},
            )
        signature = SIGNATURES.get(suffix)
        if signature is not None:
            upload.seek(0)
            head = upload.read(len(signature))
            upload.seek(0)
            if head != signature:
                raise forms.ValidationError(
                    _("文件内容与扩展名“%(suffix)s”不符，文件可能已损坏。"), params={"suffix": suffix}
                )
        return upload


class UnitForm(forms.ModelForm):
    class Meta:
        model = ResponsibleUnit
        fields = ["name", "raw", "role"]


class MoneyForm(forms.ModelForm):
    class Meta:
        model = MoneyProvision
        fields = ["text", "amount_yuan", "kind", "ratio", "per_unit", "beneficiary"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == "ratio" and data.get("ratio") is None:
            self.add_error("ratio", _("比例类资金条款需要填写比例。"))
        if data.get("kind") in {"fixed", "cap"} and data.get("amount_yuan") is None:
            self.add_error("amount_yuan", _("定额或上限类资金条款需要填写金额。"))
        return data


class TargetForm(forms.ModelForm):
    class Meta:
        model = PolicyTarget
        fields = ["text", "indicator", "value", "unit", "year", "comparator"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["text", "date", "kind"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


FORMS: dict[str, type[forms.ModelForm]] = {
    "unit": UnitForm,
    "money": MoneyForm,
    "target": TargetForm,
    "date": DeadlineForm,
}
# The field a selection fills in when a person adds a missing item.
SELECTION_FIELD = {"unit": "name", "money": "text", "target": "text", "date": "text"}


class DocumentForm(forms.ModelForm):
    """The metadata a reviewer checks against the document's header and closing lines."""

    class Meta:
        model = PolicyDocument
        fields = ["title", "doc_number", "issuer", "issued_date", "effective_from", "effective_until"]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("issued_date", "effective_from", "effective_until")
        } | {"issuer": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("effective_from"), data.get("effective_until")
        if start and end and end < start:
            self.add_error("effective_until", _("有效期截止日期不能早于施行日期。"))
        return data
