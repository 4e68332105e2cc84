from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from committees.forms import DateInput
from committees.models import Body, CalendarException, Membership
from committees.validators import reject_resident_number
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    MeetingSeries,
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
        host, bodies = data.get("host_body"), data.get("bodies")
        if host is not None and bodies is not None and host not in bodies:
            # the host's rules (quorum, notice) govern the meeting, so it must take part in it
            self.add_error("host_body", _("주관 기구는 참여 기구 가운데에서 고르세요."))
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
    remarks = forms.CharField(
        label=_("발언 요지"), widget=forms.Textarea, required=False, validators=[reject_resident_number]
    )
    is_public = forms.BooleanField(label=_("공개"), required=False, initial=True)
    nondisclosure_reason = forms.CharField(label=_("비공개 사유"), required=False, max_length=200)


class MinutesCorrectionForm(forms.Form):
    """A recorded correction of locked minutes (the locked text itself never changes)."""

    text = forms.CharField(
        label=_("정정 내용"), widget=forms.Textarea(attrs={"rows": 4}), validators=[reject_resident_number]
    )
    reason = forms.CharField(label=_("정정 사유"), max_length=200)


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


class MeetingListFilterForm(forms.Form):
    """The meeting list's filter: one calendar year, or by default the last 12 months and what is ahead."""

    year = forms.IntegerField(
        label=_("연도"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("비워 두면 최근 12개월과 예정된 회의를 보여 줍니다."),
        error_messages={"invalid": _("연도를 2016처럼 숫자로 적으세요.")},
    )


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
    reason = forms.CharField(
        label=_("소집 요구 사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_resident_number],
    )

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


HOST_SLOTS = 3  # 실무협의 회의 rotates among three bodies; an edit form grows to fit a longer rotation
HOST_PREFIX = "host_"


class SeriesForm(forms.ModelForm):
    """A meeting series (회의 일정 계획) with its host rotation as ordered select fields (주관 1순위, 2순위,
    …). Empty slots are allowed and closed up, so 1순위 empty and 2순위 chosen means one host."""

    bodies = forms.ModelMultipleChoiceField(
        label=_("참여 기구"),
        queryset=Body.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("참여 기구를 하나 이상 고르세요.")},
    )
    day_of_month = forms.IntegerField(
        label=_("일자"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_("매월 지정일 반복은 필수 (1–31, 짧은 달은 말일), 분기별 반복은 비우면 시작일의 날짜."),
        error_messages={
            "min_value": _("일자는 1일부터 31일 사이로 적으세요."),
            "max_value": _("일자는 1일부터 31일 사이로 적으세요."),
            "invalid": _("일자는 1일부터 31일 사이의 숫자로 적으세요."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("소요 시간 (분)"),
        initial=60,
        min_value=1,
        max_value=24 * 60,
        error_messages={
            "min_value": _("소요 시간은 1분 이상이어야 합니다."),
            "max_value": _("소요 시간은 24시간(1440분)을 넘을 수 없습니다."),
            "required": _("소요 시간(분)을 적으세요."),
        },
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "name",
            "bodies",
            "kind",
            "recurrence",
            "day_of_month",
            "non_working_policy",
            "start_date",
            "end_date",
            "start_time",
            "duration_minutes",
            "place",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "name": {
                "required": _("명칭을 적으세요."),
                "unique": _("같은 명칭의 회의 일정 계획이 이미 있습니다."),
            },
            "recurrence": {"required": _("반복 방식을 고르세요.")},
            "start_date": {
                "required": _("시작일을 적으세요."),
                "invalid": _("날짜를 2016-01-15 형식으로 적으세요."),
            },
            "end_date": {"invalid": _("날짜를 2016-01-15 형식으로 적으세요.")},
            "start_time": {
                "required": _("시작 시각을 적으세요."),
                "invalid": _("시각을 16:00 형식으로 적으세요."),
            },
        }

    def __init__(self, *args, bodies, managed_ids: frozenset[int] | None = None, **kwargs):
        """`bodies`: the bodies the user may choose (their own, plus the series' current ones on edit);
        `managed_ids`: for a secretary, the bodies they run (one must stay in the series); None for staff."""
        super().__init__(*args, **kwargs)
        self.managed_ids = managed_ids
        self.fields["bodies"].queryset = bodies
        current = (
            [h.body_id for h in self.instance.hosts.all()] if self.instance.pk else []
        )  # prefetched, ordered by `order`
        for i in range(max(HOST_SLOTS, len(current))):
            self.fields[f"{HOST_PREFIX}{i + 1}"] = forms.ModelChoiceField(
                label=_("주관 %(n)d순위") % {"n": i + 1},
                queryset=bodies,
                required=False,
                empty_label=_("(없음)"),
                initial=current[i] if i < len(current) else None,
                help_text=_("회차마다 돌아가며 주관합니다. 참여 기구 중에서 고르세요.") if i == 0 else "",
            )

    def hosts(self) -> list[Body]:
        """The rotation in order, empty slots closed up."""
        return [
            self.cleaned_data[name]
            for name in self.fields
            if name.startswith(HOST_PREFIX) and self.cleaned_data.get(name) is not None
        ]

    def clean(self):
        data = super().clean()
        recurrence = data.get("recurrence")
        day = data.get("day_of_month")
        if (
            recurrence == MeetingSeries.Recurrence.MONTHLY_DAY
            and day is None
            and "day_of_month" not in self.errors
        ):
            self.add_error("day_of_month", _("매월 지정일 반복에는 일자(1–31)를 적어야 합니다."))
        if (
            recurrence in (MeetingSeries.Recurrence.SECOND_FOURTH_FRIDAY, MeetingSeries.Recurrence.AD_HOC)
            and day
        ):
            self.add_error(
                "day_of_month",
                _("이 반복 방식(%(r)s)에는 일자를 쓰지 않습니다. 비워 두세요.")
                % {"r": MeetingSeries.Recurrence(recurrence).label},
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("종료일은 시작일과 같거나 그 뒤여야 합니다."))
        bodies = data.get("bodies")
        if bodies is not None:
            chosen = {b.pk for b in bodies}
            if self.managed_ids is not None and not chosen & self.managed_ids:
                self.add_error("bodies", _("담당하는 기구를 하나 이상 참여 기구에 넣어야 합니다."))
            for name in self.fields:
                host = data.get(name) if name.startswith(HOST_PREFIX) else None
                if host is not None and host.pk not in chosen:
                    self.add_error(
                        name,
                        _("주관 기구(%(b)s)는 참여 기구 중에서 골라야 합니다.") % {"b": host.name},
                    )
        return data


class SeriesGenerateForm(forms.Form):
    """How far ahead to create the series' meetings (생성 기한)."""

    MAX_YEARS = 3

    until = forms.DateField(
        label=_("생성 기한"),
        widget=DateInput(),
        help_text=_(
            "이 날짜까지의 회차를 만듭니다. 이미 있는 회차(옮기거나 취소한 회차 포함)는 그대로 둡니다."
        ),
        error_messages={
            "required": _("생성 기한을 적으세요."),
            "invalid": _("날짜를 2016-01-15 형식으로 적으세요."),
        },
    )

    def __init__(self, *args, series: MeetingSeries, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        base = max(today, series.start_date)
        self.latest = dt.date(base.year + self.MAX_YEARS, 12, 31)
        default = dt.date(base.year, 12, 31)
        self.fields["until"].initial = min(default, series.end_date) if series.end_date else default

    def clean_until(self):
        until = self.cleaned_data["until"]
        if self.series.recurrence == MeetingSeries.Recurrence.AD_HOC:
            raise forms.ValidationError(_("수시 회의는 자동으로 만들지 않습니다. 회의를 하나씩 등록하세요."))
        if until < self.series.start_date:
            raise forms.ValidationError(
                _("생성 기한은 시작일(%(d)s) 이후여야 합니다.")
                % {"d": date_format(self.series.start_date, "DATE_FORMAT")}
            )
        if until > self.latest:
            raise forms.ValidationError(
                _("한 번에 %(y)d년 뒤까지만 만들 수 있습니다 (%(d)s까지).")
                % {"y": self.MAX_YEARS, "d": date_format(self.latest, "DATE_FORMAT")}
            )
        return until
