"""Convening requests (소집 요구)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Body
from committees.validators import reject_resident_number
from seongdong_gov import bounds
from seongdong_gov.submissions import submission_key_field


class ConveningForm(forms.Form):
    submission_key = submission_key_field()
    body = forms.ModelChoiceField(label=_("기구"), queryset=Body.objects.none())
    reason = forms.CharField(
        label=_("소집 요구 사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=bounds.TEXT_MAX,
        validators=[reject_resident_number],
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
