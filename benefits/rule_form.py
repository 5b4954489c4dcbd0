"""The rule editor's form for policy officers: the rule's parameters (amounts, caps, rates) and the
thresholds of its conditions, each under its Chinese label, never as a code or an expression.

A change becomes the same YAML an expert would write (a new dated value of a parameter, a new
threshold in a condition) and goes through the same checks and version history (`rule_store`)."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from benefits import rule_store
from benefits.calculator.wording import parameter_title
from benefits.pages import default_year, year_choices

# The operators an officer may see beside a threshold, as Python writes them and as people read them.
OPERATORS = {ast.GtE: (">=", "≥"), ast.Gt: (">", ">"), ast.LtE: ("<=", "≤"), ast.Lt: ("<", "<")}
UNIT_HELP = {
    "比例": _("填小数：0.05 即 5%"),
    "年利率": _("填小数：0.0310 即 3.10%"),
}
FORMAT_HELP = {"percent": _("填小数：0.10 即 10%"), "yuan": _("单位：元")}


def threshold_of(test: str) -> tuple[str, str, Decimal] | None:
    """(left side, operator, number) when a condition reads `something ≥ number`; else None."""
    try:
        node = ast.parse(test.strip(), mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in OPERATORS):
        return None
    right = node.comparators[0]
    if not (isinstance(right, ast.Constant) and type(right.value) in (int, float)):
        return None
    left = ast.get_source_segment(test.strip(), node.left) or ast.unparse(node.left)
    number = ast.get_source_segment(test.strip(), right) or repr(right.value)
    return left, OPERATORS[type(node.ops[0])][0], Decimal(number)


class RuleTryForm(forms.Form):
    """What both editor forms ask besides the rule: why it changes, and whom to try it on."""

    note = forms.CharField(label=_("修改说明"), max_length=300, required=False)
    organization = forms.CharField(
        label=_("试算机构（统一社会信用代码或名称）"), max_length=200, required=False
    )
    year = forms.TypedChoiceField(label=_("试算年度"), coerce=int, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in year_choices()]
        self.fields["year"].initial = default_year()


class ExpertRuleForm(RuleTryForm):
    """The rule as YAML, for those who know the rule schema."""

    spec = forms.CharField(
        label=_("规则定义（YAML）"), widget=forms.Textarea(attrs={"rows": 24, "class": "mono"})
    )
    field_order = ["spec", "note", "organization", "year"]

    def rule_text(self) -> str:
        return self.cleaned_data["spec"]


class OfficerRuleForm(RuleTryForm):
    """One field per parameter value and per condition threshold, plus when a new value takes effect."""

    def __init__(self, rule: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rule = rule
        # Fields are numbered, not named after the parameters: the page shows no codes.
        self.parameters: list[tuple[str, dict[str, Any]]] = list((rule.get("parameters") or {}).items())
        for number, (_name, parameter) in enumerate(self.parameters):
            current = parameter["values"][-1]
            self.fields[f"value_{number}"] = forms.DecimalField(
                label=parameter_title(parameter["label"], parameter["unit"]),
                initial=Decimal(str(current["value"])),
                min_value=0,
                help_text=UNIT_HELP.get(parameter["unit"], ""),
                error_messages={"invalid": _("请输入数字。"), "required": _("此项为必填项。")},
            )
            self.fields[f"since_{number}"] = forms.DateField(
                label=_("%(label)s 自何日起施行") % {"label": parameter["label"]},
                initial=current["since"],
                help_text=_("晚于现行取值的起始日期时，新数值从该日起施行，此前仍按原数值"),
                error_messages={"invalid": _("请输入有效日期（YYYY-MM-DD）。")},
            )
        self.thresholds: dict[int, tuple[str, str, Decimal]] = {}
        for position, condition in enumerate(rule.get("conditions") or []):
            found = threshold_of(str(condition.get("test", "")))
            if found is None:
                continue
            self.thresholds[position] = found
            symbol = next(shown for written, shown in OPERATORS.values() if written == found[1])
            self.fields[f"threshold_{position}"] = forms.DecimalField(
                label=f"{condition['label']} {symbol}",
                initial=found[2],
                help_text=FORMAT_HELP.get(condition.get("format", ""), ""),
                error_messages={"invalid": _("请输入数字。"), "required": _("此项为必填项。")},
            )
        self.order_fields([name for name in self.fields if name not in RuleTryForm.base_fields])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for number, (_name, parameter) in enumerate(self.parameters):
            since = data.get(f"since_{number}")
            first = parameter["values"][-1]["since"]
            if since is not None and since < _date(first):
                message = _("起始日期不能早于现行取值的起始日期 %(day)s") % {"day": first}
                self.add_error(f"since_{number}", message)
        return data

    def rule_text(self) -> str:
        """The edited rule as YAML, for the same checks and history as an expert's edit."""
        rule = {**self.rule, "parameters": {}}
        for number, (name, parameter) in enumerate(self.parameters):
            value, since = self.cleaned_data[f"value_{number}"], self.cleaned_data[f"since_{number}"]
            values = [dict(entry) for entry in parameter["values"]]
            current = values[-1]
            if Decimal(str(current["value"])) != value:
                if since == _date(current["since"]):
                    current["value"] = _plain(value)
                else:
                    values.append({"since": since, "value": _plain(value)})
            rule["parameters"][name] = {**parameter, "values": values}
        conditions = [dict(condition) for condition in self.rule.get("conditions") or []]
        for position, (left, operator, before) in self.thresholds.items():
            after = self.cleaned_data[f"threshold_{position}"]
            if after != before:
                conditions[position]["test"] = f"{left} {operator} {_plain(after)}"
        if conditions:
            rule["conditions"] = conditions
        if not rule["parameters"]:
            del rule["parameters"]
        return rule_store.rule_text(rule)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _plain(value: Decimal) -> int | str:
    """Whole numbers as integers (5000000), fractions as written (0.05), as the rule files spell them."""
    return int(value) if value == value.to_integral_value() and "." not in str(value) else str(value)


def editor_forms(rule_id: str, data: Any = None) -> tuple[OfficerRuleForm, ExpertRuleForm, RuleTryForm]:
    """The officer's and the expert's form of a rule, and the one `data` (a POST) was sent from."""
    text = rule_store.current_text(rule_id)
    officer_sent = data is not None and data.get("mode") == "officer"
    officer = OfficerRuleForm(rule_store.parse_rule_text(text), data if officer_sent else None)
    expert = ExpertRuleForm(None if officer_sent else data, initial={"spec": text})
    return officer, expert, officer if officer_sent else expert
