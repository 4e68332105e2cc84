from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Body, CalendarException, Membership
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    NamedBallot,
    Vote,
    validate_attachment,
)


class MeetingForm(forms.ModelForm):
    bodies = forms.ModelMultipleChoiceField(label=_("참여 기구"), queryset=Body.objects.none())

    class Meta:
        model = Meeting
        fields = [
            "title",
            "bodies",
            "host_body",
            "kind",
            "place",
            "starts_at",
            "ends_at",
            "urgent",
            "urgent_reason",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = bodies
        self.fields["host_body"].queryset = bodies

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("종료는 시작보다 늦어야 합니다."))
        if data.get("urgent") and not data.get("urgent_reason"):
            self.add_error("urgent_reason", _("긴급 소집 사유를 적으세요."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "kind", "title", "presenter", "planned_minutes"]


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(label=_("출결"), choices=Attendance.Status.choices)
    arrived = forms.TimeField(
        label=_("도착 시각"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    left = forms.TimeField(
        label=_("퇴장 시각"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    deputy_name = forms.CharField(label=_("대리 출석자"), required=False, max_length=50)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["status"].label = f"{membership.person} ({membership.body})"

    def clean(self):
        data = super().clean()
        if data.get("arrived") and data.get("left") and data["left"] <= data["arrived"]:
            self.add_error("left", _("퇴장 시각은 도착 시각보다 늦어야 합니다."))
        return data


class VoteForm(forms.Form):
    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    method = forms.ChoiceField(
        label=_("표결 방법"), choices=[c for c in Vote.Method.choices if c[0] != "named"]
    )
    taken = forms.TimeField(label=_("표결 시각"), widget=forms.TimeInput(attrs={"type": "time"}))
    yes = forms.IntegerField(label=_("찬성"), min_value=0)
    no = forms.IntegerField(label=_("반대"), min_value=0)
    abstain = forms.IntegerField(label=_("기권"), min_value=0, initial=0)
    chair_casting = forms.TypedChoiceField(
        label=_("가부동수일 때 위원장 결정"),
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        choices=[("", _("해당 없음")), ("yes", _("가")), ("no", _("부"))],
        empty_value=None,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.exclude(kind__in=["procedure", "report"])


class MinutesForm(forms.Form):
    remarks = forms.CharField(label=_("발언 요지"), widget=forms.Textarea, required=False)
    is_public = forms.BooleanField(label=_("공개"), required=False, initial=True)
    nondisclosure_reason = forms.CharField(label=_("비공개 사유"), required=False, max_length=200)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("파일"), validators=[validate_attachment])

    def save(self, meeting) -> Attachment:
        f = self.cleaned_data["file"]
        return Attachment.objects.create(meeting=meeting, file=f, original_name=f.name[:200], size=f.size)


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("새 시작"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("새 종료"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(label=_("변경 사유"), max_length=100)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("종료는 시작보다 늦어야 합니다."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("취소 사유"), max_length=200)


class ObserverForm(forms.Form):
    name = forms.CharField(label=_("성명"), max_length=50)
    affiliation = forms.CharField(label=_("소속·직위"), max_length=100, required=False)


class RecusalForm(forms.Form):
    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    membership = forms.ModelChoiceField(label=_("위원"), queryset=Membership.objects.none())
    reason = forms.CharField(label=_("사유 (제척·기피·회피)"), max_length=200)

    def __init__(self, *args, meeting: Meeting, enrolled: list[Membership], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.exclude(kind__in=["procedure", "report"])
        self.fields["membership"].queryset = Membership.objects.filter(
            pk__in=[m.pk for m in enrolled]
        ).select_related("person")
        self.fields["membership"].label_from_instance = lambda m: f"{m.person.name} ({m.body.name})"


class ConveningForm(forms.Form):
    body = forms.ModelChoiceField(label=_("기구"), queryset=Body.objects.none())
    reason = forms.CharField(label=_("소집 요구 사유"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class CalendarExceptionForm(forms.Form):
    date = forms.DateField(label=_("날짜"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("구분"), choices=CalendarException.Kind.choices)
    reason = forms.CharField(label=_("사유"), max_length=100)


def _member_label(m: Membership) -> str:
    role = f" · {m.get_role_display()}" if m.role != Membership.Role.MEMBER else ""
    return f"{m.person.name} ({m.body.name}{role})"


class NamedVoteSetupForm(forms.Form):
    """Step 1 of a named vote (기명 표결): the item and the moment, which fix who may vote."""

    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    taken = forms.TimeField(label=_("표결 시각"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, meeting: Meeting, hidden: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.filter(kind__in=["deliberation", "resolution"])
        if hidden:
            for f in self.fields.values():
                f.widget = forms.HiddenInput()


BALLOT_PREFIX = "b_"


class NamedBallotForm(forms.Form):
    """Step 2: one choice (찬성/반대/기권) for every member who may vote at that moment."""

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

    item = forms.ModelChoiceField(label=_("선거 안건"), queryset=AgendaItem.objects.none())
    role = forms.ChoiceField(
        label=_("선출 직책"), choices=[c for c in Membership.Role.choices if c[0] != Membership.Role.MEMBER]
    )
    taken = forms.TimeField(label=_("투표 시각"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, meeting: Meeting, enrolled: list[Membership], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.filter(kind="election")
        self.enrolled = enrolled
        for m in enrolled:
            self.fields[f"c_{m.pk}"] = forms.IntegerField(
                label=_("%(m)s 득표") % {"m": _member_label(m)},
                required=False,
                min_value=0,
                help_text=None,
            )

    def counts(self) -> dict[int, int]:
        """Candidates are the members with a number entered (0 included)."""
        return {
            m.pk: self.cleaned_data[f"c_{m.pk}"]
            for m in self.enrolled
            if self.cleaned_data.get(f"c_{m.pk}") is not None
        }

    def clean(self):
        data = super().clean()
        if not self.errors and not self.counts():
            raise forms.ValidationError(_("후보자의 득표 수를 한 명 이상 적으세요."))
        return data


class WrittenOpenForm(forms.Form):
    item = forms.ModelChoiceField(label=_("안건"), queryset=AgendaItem.objects.none())
    deadline = forms.DateTimeField(
        label=_("응답 마감"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.filter(kind__in=["deliberation", "resolution"])


class WrittenAnswerForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("의견"),
        choices=NamedBallot.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("찬성·반대·기권 중 하나를 고르세요.")},
    )
