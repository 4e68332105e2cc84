"""Working-day calendar exceptions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import CalendarException
from seongdong_gov.bounds import validate_office_date


class CalendarExceptionForm(forms.Form):
    date = forms.DateField(
        label=_("날짜"), widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_office_date]
    )
    kind = forms.ChoiceField(label=_("구분"), choices=CalendarException.Kind.choices)
    reason = forms.CharField(label=_("사유"), max_length=100)
