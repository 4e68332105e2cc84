"""Meeting series (회의 일정 계획)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from committees.forms import DateInput
from committees.models import Body
from meetings.models import (
    MeetingSeries,
)
from seongdong_gov.bounds import validate_office_date

HOST_SLOTS = 3  # 실무협의 회의 rotates among three bodies; an edit form grows to fit a longer rotation
HOST_PREFIX = "host_"


class _Normalized(BaseChoiceIterator):
    """Choices already as (pk, name) pairs, which a field takes as they are: a plain list is checked again,
    pair by pair, by each field it is given to (Django's normalize_choices, an import statement a pair:
    some 1,600 calls for the district's 200 bodies in four fields, a tenth of the page's time)."""

    def __init__(self, choices: list):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


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
            "purpose",
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
        # the bodies are read once for the checkbox list and every host slot (the fields would otherwise
        # each run the query); cleaning still checks the submitted pk against `bodies`
        choices = list(bodies.values_list("pk", "name"))  # a body is shown by its name
        self.fields["bodies"].queryset = bodies
        self.fields["bodies"].choices = _Normalized(choices)
        current = (
            [h.body_id for h in self.instance.hosts.all()] if self.instance.pk else []
        )  # prefetched, ordered by `order`
        for i in range(max(HOST_SLOTS, len(current))):
            host = forms.ModelChoiceField(
                label=_("주관 %(n)d순위") % {"n": i + 1},
                queryset=bodies,
                required=False,
                widget=forms.Select,
                initial=current[i] if i < len(current) else None,
                help_text=_("회차마다 돌아가며 주관합니다. 참여 기구 중에서 고르세요.") if i == 0 else "",
            )
            host.choices = _Normalized([("", _("(없음)")), *choices])
            self.fields[f"{HOST_PREFIX}{i + 1}"] = host

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
        validators=[validate_office_date],
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
