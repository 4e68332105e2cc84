"""이해충돌 forms: a member's declaration on one item, 기피 신청, and the decision on a challenge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.forms.agenda import choose_among
from meetings.models import InterestDeclaration, RecusalChallenge
from meetings.models.interests import DESCRIPTION_MAX, REASONS_MAX

if TYPE_CHECKING:
    from meetings.selectors.meetings import EnrolledRow


def _yes_no(value) -> bool:
    return value in (True, "1", "True", "true")


class InterestDeclarationForm(forms.Form):
    has_interest = forms.TypedChoiceField(
        label=_("이 안건과 사적 이해관계가 있습니까?"),
        choices=[("0", _("없음")), ("1", _("있음"))],
        coerce=_yes_no,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("이해관계 종류"),
        choices=[("", "---------"), *InterestDeclaration.Kind.choices],
        required=False,
        help_text=_("「공직자의 이해충돌 방지법」 제2조제6호의 사적이해관계자 구분입니다."),
    )
    description = forms.CharField(
        label=_("내용"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("누가, 어떤 관계인지 짧게 적습니다."),
    )
    asks_step_aside = forms.BooleanField(label=_("이 안건에서 회피를 신청합니다"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("has_interest"):
            if not data.get("kind"):
                self.add_error("kind", _("이해관계의 종류를 고르세요."))
            if not (data.get("description") or "").strip():
                self.add_error("description", _("이해관계의 내용을 적으세요."))
        return data


class ChallengeForm(forms.Form):
    against = forms.ModelChoiceField(label=_("기피 대상 위원"), queryset=Membership.objects.none())
    reasons = forms.CharField(
        label=_("기피 사유"), max_length=REASONS_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, others: list[EnrolledRow], **kwargs):
        super().__init__(*args, **kwargs)
        choose_among(self.fields["against"], others)


class ChallengeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("결정"),
        choices=[
            (RecusalChallenge.Decision.ACCEPTED.value, RecusalChallenge.Decision.ACCEPTED.label),
            (RecusalChallenge.Decision.REJECTED.value, RecusalChallenge.Decision.REJECTED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("결정 내용"),
        required=False,
        max_length=500,
        help_text=_("의결 결과와 이유를 적습니다. 인용하면 회피·제척 사유로 기록됩니다."),
    )
