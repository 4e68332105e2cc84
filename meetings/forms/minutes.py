"""Minutes: the draft and a correction of locked minutes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.validators import reject_resident_number
from seongdong_gov import bounds


class MinutesForm(forms.Form):
    remarks = forms.CharField(
        label=_("발언 요지"),
        widget=forms.Textarea,
        required=False,
        max_length=bounds.LONG_TEXT_MAX,
        validators=[reject_resident_number],
    )
    is_public = forms.BooleanField(label=_("공개"), required=False, initial=True)
    nondisclosure_reason = forms.CharField(label=_("비공개 사유"), required=False, max_length=200)


class MinutesCorrectionForm(forms.Form):
    """A recorded correction of locked minutes (the locked text itself never changes)."""

    text = forms.CharField(
        label=_("정정 내용"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=bounds.TEXT_MAX,
        validators=[reject_resident_number],
    )
    reason = forms.CharField(label=_("정정 사유"), max_length=200)
