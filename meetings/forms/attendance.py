"""The attendance sheet: one form per enrolled member."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models import (
    Attendance,
)
from seongdong_gov.widgets import QuickSelect, QuickTextInput, QuickTimeInput


def _row_helper() -> FormHelper:
    """The sheet has a row per enrolled member (100 and more): crispy's generic field template costs
    some 3 ms a row (a dozen nested templates per field), so the rows go through one small crispy form
    template that lays out the same labels, widgets and error messages."""
    helper = FormHelper()
    helper.template = "meetings/_attendance_row.html"
    helper.form_tag = False  # every row belongs to the page's one <form>
    helper.disable_csrf = True
    return helper


def _time_input() -> forms.TimeInput:
    return QuickTimeInput(attrs={"type": "time", "class": "form-control"})


class AttendanceForm(forms.Form):
    # the Bootstrap classes crispy's field template would add, set once on the widgets
    status = forms.ChoiceField(
        label=_("출결"), choices=Attendance.Status.choices, widget=QuickSelect(attrs={"class": "form-select"})
    )
    arrived = forms.TimeField(label=_("도착 시각"), required=False, widget=_time_input())
    left = forms.TimeField(label=_("퇴장 시각"), required=False, widget=_time_input())
    deputy_name = forms.CharField(
        label=_("대리 출석자"),
        required=False,
        max_length=50,
        widget=QuickTextInput(attrs={"class": "form-control"}),
    )
    mode = forms.ChoiceField(
        label=_("출석 방식"),
        choices=Attendance.Mode.choices,
        initial=Attendance.Mode.IN_PERSON,
        required=False,
        widget=QuickSelect(attrs={"class": "form-select"}),
    )

    helper = _row_helper()  # shared by every row: nothing in it depends on the row

    def __init__(self, *args, membership: Membership, video_counts: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        if not video_counts:
            # the body does not count 영상회의 attendance: the choice is not offered (the service refuses it)
            del self.fields["mode"]
        self.fields["status"].label = f"{membership.person} ({membership.body})"

    def full_clean(self):
        super().full_clean()
        # a wrong field is marked as crispy's template would (Bootstrap shows its message only then);
        # each form holds its own copy of the fields and widgets
        for name in self._errors.keys() & self.fields.keys():
            attrs = self.fields[name].widget.attrs
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()

    def clean(self):
        data = super().clean()
        if data.get("arrived") and data.get("left") and data["left"] <= data["arrived"]:
            self.add_error("left", _("퇴장 시각은 도착 시각보다 늦어야 합니다."))
        return data
