"""Agenda forms: items, attachments, recusals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models import (
    AgendaItem,
    Meeting,
    Recusal,
    validate_attachment,
)
from seongdong_gov.submissions import submission_key_field

if TYPE_CHECKING:
    from meetings.selectors.meetings import EnrolledRow


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "kind", "title", "presenter", "planned_minutes", "proposal_reason", "main_content"]
        widgets = {
            "proposal_reason": forms.Textarea(attrs={"rows": 3}),
            "main_content": forms.Textarea(attrs={"rows": 5}),
        }

    # a new item only: the key makes a double-clicked 저장 create one item
    submission_key = submission_key_field()


class AttachmentForm(forms.Form):
    submission_key = submission_key_field()
    file = forms.FileField(label=_("파일"), validators=[validate_attachment])
    is_public = forms.BooleanField(
        label=_("공개 사이트에 공개"),
        required=False,
        help_text=_("안건이 공개된 뒤 누구나 내려받을 수 있습니다."),
    )


def choose_among(field: forms.ModelChoiceField, members: list[EnrolledRow]) -> None:
    """A member picker over a meeting's enrolled members as plain rows (`selectors.enrolled_rows`): the
    choices are written from the list, each naming person and body, and the queryset only checks the
    posted pk, so the members are not read a second time to render the form."""
    field.queryset = Membership.objects.filter(pk__in=[m.membership_id for m in members])
    field.choices = [
        ("", field.empty_label),
        *((m.membership_id, f"{m.name} ({m.body.name})") for m in members),
    ]


class RecusalForm(forms.Form):
    submission_key = submission_key_field()
    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    membership = forms.ModelChoiceField(label=_("위원"), queryset=Membership.objects.none())
    # 기피 comes only from a decided challenge (the 이해충돌 page)
    kind = forms.ChoiceField(
        label=_("구분"),
        choices=[(k.value, k.label) for k in (Recusal.Kind.AVOIDANCE, Recusal.Kind.DISQUALIFICATION)],
        initial=Recusal.Kind.AVOIDANCE,
        required=False,
    )
    reason = forms.CharField(label=_("사유 (제척·회피)"), max_length=200)

    def __init__(self, *args, meeting: Meeting, enrolled: list[EnrolledRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.exclude(kind__in=["procedure", "report"])
        choose_among(self.fields["membership"], enrolled)

    def clean_kind(self) -> str:
        # an older client posting no kind records 회피, as every recusal did before kinds existed
        return self.cleaned_data.get("kind") or Recusal.Kind.AVOIDANCE
