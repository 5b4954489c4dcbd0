"""The forms of the index-system edit page: the bonus cap and why the system changes, one row per
indicator (a blank row adds one, 删除 removes one) and one per grade rule. Each formula is checked in
the safe expression language as it is typed; `editing.save_edit` then checks the system whole."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from evaluation import editing
from evaluation.models import IndexSystem
from evaluation.vocabulary import Grade

NUMBER_ERRORS = {"invalid": _("请输入数字。"), "required": _("此项为必填项。")}
FORMULA_HELP = _(
    "可用：value（填报值）、target（目标值）、weight（分值）、rank（名次）、cohort（参评数）、"
    "expert（专家评分，0–100）；函数 min、max；如 min(value / target, 1) * weight"
)


class SystemEditForm(forms.Form):
    bonus_cap = forms.DecimalField(
        label=_("加分上限"), min_value=0, decimal_places=2, error_messages=NUMBER_ERRORS
    )
    note = forms.CharField(
        label=_("修改说明"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写修改说明。")},
    )


class IndicatorForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    category = forms.CharField(label=_("一级指标"), max_length=100, required=False)
    name = forms.CharField(
        label=_("指标名称"), max_length=200, error_messages={"required": _("请填写指标名称。")}
    )
    weight = forms.DecimalField(label=_("分值"), min_value=0, decimal_places=2, error_messages=NUMBER_ERRORS)
    is_bonus = forms.BooleanField(label=_("加分项"), required=False)
    expression = forms.CharField(
        label=_("计分公式"),
        help_text=FORMULA_HELP,
        widget=forms.Textarea(attrs={"rows": 2, "class": "mono"}),
        error_messages={"required": _("请填写计分公式。")},
    )
    target = forms.DecimalField(label=_("目标值"), required=False, error_messages=NUMBER_ERRORS)
    description = forms.CharField(
        label=_("评分标准"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_expression(self) -> str:
        expression = self.cleaned_data["expression"].strip()
        editing.check_formula(expression)
        return expression


class GradeForm(forms.Form):
    grade = forms.CharField(widget=forms.HiddenInput)
    min_score = forms.DecimalField(
        label=_("最低得分"), min_value=0, decimal_places=2, error_messages=NUMBER_ERRORS
    )
    max_rank = forms.IntegerField(
        label=_("名次不低于"), min_value=1, required=False, error_messages=NUMBER_ERRORS
    )
    max_share = forms.DecimalField(
        label=_("位于前百分比"),
        min_value=0,
        max_value=1,
        decimal_places=4,
        required=False,
        help_text=_("如 0.3 表示前30%。"),
        error_messages={**NUMBER_ERRORS, "max_value": _("请填写 0 到 1 之间的小数。")},
    )


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=1, can_delete=True)
GradeFormSet = forms.formset_factory(GradeForm, extra=0)


class SystemEdit:
    """The three forms of the page, bound to a POST or filled from the stored system."""

    def __init__(self, system: IndexSystem, data: Any = None) -> None:
        self.system = system
        indicators = [
            {"id": i.pk, **{name: getattr(i, name) for name in editing.INDICATOR_FIELDS}}
            for i in system.indicators.order_by("order", "id")
        ]
        grades = [
            {"grade": rule.grade, **{name: getattr(rule, name) for name in editing.GRADE_FIELDS}}
            for rule in system.grade_rules.all()
        ]
        self.form = SystemEditForm(data, initial={"bonus_cap": system.bonus_cap})
        self.indicators = IndicatorFormSet(data, initial=indicators, prefix="indicator")
        self.grades = GradeFormSet(data, initial=grades, prefix="grade")

    def grade_rows(self) -> list[tuple[str, forms.Form]]:
        """Each grade rule's form under the grade's name (优秀, not its code)."""
        return [(Grade(form["grade"].value()).label, form) for form in self.grades.forms]

    def save(self, by: Any) -> editing.Outcome | None:
        """The saved edit, or None with the errors on the forms (nothing written)."""
        if not all([self.form.is_valid(), self.indicators.is_valid(), self.grades.is_valid()]):
            return None
        rows = [
            {**form.cleaned_data, "delete": form.cleaned_data.get("DELETE", False)}
            for form in self.indicators.forms
            if form.cleaned_data and (form.has_changed() or form.cleaned_data.get("id"))
        ]
        try:
            return editing.save_edit(
                self.system,
                self.form.cleaned_data["bonus_cap"],
                rows,
                [form.cleaned_data for form in self.grades.forms],
                by=by,
                note=self.form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                self.form.add_error(None, message)
            return None
