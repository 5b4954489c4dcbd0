"""Forms of the contract pages: the seller's draft, its material and money received, the office's acts,
and the list's filters. Amounts are typed as the registry's money fields read them (万元, separators)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kechuang.downloads import ATTACHMENT_HELP
from registry.forms import DATE_INPUT, MoneyField, OrganizationRefField, RegionFilterField
from transfer.models import Broker, Contract, TransferAgency
from transfer.vocabulary import AttachmentKind, ContractStatus, ContractType

NOTE = forms.Textarea(attrs={"rows": 3})


class ContractFilter(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("项目名称、登记号或当事人")}),
    )
    contract_type = forms.ChoiceField(
        label=_("合同类型"), required=False, choices=[("", _("全部类型")), *ContractType.choices]
    )
    status = forms.ChoiceField(
        label=_("登记状态"), required=False, choices=[("", _("全部状态")), *ContractStatus.choices]
    )
    year = forms.IntegerField(
        label=_("年度"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("年度")}),
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        self.fields["region"] = RegionFilterField((data or {}).get("region"))
        self.order_fields(["q", "region", "contract_type", "status", "year"])


class ContractForm(forms.ModelForm):
    seller_organization = OrganizationRefField(label=_("卖方（受托方、让与方）"))
    buyer_organization = OrganizationRefField(label=_("买方（委托方、受让方）"))

    class Meta:
        model = Contract
        fields = [
            "title",
            "contract_type",
            "field",
            "signed",
            "valid_from",
            "valid_until",
            "amount_yuan",
            "technical_amount_yuan",
            "agency",
            "broker",
        ]
        field_classes = {"amount_yuan": MoneyField, "technical_amount_yuan": MoneyField}
        widgets = {"signed": DATE_INPUT, "valid_from": DATE_INPUT, "valid_until": DATE_INPUT}
        help_texts = {"technical_amount_yuan": _("成交额中属于技术部分的金额，减免税和补助据此计算。")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["title", "seller_organization", "buyer_organization"])
        self.fields["agency"].queryset = TransferAgency.objects.select_related("organization")
        self.fields["broker"].queryset = Broker.objects.select_related("agency__organization")
        if self.instance.pk:
            self.initial.setdefault("seller_organization", self.instance.seller)
            self.initial.setdefault("buyer_organization", self.instance.buyer)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        amount, technical = data.get("amount_yuan"), data.get("technical_amount_yuan")
        if amount is not None and technical is not None and technical > amount:
            self.add_error("technical_amount_yuan", _("技术交易额不能大于成交额。"))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("有效期截止日不能早于起始日。"))
        broker, agency = data.get("broker"), data.get("agency")
        if broker and agency and broker.agency_id != agency.pk:
            self.add_error("broker", _("该技术经理人不属于所选技术转移机构。"))
        return data


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("材料类型"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("文件"), help_text=ATTACHMENT_HELP)


class DayForm(forms.Form):
    on = forms.DateField(label=_("办理日期"), widget=DATE_INPUT, initial=timezone.localdate)


class NoteForm(DayForm):
    note = forms.CharField(label=_("说明"), widget=NOTE, max_length=2000)


class OptionalNoteForm(DayForm):
    note = forms.CharField(label=_("说明"), widget=NOTE, max_length=2000, required=False)


class ReviewForm(OptionalNoteForm):
    disputed = forms.BooleanField(label=_("当事人存在争议"), required=False)


class ChangeForm(NoteForm):
    title = forms.CharField(label=_("项目名称"), max_length=200)
    amount_yuan = MoneyField(label=_("成交额（元）"), min_value=0, decimal_places=2)
    technical_amount_yuan = MoneyField(label=_("技术交易额（元）"), min_value=0, decimal_places=2)
    valid_until = forms.DateField(label=_("有效期至"), widget=DATE_INPUT, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("变更理由")


class ObjectionForm(DayForm):
    raised_by = forms.CharField(label=_("异议人"), max_length=200)
    reason = forms.CharField(label=_("异议理由"), widget=NOTE, max_length=2000)


class DecisionForm(DayForm):
    upheld = forms.TypedChoiceField(
        label=_("处理结果"),
        choices=[("", _("请选择")), ("1", _("异议成立（撤销登记）")), ("0", _("异议不成立"))],
        coerce=lambda value: value == "1",
    )
    decision = forms.CharField(label=_("处理意见"), widget=NOTE, max_length=2000)


class PaymentForm(forms.Form):
    received_on = forms.DateField(label=_("到账日期"), widget=DATE_INPUT, initial=timezone.localdate)
    amount_yuan = MoneyField(label=_("到账金额（元）"), decimal_places=2)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
