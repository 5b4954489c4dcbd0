"""Forms of the sharing pages; the rules behind them live in booking, usage and vouchers."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sharing.models import Usage
from sharing.vocabulary import Origin, SettlementMode

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 16, "decimal_places": 2, "min_value": Decimal("0.01")}


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("仪器名称、型号、单位或分类编码")}),
    )
    region = forms.ChoiceField(label=_("地区"), required=False)
    category = forms.ChoiceField(label=_("仪器类别"), required=False)
    origin = forms.ChoiceField(
        label=_("进口/国产"), required=False, choices=[("", _("全部"))] + list(Origin.choices)
    )

    def __init__(
        self, *args: object, regions: list[tuple[str, str]], categories: list[str], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("全部地区"))] + regions
        self.fields["category"].choices = [("", _("全部类别"))] + [(c, c) for c in categories]


class BookingForm(forms.Form):
    start = forms.DateTimeField(label=_("开始"), widget=MOMENT)
    end = forms.DateTimeField(label=_("结束"), widget=MOMENT)
    purpose = forms.CharField(label=_("用途"), max_length=300)
    repeat = forms.IntegerField(
        label=_("每周重复次数"), min_value=1, max_value=52, initial=1, help_text=_("1 表示只预约这一次。")
    )


class MoveForm(forms.Form):
    start = forms.DateTimeField(label=_("新的开始"), widget=MOMENT)
    end = forms.DateTimeField(label=_("新的结束"), widget=MOMENT)


class UsageForm(forms.Form):
    start = forms.DateTimeField(label=_("实际开始"), widget=MOMENT)
    end = forms.DateTimeField(label=_("实际结束"), widget=MOMENT)
    operator = forms.CharField(label=_("操作人员"), max_length=64)
    samples = forms.IntegerField(label=_("样品数"), min_value=0, initial=0)
    sample_note = forms.CharField(label=_("样品说明"), max_length=200, required=False)


class VoucherForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    planned_cost_yuan = forms.DecimalField(label=_("预计服务费（元）"), **MONEY)
    purpose = forms.CharField(label=_("拟购买的服务"), max_length=300)
    settlement_mode = forms.ChoiceField(label=_("兑付方式"), choices=SettlementMode.choices)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class VoucherDecisionForm(forms.Form):
    deadline = forms.DateField(label=_("使用截止日"), widget=DAY, required=False)
    reason = forms.CharField(label=_("审批意见"), max_length=300, required=False)


class ClaimForm(forms.Form):
    usage = forms.ModelChoiceField(label=_("使用记录"), queryset=Usage.objects.none())
    amount_yuan = forms.DecimalField(
        label=_("申请兑付（元）"), **MONEY, help_text=_("不超过按政策规则可补助的金额。")
    )
    invoice = forms.FileField(label=_("发票（PDF、JPG 或 PNG）"))

    def __init__(self, *args: object, usages: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["usage"].queryset = usages
        only = list(usages[:2])
        if len(only) == 1:  # the usual case: the one service the enterprise just had
            self.fields["usage"].initial = only[0].pk
        self.fields["usage"].label_from_instance = lambda usage: (
            _("%(start)s %(name)s，服务费 %(fee)s 元")
            % {
                "start": timezone.localtime(usage.start).strftime("%Y-%m-%d %H:%M"),
                "name": usage.shared,
                "fee": f"{usage.fee_yuan:,.2f}",
            }
        )


class ClaimDecisionForm(forms.Form):
    reason = forms.CharField(label=_("审核意见"), max_length=300, required=False)
