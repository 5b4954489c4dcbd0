from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from finance import eligibility
from finance.models import FinancialProduct, FinancingRequest
from finance.vocabulary import RepaymentMethod
from kechuang.access import AnyUser, is_bureau, own_organization_id
from registry.forms import MoneyField
from registry.models import Organization
from registry.vocabulary import OrganizationKind

# type=date inputs take ISO dates only, whatever the language formats dates as.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RepaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("还款日"), widget=DATE)
    principal_yuan = forms.DecimalField(label=_("本金（元）"), min_value=Decimal(0), decimal_places=2)
    interest_yuan = forms.DecimalField(label=_("利息（元）"), min_value=Decimal(0), decimal_places=2)


class DayForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)


class RecoveryForm(forms.Form):
    on = forms.DateField(label=_("回收日期"), widget=DATE)
    recovered_yuan = forms.DecimalField(
        label=_("回收金额（元）"), min_value=Decimal("0.01"), decimal_places=2
    )


class ProductForm(forms.ModelForm):
    """A product as its bank or the bureau maintains it: the rate typed in percent, the ceiling as every
    amount is typed (万元 accepted), the conditions one a line (finance.eligibility.read_conditions)."""

    rate_percent = forms.DecimalField(
        label=_("参考年利率（%）"), min_value=Decimal(0), max_value=Decimal(100), decimal_places=4
    )
    conditions = forms.CharField(
        label=_("申请条件"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = FinancialProduct
        fields = ["name", "bank", "kind", "term_months", "ceiling_yuan", "description", "on_offer"]
        field_classes = {"ceiling_yuan": MoneyField}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        banks = Organization.objects.filter(kind=OrganizationKind.FINANCIAL_INSTITUTION)
        if not is_bureau(user):
            banks = banks.filter(pk=own_organization_id(user))
        self.fields["bank"].queryset = banks.order_by("name")
        if self.instance.pk:
            self.initial["rate_percent"] = (self.instance.rate * 100).normalize()
            self.initial["conditions"] = eligibility.conditions_text(self.instance.eligibility)
        self.order_fields(["name", "bank", "kind", "rate_percent", "term_months", "ceiling_yuan"])

    def clean_conditions(self) -> list[dict[str, str]]:
        try:
            return eligibility.read_conditions(self.cleaned_data["conditions"])
        except eligibility.EligibilityError as error:
            raise ValidationError(str(error)) from None

    def save(self, commit: bool = True) -> FinancialProduct:
        product = super().save(commit=False)
        product.rate = self.cleaned_data["rate_percent"] / 100
        product.eligibility = self.cleaned_data["conditions"]
        return product


class RequestForm(forms.ModelForm):
    class Meta:
        model = FinancingRequest
        fields = ["amount_yuan", "term_months", "purpose"]
        field_classes = {"amount_yuan": MoneyField}


class SubmitForm(forms.Form):
    product = forms.ModelChoiceField(queryset=FinancialProduct.objects.filter(on_offer=True))


class AcceptForm(forms.Form):
    contract_no = forms.CharField(label=_("借款合同编号"), max_length=64)
    signed = forms.DateField(label=_("合同签订日"), widget=DATE)
    issued = forms.DateField(label=_("放款日"), widget=DATE)
    method = forms.ChoiceField(label=_("还款方式"), choices=RepaymentMethod.choices)


class DeclineForm(forms.Form):
    on = forms.DateField(label=_("答复日期"), widget=DATE)
    reason = forms.CharField(label=_("不予受理的原因"), max_length=300)
