"""Forms of the matching pages; each validates everything before anything is written."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import AgreementDraft, DeclineReason, Synonym


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("婉拒原因"),
        choices=[("", _("请选择…")), *DeclineReason.choices],
        error_messages={"required": _("请选择婉拒原因。")},
    )
    note = forms.CharField(
        label=_("补充说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reason") == DeclineReason.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", _("选择“其他原因”时请写明原因。"))
        return data


class AcceptForm(forms.Form):
    contract_type = forms.ChoiceField(
        label=_("合同类型"), choices=AgreementDraft._meta.get_field("contract_type").choices
    )
    amount_yuan = forms.DecimalField(
        label=_("预计金额（元）"), required=False, min_value=Decimal("0"), max_digits=16, decimal_places=2
    )


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["words", "industry"]

    def clean_words(self) -> str:
        words = self.cleaned_data["words"]
        if len(Synonym(words=words).word_list()) < 2:
            raise forms.ValidationError(_("一组同义词至少要有两个词，用顿号或逗号分隔。"))
        return words


class SubscriptionForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("订阅内容"),
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("need", _("技术需求")),
            ("achievement", _("科技成果")),
            ("challenge", _("揭榜挂帅")),
            ("policy", _("政策文件")),
        ],
        error_messages={"required": _("请至少选择一类订阅内容。")},
    )
    keywords = forms.CharField(
        label=_("领域关键词"), required=False, max_length=300, help_text=_("例如 新材料 锂电池；留空表示全部")
    )
    region = forms.ChoiceField(label=_("地区"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        from registry.models import Region

        cities = Region.objects.filter(level="city").order_by("code").values_list("code", "name")
        self.fields["region"].choices = [("", _("全部地区")), *cities]


class ExpertProfileForm(forms.Form):
    stated_fields = forms.CharField(
        label=_("自述专业领域"), max_length=300, error_messages={"required": _("请填写专业领域。")}
    )
    statement = forms.CharField(
        label=_("个人陈述"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    available = forms.BooleanField(label=_("可接受对接与评审"), required=False, initial=True)
    achievements = forms.ModelMultipleChoiceField(label=_("参与的科技成果"), required=False, queryset=None)

    def __init__(self, *args: object, person: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        from registry.models import Achievement

        owner = getattr(person, "organization_id", None)
        self.fields["achievements"].queryset = Achievement.objects.filter(owner_id=owner).order_by("-pk")
