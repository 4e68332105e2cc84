"""Meeting forms: create, reschedule, cancel, observers, the list filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.forms import offer_by_name
from committees.models import Body
from meetings.models import (
    Meeting,
)
from seongdong_gov.bounds import validate_office_datetime
from seongdong_gov.submissions import submission_key_field


class MeetingForm(forms.ModelForm):
    bodies = forms.ModelMultipleChoiceField(label=_("참여 기구"), queryset=Body.objects.none())

    class Meta:
        model = Meeting
        fields = [
            "title",
            "bodies",
            "host_body",
            "kind",
            "purpose",
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
        offer_by_name(self.fields["bodies"], bodies)
        offer_by_name(self.fields["host_body"], bodies)

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


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("새 시작"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[validate_office_datetime],
    )
    ends_at = forms.DateTimeField(
        label=_("새 종료"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[validate_office_datetime],
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
    submission_key = submission_key_field()
    name = forms.CharField(label=_("성명"), max_length=50)
    affiliation = forms.CharField(label=_("소속·직위"), max_length=100, required=False)
