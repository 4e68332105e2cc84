"""The sitting, live: which agenda item is under discussion."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Meeting


class CurrentItemForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("진행 중인 안건"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("없음 (화면에서 지우기)"),
        widget=forms.RadioSelect,
        help_text=_("고르면 회의장 화면과 위원의 휴대전화에 2초 안에 보입니다."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by("order")
        self.fields["item"].label_from_instance = lambda item: str(item)
