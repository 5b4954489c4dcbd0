"""Forms of the challenge pages. The application form and the review form are built from the challenge's
judging criteria; the invitation form shows each expert's conflicts before anyone is invited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kechuang.access import is_bureau
from matching import challenges
from matching.models import Challenge, ExpertProfile, ProfileStatus
from registry.models import Organization, Person

CRITERION_ROWS = 5
MILESTONE_ROWS = 3


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = [
            "title",
            "goal",
            "field",
            "budget_yuan",
            "deadline",
            "conditions",
            "region",
            "publisher",
            "reviewers_per_challenge",
            "max_reviews_per_year",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from registry.models import Region

        self.fields["region"].queryset = Region.objects.filter(level__in=["city", "county"])
        if is_bureau(user):
            self.fields["publisher"].queryset = Organization.objects.order_by("name")
            self.fields["publisher"].initial = user.organization_id
        else:
            # An enterprise publishes in its own name.
            self.fields["publisher"].queryset = Organization.objects.filter(pk=user.organization_id)
            self.fields["publisher"].initial = user.organization_id
        for n in range(CRITERION_ROWS):
            self.fields[f"criterion_{n}_name"] = forms.CharField(
                label=_("评审指标 %(n)d") % {"n": n + 1}, required=False, max_length=100
            )
            self.fields[f"criterion_{n}_weight"] = forms.DecimalField(
                label=_("权重（%%） %(n)d") % {"n": n + 1},
                required=False,
                min_value=Decimal("0.01"),
                max_value=Decimal("100"),
                decimal_places=2,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for n in range(CRITERION_ROWS):
            name, weight = data.get(f"criterion_{n}_name"), data.get(f"criterion_{n}_weight")
            if bool(name) != (weight is not None):
                self.add_error(f"criterion_{n}_weight", _("评审指标的名称和权重需同时填写。"))
        try:
            challenges.validate_criteria(self.criteria())
        except forms.ValidationError as error:
            self.add_error(None, error)
        return data

    def criteria(self) -> list[challenges.CriterionSpec]:
        data = self.cleaned_data
        return [
            challenges.CriterionSpec(data[f"criterion_{n}_name"], data[f"criterion_{n}_weight"])
            for n in range(CRITERION_ROWS)
            if data.get(f"criterion_{n}_name") and data.get(f"criterion_{n}_weight") is not None
        ]

    def challenge(self) -> Challenge:
        return self.save(commit=False)


class ApplicationForm(forms.Form):
    team_name = forms.CharField(
        label=_("团队名称"), max_length=200, error_messages={"required": _("请填写团队名称。")}
    )
    co_applicants = forms.ModelMultipleChoiceField(
        label=_("联合单位"),
        required=False,
        queryset=Organization.objects.exclude(kind="government_department"),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("团队成员（专家人才库）"), required=False, queryset=Person.objects.order_by("name")
    )

    def __init__(self, *args: Any, challenge: Challenge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(challenge.criteria.all())
        for criterion in self.criteria:
            self.fields[f"answer_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.name}（{format(criterion.weight.normalize(), 'f')}%）",
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=criterion.guidance,
                max_length=5000,
                error_messages={"required": _("请填写“%(name)s”。") % {"name": criterion.name}},
            )

    def answers(self) -> dict[str, str]:
        return {str(c.pk): self.cleaned_data[f"answer_{c.pk}"] for c in self.criteria}


class InviteForm(forms.Form):
    person = forms.ModelChoiceField(label=_("专家"), queryset=Person.objects.none())

    def __init__(self, *args: Any, challenge: Challenge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approved = ExpertProfile.objects.filter(status=ProfileStatus.APPROVED).values("person_id")
        people = Person.objects.filter(pk__in=approved).select_related("organization").order_by("name")
        self.fields["person"].queryset = people
        # Conflicts are shown before anyone is invited; inviting a conflicted expert is refused anyway.
        self.conflicts = {
            person.pk: challenges.conflicts_with_challenge(person, challenge) for person in people
        }
        self.fields["person"].label_from_instance = self.label

    def label(self, person: Person) -> str:
        clash = self.conflicts.get(person.pk)
        base = f"{person.name}（{person.organization or _('无单位')}）"
        if not clash:
            return base
        reasons = sorted({reason for found in clash.values() for reason in found})
        return f"{base} ⚠ {_('利益冲突')}：{'；'.join(reasons)}"


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("评审意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args: Any, review: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(review.application.challenge.criteria.all())
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.name}（{format(criterion.weight.normalize(), 'f')}%）",
                min_value=Decimal("0"),
                max_value=Decimal("100"),
                decimal_places=2,
                error_messages={"required": _("请为“%(name)s”打分。") % {"name": criterion.name}},
            )

    def scores(self) -> dict[str, Decimal]:
        return {str(c.pk): self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class AwardForm(forms.Form):
    application = forms.ModelChoiceField(label=_("揭榜团队"), queryset=None)

    def __init__(self, *args: Any, challenge: Challenge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = challenge.applications.all()
        for n in range(MILESTONE_ROWS):
            self.fields[f"milestone_{n}_title"] = forms.CharField(
                label=_("里程碑 %(n)d") % {"n": n + 1}, required=n == 0, max_length=200
            )
            self.fields[f"milestone_{n}_due"] = forms.DateField(
                label=_("完成日期 %(n)d") % {"n": n + 1},
                required=n == 0,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"milestone_{n}_payment"] = forms.DecimalField(
                label=_("拨付金额（元） %(n)d") % {"n": n + 1},
                required=n == 0,
                min_value=Decimal("0.01"),
                max_digits=16,
                decimal_places=2,
            )

    def milestones(self) -> list[challenges.MilestoneSpec]:
        data = self.cleaned_data
        return [
            challenges.MilestoneSpec(
                data[f"milestone_{n}_title"], data[f"milestone_{n}_due"], data[f"milestone_{n}_payment"]
            )
            for n in range(MILESTONE_ROWS)
            if data.get(f"milestone_{n}_title")
            and data.get(f"milestone_{n}_due")
            and data.get(f"milestone_{n}_payment")
        ]
