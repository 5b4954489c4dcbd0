"""Declared inputs of the planning pages."""

from __future__ import annotations

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from kechuang.downloads import ATTACHMENT_HELP, check_attachment
from planning.models import ProgressReport, ReportedValue
from planning.status import TASK_STATUSES
from policies.models import PolicyDocument

TASK_STATUS_LABELS = {
    "not_started": _("未开始"),
    "in_progress": _("推进中"),
    "done": _("已销号"),
    "overdue": _("已逾期"),
}
INDICATOR_STATUS_LABELS = {
    "on_track": _("进度正常"),
    "at_risk": _("有风险"),
    "off_track": _("滞后"),
    "met": _("已达成"),
    "no_data": _("暂无数据"),
}


def policy_choices(codes: list[str]) -> list[tuple[str, str]]:
    """The policy filter names documents by title; their codes are for URLs and scripts."""
    titles = dict(PolicyDocument.objects.filter(code__in=codes).values_list("code", "title"))
    return [("", _("全部文件")), *((code, Truncator(titles.get(code, code)).chars(24)) for code in codes)]


class LedgerFilter(forms.Form):
    unit = forms.CharField(
        label=_("责任单位"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("单位名称，如 市科技局"), "type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部状态"))] + [(s, TASK_STATUS_LABELS[s]) for s in TASK_STATUSES],
    )
    attention = forms.ChoiceField(
        label=_("提醒"),
        required=False,
        choices=[("", _("全部任务")), ("due_soon", _("临近时限")), ("report_due", _("待报进展"))],
    )
    policy = forms.ChoiceField(label=_("政策文件"), required=False, choices=[("", _("全部文件"))])
    mine = forms.BooleanField(label=_("只看本单位任务"), required=False)

    def __init__(self, *args: object, policies: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = policy_choices(policies)


class ProgressForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["text", "percentage", "attachment"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "percentage": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }
        help_texts = {"attachment": ATTACHMENT_HELP}

    def clean_attachment(self) -> object:
        attachment = self.cleaned_data.get("attachment")
        return check_attachment(attachment) if attachment else attachment


class CloseOutForm(forms.Form):
    note = forms.CharField(
        label=_("销号说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明完成情况和佐证材料（如文件文号）。"),
        error_messages={"required": _("请填写销号说明。")},
    )
    evidence = forms.FileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("责任单位的进展报告已附材料时可不再上传。"),
        validators=[check_attachment],
    )


class ReportedValueForm(forms.ModelForm):
    class Meta:
        model = ReportedValue
        fields = ["year", "value", "as_of", "source"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"})}


class DashboardFilter(forms.Form):
    region = forms.ChoiceField(label=_("地区"), required=False)
    policy = forms.ChoiceField(label=_("政策文件"), required=False)
    status = forms.ChoiceField(
        label=_("指标状态"),
        required=False,
        choices=[("", _("全部状态")), *INDICATOR_STATUS_LABELS.items()],
    )

    def __init__(
        self, *args: object, regions: list[tuple[str, str]], policies: list[str], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("全部地区"))] + regions
        self.fields["policy"].choices = policy_choices(policies)
