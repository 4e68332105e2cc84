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
    mode = forms.ChoiceField(
        label=_("출석 방식"),
        choices=Attendance.Mode.choices,
        initial=Attendance.Mode.IN_PERSON,
        required=False,
    )

    def __init__(self, *args, membership: Membership, video_counts: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        if not video_counts:
            # the body does not count 영상회의 attendance: the choice is not offered (the service refuses it)
            del self.fields["mode"]
        self.fields["status"].label = f"{membership.person} ({membership.body})"

    def clean(self):
        data = super().clean()
        if data.get("arrived") and data.get("left") and data["left"] <= data["arrived"]:
            self.add_error("left", _("퇴장 시각은 도착 시각보다 늦어야 합니다."))
        return data
