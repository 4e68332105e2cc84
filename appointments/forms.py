from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from appointments import rules, selectors, services
from appointments.models import Appointment
from committees.forms import DateInput, offer_by_name
from committees.models import Body, Membership, Person, Seat, SeatGroup
from committees.pickers import Picker, PickerFormMixin
from seongdong_gov import bounds
from seongdong_gov.bounds import validate_office_date


class RegisterFilterForm(forms.Form):
    year = forms.IntegerField(label=_("연도"), required=False, min_value=2000, max_value=2100)
    body = forms.ModelChoiceField(
        label=_("기구"), queryset=Body.objects.all(), required=False, widget=forms.Select()
    )
    issued_on = forms.DateField(
        label=_("발급일"), required=False, widget=DateInput(), validators=[validate_office_date]
    )
    q = forms.CharField(label=_("성명 또는 번호"), required=False, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_by_name(self.fields["body"])


class AppointmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Appointment) -> str:
        m = obj.membership
        return f"{m.body} · {m.seat.group.label} · {m.person} · {obj.period_label}"


class CertificateIssueForm(forms.Form):
    appointments = AppointmentChoiceField(
        label=_("발급할 위원"),
        queryset=Appointment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("발급할 위원을 하나 이상 선택하세요.")},
    )
    issued_on = forms.DateField(
        label=_("발급일 (위촉식)"), widget=DateInput(), validators=[validate_office_date]
    )
    ceremony = forms.CharField(label=_("위촉식 명칭"), required=False, max_length=100)

    def __init__(self, *args, body_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointments"].queryset = selectors.issuable(body_id)


class CertificateReissueForm(forms.Form):
    issued_on = forms.DateField(label=_("재발급일"), widget=DateInput(), validators=[validate_office_date])
    reason = forms.CharField(label=_("재발급 사유"), max_length=200)


class AppointmentEndForm(forms.Form):
    kind = forms.ChoiceField(label=_("종료 구분"), choices=Appointment.EndKind.choices)
    on = forms.DateField(label=_("종료일"), widget=DateInput(), validators=[validate_office_date])
    ground = forms.CharField(
        label=_("사유 (해촉 근거)"),
        required=False,
        # the ground also becomes the membership's end reason ("해촉: …", a 200-character column)
        max_length=180,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("해촉은 근거를 반드시 기록합니다 (예: 최근 1년 회의 출석률 50% 미만)."),
    )


class PredecessorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Appointment) -> str:
        m = obj.membership
        return _("%(person)s · %(seat)s (%(start)s ~ %(end)s 재임, 임기 %(term_end)s까지)") % {
            "person": m.person,
            "seat": m.seat.group.label,
            "start": rules.date_dots(m.start),
            "end": rules.date_dots(m.end) if m.end else "",
            "term_end": rules.date_dots(services.scheduled_term_end(obj)),
        }


class AppointmentDetailsForm(forms.Form):
    """Recommendation, approval and reappointment reason: what an appointment records beyond the seat."""

    recommended_by = forms.CharField(
        label=_("추천 주체"),
        max_length=100,
        required=False,
        help_text=_("예: 민간협의체, 주민자치회. 비워 두면 좌석의 추천 주체를 씁니다."),
    )
    recommended_on = forms.DateField(
        label=_("추천일"), required=False, widget=DateInput(), validators=[validate_office_date]
    )
    approval_number = forms.CharField(
        label=_("결재 문서번호"), max_length=50, required=False, help_text=_("예: 자치행정과-510")
    )
    approval_date = forms.DateField(
        label=_("결재일"), required=False, widget=DateInput(), validators=[validate_office_date]
    )
    reappointment_reason = forms.CharField(
        label=_("연임 한도 초과 사유"),
        required=False,
        max_length=bounds.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("기구의 연임 허용 횟수를 넘겨 다시 위촉할 때만 적습니다."),
    )

    def clean(self):
        data = super().clean()
        recommended, approved = data.get("recommended_on"), data.get("approval_date")
        if recommended and approved and approved < recommended:
            self.add_error("approval_date", _("결재일은 추천일보다 빠를 수 없습니다."))
        if data.get("approval_date") and not data.get("approval_number"):
            self.add_error("approval_number", _("결재일을 적으면 결재 문서번호도 적으세요."))
        return data


class AppointmentRecordForm(AppointmentDetailsForm):
    """Record the appointment behind a membership seated earlier (위원 위촉 화면에서 seated)."""

    replaces = PredecessorChoiceField(
        label=_("전임자 (보궐 위촉)"),
        queryset=Appointment.objects.none(),
        required=False,
        empty_label=_("없음 (임기 전체 위촉)"),
        help_text=_("보궐 위원은 전임자의 남은 임기만 재임합니다."),
    )
    field_order = ["replaces"]

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaces"].queryset = selectors.predecessors(membership.body_id, membership.pk)
        self.fields["recommended_by"].initial = membership.seat.group.recommender


class AppointmentCreateForm(PickerFormMixin, AppointmentDetailsForm):
    """Appoint a member and record the appointment at once; the term end is computed, not typed."""

    seat = forms.ModelChoiceField(label=_("좌석"), queryset=Seat.objects.none())
    person = forms.ModelChoiceField(
        label=_("위원"), queryset=Person.objects.order_by("name"), widget=Picker("person")
    )
    role = forms.ChoiceField(label=_("직책"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    start = forms.DateField(
        label=_("위촉일 (임기 시작일)"), widget=DateInput(), validators=[validate_office_date]
    )
    replaces = PredecessorChoiceField(
        label=_("전임자 (보궐 위촉)"),
        queryset=Appointment.objects.none(),
        required=False,
        empty_label=_("없음 (임기 전체 위촉)"),
        help_text=_("보궐 위원은 전임자의 남은 임기만 재임합니다."),
    )
    gender_exception_reason = forms.CharField(
        label=_("성별 균형 예외 사유"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=bounds.TEXT_MAX,
        help_text=_("양성평등기본법 제21조②의 10분의 6 기준을 넘겨 위촉할 때만 적습니다."),
    )
    note = forms.CharField(
        label=_("비고"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=bounds.TEXT_MAX
    )
    field_order = ["seat", "person", "role", "start", "replaces"]

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["seat"].queryset = (
            Seat.objects.filter(group__body=body, group__kind=SeatGroup.Kind.APPOINTED, active=True)
            .select_related("group")
            .order_by("group__order", "number")
        )
        self.fields["seat"].label_from_instance = lambda s: f"{s.group.label} · {s.number}"
        self.fields["replaces"].queryset = selectors.predecessors(body.pk)

    def clean(self):
        data = super().clean()
        seat, recommended = data.get("seat"), data.get("recommended_by")
        if seat is not None and not recommended:
            data["recommended_by"] = seat.group.recommender
        return data
