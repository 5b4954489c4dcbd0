from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"})


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
