from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from appointments import selectors
from appointments.models import Appointment
from committees.forms import DateInput
from committees.models import Body


class RegisterFilterForm(forms.Form):
    year = forms.IntegerField(label=_("연도"), required=False, min_value=2000, max_value=2100)
    body = forms.ModelChoiceField(label=_("기구"), queryset=Body.objects.all(), required=False)
    issued_on = forms.DateField(label=_("발급일"), required=False, widget=DateInput())
    q = forms.CharField(label=_("성명 또는 번호"), required=False, max_length=50)


class AppointmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Appointment) -> str:
        m = obj.membership
        return f"{m.body} · {m.seat.group.label} · {m.person} ({obj.period_label})"


class CertificateIssueForm(forms.Form):
    appointments = AppointmentChoiceField(
        label=_("발급할 위원"),
        queryset=Appointment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("발급할 위원을 하나 이상 선택하세요.")},
    )
    issued_on = forms.DateField(label=_("발급일 (위촉식)"), widget=DateInput())
    ceremony = forms.CharField(label=_("위촉식 명칭"), required=False, max_length=100)

    def __init__(self, *args, body_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointments"].queryset = selectors.issuable(body_id)


class CertificateReissueForm(forms.Form):
    issued_on = forms.DateField(label=_("재발급일"), widget=DateInput())
    reason = forms.CharField(label=_("재발급 사유"), max_length=200)


class AppointmentEndForm(forms.Form):
    kind = forms.ChoiceField(label=_("종료 구분"), choices=Appointment.EndKind.choices)
    on = forms.DateField(label=_("종료일"), widget=DateInput())
    ground = forms.CharField(
        label=_("사유 (해촉 근거)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("해촉은 근거를 반드시 기록합니다 (예: 최근 1년 회의 출석률 50% 미만)."),
    )
