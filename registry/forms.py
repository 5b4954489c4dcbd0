"""Forms of the registry pages: the base of every kind's record form (each kind's own is in its module,
registry/kinds/<kind>.py), its organization and region fields, list filters, yearly data and lifecycle
actions.

Messages are Chinese: model validators carry their own, Django's zh-hans catalogue gives the rest.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import cn2an
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser
from registry.models import (
    AnnualData,
    Organization,
    Region,
)
from registry.permissions import locked_fields, prefill
from registry.region_lookups import IN_REGION, in_any_region
from registry.validators import normalize_uscc
from registry.vocabulary import Level

USCC_IN_TEXT = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
SEPARATORS = re.compile(r"[\n;；、，,]+")
if TYPE_CHECKING:
    from registry.kinds import ResourceKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def region_options(*, counties: bool = True) -> list[tuple[str, Any]]:
    """Provinces and cities (and counties) of the provinces this deployment serves (the KECHUANG_REGIONS
    setting), grouped by province; any other adcode is still accepted."""
    provinces = {code[:2] + "0000" for code in settings.SERVED_REGIONS}
    regions = Region.objects.filter(in_any_region(provinces, "code"))
    if not counties:
        regions = regions.exclude(level="county")
    groups: dict[str, list[tuple[str, str]]] = {}
    for region in regions.order_by("code"):
        province = region.code[:2]
        indent = {"province": "", "city": "　", "county": "　　"}[region.level]
        groups.setdefault(province, []).append((region.code, f"{indent}{region.name}"))
    return [(options[0][1], options) for options in groups.values()]


class RegionField(forms.ModelChoiceField):
    """A region chosen by adcode from a grouped select."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("所在地区"))
        super().__init__(queryset=Region.objects.exclude(code="000000"), to_field_name="code", **kwargs)
        self.error_messages["invalid_choice"] = _("行政区划代码不存在，请从列表中选择。")

    def offer(self, current: str | None) -> None:
        choices: list[tuple[str, Any]] = [("", _("请选择地区"))]
        offered = region_options()
        codes = {code for _, options in offered for code, _ in options}
        if current and current not in codes:
            region = Region.objects.filter(code=current).first()
            if region:
                choices.append((region.code, region.full_name))
        self.widget.choices = choices + offered


def _describe(organization: Organization) -> str:
    return f"{organization.name}（{organization.uscc}）"


def find_organization(text: str) -> Organization:
    """An organization named by its USCC (anywhere in the text) or by its full name."""
    text = text.strip()
    code = USCC_IN_TEXT.search(normalize_uscc(text).upper())
    if code:
        found = Organization.objects.filter(uscc=code.group()).first()
        if found:
            return found
    named = list(Organization.objects.filter(name=text)[:2])
    if len(named) == 1:
        return named[0]
    if named:
        raise ValidationError(
            _("名称为“%(name)s”的机构不止一家，请填写统一社会信用代码。"), params={"name": text}
        )
    raise ValidationError(
        _("找不到机构“%(name)s”，请填写已登记机构的全称或统一社会信用代码。"), params={"name": text}
    )


class OrganizationInput(forms.TextInput):
    """A text box that suggests registered organizations while one types (an htmx-filled datalist)."""

    template_name = "registry/widgets/organization_input.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "list": f"{context['widget']['attrs'].get('id', name)}-suggestions",
                "autocomplete": "off",
                "hx-get": f"{reverse('registry:organization_suggest')}?field={name}",
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "next datalist",
                "hx-swap": "innerHTML",
            }
        )
        return context


class OrganizationRefField(forms.CharField):
    """An organization typed as its full name or USCC: 100,000 organizations do not fit in a select."""

    widget = OrganizationInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("填写机构全称或统一社会信用代码"))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):  # a stored foreign key, not something typed
            value = Organization.objects.filter(pk=value).first() or value
        return _describe(value) if isinstance(value, Organization) else value

    def clean(self, value: Any) -> Organization | None:
        if isinstance(value, Organization):
            return value
        if isinstance(value, int):  # the fixed owner of a disabled field, by primary key
            return Organization.objects.get(pk=value)
        text = super().clean(value)
        return find_organization(text) if text else None


class OrganizationListField(forms.CharField):
    """Several organizations, one per line (or separated by 、 or commas)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("每行一家，填写机构全称或统一社会信用代码"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple | models.QuerySet):
            return "\n".join(
                _describe(item) if isinstance(item, Organization) else str(item) for item in value
            )
        return value

    def clean(self, value: Any) -> list[Organization]:
        text = super().clean(value) or ""
        found, errors = [], []
        for part in filter(None, (piece.strip() for piece in SEPARATORS.split(text))):
            try:
                found.append(find_organization(part))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return list(dict.fromkeys(found))


class RegistryForm(forms.ModelForm):
    """A record form that knows who fills it in: the fields registry.permissions locks for that user
    are shown disabled with the reason, and a new record starts as the user may start it (owned by
    their organization where they may own no other)."""

    def __init__(
        self, *args: Any, user: AnyUser, instance: models.Model | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, instance=prefill(user, instance or self._meta.model()), **kwargs)
        self.user = user
        for field in self.fields.values():
            choices = getattr(field, "choices", None)
            if isinstance(field, forms.TypedChoiceField) and choices and choices[0][0] == "":
                field.choices = [("", _("请选择")), *choices[1:]]
        if "region" in self.fields:
            region = self.initial.get("region") or self.data.get(self.add_prefix("region"))
            self.fields["region"].offer(str(region) if region else None)
        for name, reason in locked_fields(user, self.instance).items():
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = reason


MONEY_UNITS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
PLAIN_AMOUNT = re.compile(r"^-?\d+(?:\.\d+)?(?:[万亿])?$")


def read_amount(text: str) -> Decimal | None:
    """An amount as people type it: 3,072,168,700.00, 3072168700, 30.72亿, 307216.87万元, 三千万元, or
    with 元 or spaces; None when it is not an amount."""
    value = re.sub(r"[,，\s　]", "", text).removesuffix("元")
    if not value:
        return None
    if PLAIN_AMOUNT.match(value):
        unit = MONEY_UNITS.get(value[-1], Decimal(1))
        return Decimal(value.rstrip("万亿")) * unit
    try:
        return Decimal(str(cn2an.cn2an(value, "smart")))
    except (ValueError, KeyError, InvalidOperation):
        return None


class MoneyField(forms.DecimalField):
    """Yuan typed with thousands separators, in 万元 or 亿元, or in Chinese numerals; shown with commas."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.help_text = self.help_text or _("可写 3,072,168,700、30.72亿 或 307,216.87万")

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        amount = read_amount(str(value))
        if amount is None:
            raise ValidationError(_("请输入金额，例如 3,072,168,700 或 30.72亿。"), code="invalid")
        return amount

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value:,.2f}".removesuffix(".00")
        return value


class AnnualDataForm(forms.ModelForm):
    class Meta:
        model = AnnualData
        field_classes = {"revenue": MoneyField, "rd_expense": MoneyField, "high_tech_revenue": MoneyField}
        fields = [
            "year",
            "revenue",
            "rd_expense",
            "high_tech_revenue",
            "employees",
            "rd_staff",
            "invention_patents",
        ]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not 2000 <= year <= this_year:
            raise ValidationError(_("年度应在2000年至%(year)s年之间。") % {"year": this_year})
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        revenue, employees = data.get("revenue"), data.get("employees")
        for part, label in (("rd_expense", _("研发费用")), ("high_tech_revenue", _("高新技术产品收入"))):
            if revenue is not None and data.get(part) is not None and data[part] > revenue:
                self.add_error(part, _("%(field)s不能超过营业收入。") % {"field": label})
        if employees is not None and data.get("rd_staff") is not None and data["rd_staff"] > employees:
            self.add_error("rd_staff", _("研发人员不能多于从业人员。"))
        return data


class PoolForm(forms.Form):
    target_level = forms.ChoiceField(label=_("培育目标级别"), choices=[("", _("请选择")), *Level.choices])
    date = forms.DateField(label=_("入库日期"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(label=_("备注"), required=False, max_length=500)


class ApprovalForm(forms.Form):
    level = forms.ChoiceField(label=_("认定级别"), choices=[("", _("请选择")), *Level.choices])
    date = forms.DateField(label=_("认定日期"), widget=DATE_INPUT)
    document = forms.CharField(
        label=_("认定文件/文号"), max_length=200, help_text=_("例如：鲁科字〔2024〕12号")
    )
    note = forms.CharField(label=_("备注"), required=False, max_length=500)


class ApplyForm(forms.Form):
    level = forms.ChoiceField(
        label=_("申报级别"),
        choices=[("", _("按培育目标级别")), *Level.choices],
        required=False,
    )
    date = forms.DateField(label=_("申报日期"), widget=DATE_INPUT, initial=timezone.localdate)
    document = forms.CharField(label=_("申报文件/批次"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), required=False, max_length=500)


class StepForm(forms.Form):
    """整改, 整改完成 and 撤销: the day, the document that orders it and why."""

    date = forms.DateField(label=_("日期"), widget=DATE_INPUT, initial=timezone.localdate)
    document = forms.CharField(
        label=_("依据文件/文号"), max_length=200, required=False, help_text=_("例如：鲁科字〔2025〕8号")
    )
    note = forms.CharField(
        label=_("原因或说明"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class RegionFilterField(forms.ChoiceField):
    """Cities to choose from (a select of every county would weigh on every list page); a county's
    code in the address, as a link may carry, filters too and is added to the choices."""

    def __init__(self, current: str | None) -> None:
        choices: list[tuple[str, Any]] = [("", _("全部地区")), *region_options(counties=False)]
        offered = {code for _, options in choices[1:] for code, _ in options}
        if current and current not in offered:
            region = Region.objects.filter(code=current).first()
            if region:
                choices.append((region.code, region.full_name))
        super().__init__(label=_("地区"), required=False, choices=choices)

    def valid_value(self, value: Any) -> bool:
        text = str(value)
        return len(text) == 6 and text.isdigit()


def _lookup_field(model: type[models.Model], lookup: str) -> models.Field:
    *relations, name = lookup.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def filter_form(kind: ResourceKind, data: Any) -> forms.Form:
    """The filters a list accepts, as selects where the values are a closed list."""
    fields: dict[str, forms.Field] = {
        "q": forms.CharField(
            label=_("搜索"),
            required=False,
            widget=forms.TextInput(attrs={"type": "search", "placeholder": _("输入关键词搜索")}),
        ),
    }
    for name, lookup in kind.filters.items():
        if lookup.endswith(IN_REGION):
            fields[name] = RegionFilterField(data.get(name) if data else None)
            continue
        if lookup.endswith("_id"):
            # Set by links from a record's page ("all instruments of this organization").
            fields[name] = forms.IntegerField(required=False, widget=forms.HiddenInput)
            continue
        field = _lookup_field(kind.model, lookup)
        label = str(field.verbose_name)
        if field.choices:
            fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("全部%(field)s") % {"field": label}), *field.choices],
            )
        elif isinstance(field, models.BooleanField):
            fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("%(field)s：不限") % {"field": label}), ("1", _("是")), ("0", _("否"))],
            )
        else:
            fields[name] = forms.CharField(
                label=label, required=False, widget=forms.TextInput(attrs={"placeholder": label})
            )
    return type(f"{kind.code.title()}Filters", (forms.Form,), fields)(data)
