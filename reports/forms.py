from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import OrgUnit
from committees.validators import reject_resident_number
from reports.models import MAX_ATTACHMENT_BYTES, Indicator, Report, ReportingField
from seongdong_gov import bounds
from seongdong_gov.uploads import content_matches

MAX_UPLOAD = MAX_ATTACHMENT_BYTES
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "hwp": "application/x-hwp",
    "hwpx": "application/hwp+zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


def check_upload(upload) -> None:
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_TYPES:
        raise ValidationError(
            _("허용되지 않는 파일 형식입니다 (PDF, HWP, HWPX, XLSX, DOCX, JPG, PNG만 가능)."), code="type"
        )
    if upload.size > MAX_UPLOAD:
        raise ValidationError(_("파일은 10MB 이하만 올릴 수 있습니다."), code="size")
    if not content_matches(upload, ext):
        raise ValidationError(_("파일 내용이 확장자와 맞지 않습니다."), code="type")
    upload.content_type = ALLOWED_TYPES[ext]


class ReportForm(forms.Form):
    """Indicator values (one field per active indicator) plus the narrative and one attachment."""

    achievements = forms.CharField(
        label=_("주요 성과"),
        required=False,
        max_length=bounds.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[reject_resident_number],
    )
    problems = forms.CharField(
        label=_("문제점"),
        required=False,
        max_length=bounds.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_resident_number],
    )
    improvements = forms.CharField(
        label=_("개선사항"),
        required=False,
        max_length=bounds.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_resident_number],
    )
    attachment = forms.FileField(
        label=_("첨부 파일"), required=False, help_text=_("PDF, HWP, HWPX, XLSX, DOCX, JPG, PNG · 10MB 이하")
    )

    def __init__(self, *args, indicators: list[Indicator], report: Report | None = None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if report is not None:
            initial.update({n: getattr(report, n) for n in ("achievements", "problems", "improvements")})
            initial.update({f"ind_{v.indicator_id}": v.value for v in report.values.all()})
        super().__init__(*args, initial=initial, **kwargs)
        self.indicators = indicators
        indicator_fields = {
            f"ind_{ind.pk}": forms.DecimalField(
                label=str(ind), required=False, min_value=0, max_digits=12, decimal_places=2
            )
            for ind in indicators
        }
        self.fields = {**indicator_fields, **self.fields}

    def clean_achievements(self):
        value = self.cleaned_data["achievements"]
        reject_resident_number(value)
        return value

    def clean_problems(self):
        value = self.cleaned_data["problems"]
        reject_resident_number(value)
        return value

    def clean_improvements(self):
        value = self.cleaned_data["improvements"]
        reject_resident_number(value)
        return value

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_upload(upload)
        return upload

    def values(self) -> dict:
        return {ind.pk: self.cleaned_data.get(f"ind_{ind.pk}") for ind in self.indicators}

    def narrative(self) -> dict:
        return {n: self.cleaned_data[n] for n in ("achievements", "problems", "improvements")}


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("의견"), required=False, max_length=bounds.TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(value: str | None, default: dt.date) -> dt.date:
    """`2026-03` → 2026-03-01; anything else → `default`."""
    match = _MONTH.match(value or "")
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return dt.date(year, month, 1)
    return default


class FieldForm(forms.ModelForm):
    """A field's lead department and team, its deadline rule, and which units must report it."""

    units = forms.ModelMultipleChoiceField(
        label=_("보고 조직"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("매월 이 분야의 성과를 보고해야 하는 부서와 동 주민센터"),
    )

    class Meta:
        model = ReportingField
        fields = ["lead_department", "lead_team", "roll_forward"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reporting_kinds = [OrgUnit.Kind.DIVISION, OrgUnit.Kind.DONG]
        self.fields["lead_department"].queryset = OrgUnit.objects.filter(kind=OrgUnit.Kind.DIVISION)
        owing = Q(reporting_obligations__field=self.instance) if self.instance.pk else Q(pk__in=[])
        self.fields["units"].queryset = (
            OrgUnit.objects.filter(Q(kind__in=reporting_kinds) | owing)
            .distinct()
            .order_by("kind", "order", "name")
        )
        if self.instance.pk and "units" not in self.initial:
            self.initial["units"] = list(self.instance.obligations.values_list("unit_id", flat=True))


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "order", "active"]

    def __init__(self, *args, field: ReportingField, **kwargs):
        super().__init__(*args, **kwargs)
        self.reporting_field = field

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Indicator.objects.filter(field=self.reporting_field, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("이 분야에 같은 이름의 지표가 이미 있습니다."), code="unique")
        return name
