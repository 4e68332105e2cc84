"""Votes, elections and written resolutions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models import (
    AgendaItem,
    Meeting,
    NamedBallot,
    Vote,
)
from seongdong_gov.bounds import validate_office_datetime
from seongdong_gov.choices import choice_label
from seongdong_gov.submissions import submission_key_field

if TYPE_CHECKING:
    from meetings.selectors.meetings import EnrolledRow

# No body has more members than this; a larger count is a typo, and past 32,767 the column refuses it.
VOTES_MAX = 1000


class VoteForm(forms.Form):
    submission_key = submission_key_field()
    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    method = forms.ChoiceField(
        label=_("표결 방법"), choices=[c for c in Vote.Method.choices if c[0] != "named"]
    )
    taken = forms.TimeField(label=_("표결 시각"), widget=forms.TimeInput(attrs={"type": "time"}))
    yes = forms.IntegerField(label=_("찬성"), min_value=0, max_value=VOTES_MAX)
    no = forms.IntegerField(label=_("반대"), min_value=0, max_value=VOTES_MAX)
    abstain = forms.IntegerField(label=_("기권"), min_value=0, max_value=VOTES_MAX, initial=0)
    chair_casting = forms.TypedChoiceField(
        label=_("가부동수일 때 위원장 결정"),
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        choices=[("", _("해당 없음")), ("yes", _("가")), ("no", _("부"))],
        empty_value=None,
    )
    chair_voted = forms.BooleanField(
        label=_("위원장 표결 참여"),
        required=False,
        help_text=_(
            "위원장이 위원으로서 표결에 참여했으면 표시합니다. 기구 규정상 표결에 참여한 위원장은 "
            "가부동수일 때 다시 결정하지 못할 수 있습니다."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.exclude(kind__in=["procedure", "report"])


BALLOT_PREFIX = "b_"


def _voted_items(meeting: Meeting):
    """The items a vote is taken on (심의·의결): the choices of every form that records or opens one."""
    return meeting.items.filter(kind__in=[AgendaItem.Kind.DELIBERATION, AgendaItem.Kind.RESOLUTION])


def _member_label(m: Membership) -> str:
    role = f" · {m.get_role_display()}" if m.role != Membership.Role.MEMBER else ""
    return f"{m.person.name} ({m.body.name}{role})"


class NamedVoteSetupForm(forms.Form):
    """Step 1 of a named vote (기명 표결): the item and the moment, which fix who may vote."""

    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    taken = forms.TimeField(label=_("표결 시각"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, meeting: Meeting, hidden: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = _voted_items(meeting)
        if hidden:
            for f in self.fields.values():
                f.widget = forms.HiddenInput()


class NamedBallotForm(forms.Form):
    """Step 2: one choice (찬성/반대/기권) for every member who may vote at that moment."""

    submission_key = submission_key_field()

    chair_casting = forms.TypedChoiceField(
        label=_("가부동수일 때 위원장 결정"),
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        choices=[("", _("해당 없음")), ("yes", _("가")), ("no", _("부"))],
        empty_value=None,
    )

    def __init__(self, *args, eligible: list[Membership], **kwargs):
        super().__init__(*args, **kwargs)
        self.eligible = eligible
        casting = self.fields.pop("chair_casting")
        for m in eligible:
            self.fields[f"{BALLOT_PREFIX}{m.pk}"] = forms.ChoiceField(
                label=_member_label(m),
                choices=NamedBallot.Choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("찬성·반대·기권 중 하나를 고르세요.")},
            )
        self.fields["chair_casting"] = casting

    def ballots(self) -> dict[int, str]:
        """The choices of the eligible members, plus any ballot posted for someone else (which the
        service refuses: a ballot from a member absent or recused at that moment)."""
        out = {m.pk: self.cleaned_data[f"{BALLOT_PREFIX}{m.pk}"] for m in self.eligible}
        prefix = self.add_prefix(BALLOT_PREFIX)
        for key, value in self.data.items():
            if key.startswith(prefix) and key[len(prefix) :].isdigit():
                pk = int(key[len(prefix) :])
                if pk not in out and value in NamedBallot.Choice.values:
                    out[pk] = value
        return out


class ElectionForm(forms.Form):
    """선거 (e.g. 위원장 호선): the item, the office, the moment and each candidate's votes."""

    submission_key = submission_key_field()

    item = forms.ModelChoiceField(label=_("선거 안건"), queryset=AgendaItem.objects.none())
    role = forms.ChoiceField(
        label=_("선출 직책"), choices=[c for c in Membership.Role.choices if c[0] != Membership.Role.MEMBER]
    )
    taken = forms.TimeField(label=_("투표 시각"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, meeting: Meeting, enrolled: list[EnrolledRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.filter(kind="election")
        self.enrolled = enrolled
        label = gettext("%(m)s 득표")
        for m in enrolled:
            office = choice_label(Membership.Role, m.role) if m.role != Membership.Role.MEMBER else ""
            self.fields[f"c_{m.membership_id}"] = forms.IntegerField(
                label=label % {"m": f"{m.name} ({m.body.name}{f' · {office}' if office else ''})"},
                required=False,
                min_value=0,
                max_value=VOTES_MAX,
                help_text=None,
            )

    def head_fields(self) -> list:
        """The election's own fields (item, office, moment), rendered by crispy."""
        return [self["item"], self["role"], self["taken"]]

    def hidden_fields(self) -> list:
        """Django's, without a bound field for each of the hundred candidate inputs (the page writes those
        rows itself: meetings.markup.candidate_rows_html)."""
        return [self[name] for name, field in self.fields.items() if field.widget.is_hidden]

    def counts(self) -> dict[int, int]:
        """Candidates are the members with a number entered (0 included)."""
        return {
            m.membership_id: self.cleaned_data[f"c_{m.membership_id}"]
            for m in self.enrolled
            if self.cleaned_data.get(f"c_{m.membership_id}") is not None
        }

    def clean(self):
        data = super().clean()
        if not self.errors and not self.counts():
            raise forms.ValidationError(_("후보자의 득표 수를 한 명 이상 적으세요."))
        return data


class WrittenOpenForm(forms.Form):
    submission_key = submission_key_field()
    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    deadline = forms.DateTimeField(
        label=_("응답 마감"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[validate_office_datetime],
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = _voted_items(meeting)


class WrittenAnswerForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("의견"),
        choices=NamedBallot.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("찬성·반대·기권 중 하나를 고르세요.")},
    )


class BallotBoxOpenForm(forms.Form):
    """전자 투표 개시: the item and whether the ballots are named or secret."""

    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    method = forms.ChoiceField(
        label=_("표결 방법"),
        choices=[(Vote.Method.NAMED, _("기명")), (Vote.Method.SECRET, _("무기명"))],
        widget=forms.RadioSelect,
        initial=Vote.Method.SECRET,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = _voted_items(meeting)


class BallotBoxCloseForm(forms.Form):
    """전자 투표 마감: only a tie under a casting-vote rule needs the chair's decision."""

    chair_casting = forms.TypedChoiceField(
        label=_("가부동수일 때 위원장 결정"),
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        choices=[("", _("해당 없음")), ("yes", _("가")), ("no", _("부"))],
        empty_value=None,
    )


class BallotForm(forms.Form):
    """A member's ballot: 찬성·반대·기권 as a radio group with its legend."""

    choice = forms.ChoiceField(
        label=_("내 표"),
        choices=NamedBallot.Choice.choices,
        widget=forms.RadioSelect(attrs={"class": "evote-choice"}),
        error_messages={"required": _("찬성·반대·기권 중 하나를 고르세요.")},
    )
