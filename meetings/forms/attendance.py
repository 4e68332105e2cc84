"""The attendance sheet: one form per enrolled member."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models import (
    Attendance,
)


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
