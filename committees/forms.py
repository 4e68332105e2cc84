from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from committees.models import Body, Membership, OrgUnit, Person, Post, SeatGroup
from committees.pickers import Picker, PickerFormMixin
from seongdong_gov.bounds import validate_office_date


def offer_by_name(field: forms.ModelChoiceField, queryset=None) -> None:
    """Offer `queryset` (by default the field's own; bodies, units: anything shown by its `name`) as
    choices read with one `values_list("pk", "name")` query. Django's choice iterator builds a whole
    model per option (thirty columns of a body's rules for each of 200 bodies, through a server-side
    cursor on PostgreSQL) just to print its name; the queryset still checks what is posted."""
    if queryset is not None:
        field.queryset = queryset
    empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
    options = field.queryset.values_list("pk", "name")
    # read when the widget is drawn, not when the form is built (a CSV export or a valid POST never is)
    field.choices = lambda: [*empty, *options]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class OrgUnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "kind", "parent", "order", "reporting_officers"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_officers"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("username")
        )
        self.fields["reporting_officers"].required = False
        if self.instance.pk:
            self.fields["parent"].queryset = OrgUnit.objects.exclude(pk=self.instance.pk)


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["name", "unit", "order"]


class PostMoveForm(PickerFormMixin, forms.Form):
    """A personnel move (인사 발령): who holds the post from which date."""

    person = forms.ModelChoiceField(
        label=_("새 재직자"),
        queryset=Person.objects.order_by("name"),
        required=False,
        widget=Picker("person"),
        help_text=_("비워 두면 직위를 공석으로 둡니다."),
    )
    start = forms.DateField(label=_("발령일"), widget=DateInput(), validators=[validate_office_date])
    note = forms.CharField(label=_("비고"), max_length=200, required=False)
    vacate = forms.BooleanField(label=_("공석으로 둡니다"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("vacate"):
            self.add_error("person", _("새 재직자를 고르거나 '공석으로 둡니다'를 선택하세요."))
        if data.get("person") and data.get("vacate"):
            self.add_error("vacate", _("새 재직자를 고르면 공석으로 둘 수 없습니다."))
        return data


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "gender", "affiliation", "title", "email", "phone", "birth_date", "user", "note"]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by("username")


class BodyForm(PickerFormMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "name",
            "kind",
            "parent",
            "dong_unit",
            "description",
            "order",
            "is_active",
            "term_years",
            "quorum_rule",
            "decision_rule",
            "tie_rule",
            "deciding_attendance_rule",
            "casting_vote_rule",
            "written_rule",
            "convening_numerator",
            "convening_denominator",
            "notice_days",
            "urgent_notice_days",
            "allows_written_resolution",
            "allows_deputies",
            "video_attendance_counts",
            "disqualify_parties",
            "gender_balance_applies",
            "gender_exception_reason",
            "reappointment_limit",
            "secretary_post",
            "secretary_person",
            "appointment_text",
            "disclosure",
        ]
        # thousands of each in a district: searched, not listed
        widgets = {"secretary_post": Picker("post"), "secretary_person": Picker("person")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = Body.objects.exclude(pk=self.instance.pk)
        for name in ("parent", "dong_unit"):
            offer_by_name(self.fields[name])

    def clean(self):
        data = super().clean()
        num, den = data.get("convening_numerator"), data.get("convening_denominator")
        if num is not None and den is not None and not (1 <= num <= den):
            self.add_error(
                "convening_numerator", _("소집 요구 비율은 0보다 크고 1 이하여야 합니다 (예: 1/3).")
            )
        if data.get("secretary_post") and data.get("secretary_person"):
            self.add_error("secretary_person", _("간사는 직위 또는 개인 중 하나로만 정하세요."))
        notice, urgent = data.get("notice_days"), data.get("urgent_notice_days")
        if notice is not None and urgent is not None and urgent > notice:
            self.add_error("urgent_notice_days", _("긴급 통지 기한은 일반 통지 기한보다 길 수 없습니다."))
        return data


class SeatGroupForm(forms.ModelForm):
    effective = forms.DateField(
        label=_("적용일"),
        widget=DateInput(),
        validators=[validate_office_date],
        help_text=_("당연직은 이 날부터 직위의 재직자가 자리를 맡습니다."),
    )

    class Meta:
        model = SeatGroup
        fields = ["kind", "label", "field", "recommender", "qualification", "post", "count", "order"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == SeatGroup.Kind.EX_OFFICIO:
            if not data.get("post"):
                self.add_error("post", _("당연직은 직위를 정해야 합니다."))
            if data.get("count") not in (None, 1):
                self.add_error("count", _("당연직은 직위 하나에 한 자리입니다."))
        elif data.get("kind") == SeatGroup.Kind.APPOINTED and data.get("post"):
            self.add_error("post", _("위촉직에는 직위를 정하지 않습니다."))
        if data.get("count") is not None and data["count"] < 1:
            self.add_error("count", _("정원은 1명 이상이어야 합니다."))
        return data


class MembershipEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "gender_exception_reason", "note"]


class MembershipEndForm(forms.Form):
    end = forms.DateField(label=_("종료일"), widget=DateInput(), validators=[validate_office_date])
    reason = forms.CharField(label=_("종료 사유"), max_length=200)
