"""Monthly performance reports (사업성과 보고): fields, indicators, obligations, reports and their trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import OrgUnit
from reports.enums import ReminderKind, ReportState
from seongdong_gov import bounds
from seongdong_gov.bounds import date_range_constraint, validate_office_date
from seongdong_gov.choices import FastChoicesDisplay


class ReportingField(FastChoicesDisplay, models.Model):
    """A reporting field of the plan (마을, 복지, 보건) with its lead department and lead team."""

    code = models.SlugField(_("코드"), max_length=20, unique=True)
    name = models.CharField(_("분야"), max_length=50, unique=True)
    lead_department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("주관 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_reporting_fields",
    )
    lead_team = models.CharField(_("주관 팀장"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    roll_forward = models.BooleanField(
        _("휴일이면 다음 근무일로 마감 연장"),
        default=True,
        help_text=_("민법 제161조: 기간의 말일이 토요일 또는 공휴일이면 그 다음 날 만료"),
    )

    class Meta:
        verbose_name = _("보고 분야")
        verbose_name_plural = _("보고 분야")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Indicator(FastChoicesDisplay, models.Model):
    field = models.ForeignKey(
        ReportingField, verbose_name=_("분야"), on_delete=models.PROTECT, related_name="indicators"
    )
    name = models.CharField(_("지표명"), max_length=100)
    unit = models.CharField(_("단위"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("성과 지표")
        verbose_name_plural = _("성과 지표")
        ordering = ["field__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["field", "name"], name="indicator_unique_name_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


class ReportingObligation(FastChoicesDisplay, models.Model):
    """Unit U must report field F every month."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("조직"), on_delete=models.PROTECT, related_name="reporting_obligations"
    )
    field = models.ForeignKey(
        ReportingField, verbose_name=_("분야"), on_delete=models.PROTECT, related_name="obligations"
    )

    class Meta:
        verbose_name = _("보고 의무")
        verbose_name_plural = _("보고 의무")
        ordering = ["unit__order", "unit__name", "field__order"]
        constraints = [models.UniqueConstraint(fields=["unit", "field"], name="obligation_unique_unit_field")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.field}"


class Report(FastChoicesDisplay, models.Model):
    class State(models.TextChoices):
        DRAFT = ReportState.DRAFT.value, _("작성 중")
        SUBMITTED = ReportState.SUBMITTED.value, _("제출")
        RETURNED = ReportState.RETURNED.value, _("반려")
        ACCEPTED = ReportState.ACCEPTED.value, _("접수 완료")

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("조직"), on_delete=models.PROTECT, related_name="reports"
    )
    field = models.ForeignKey(
        ReportingField, verbose_name=_("분야"), on_delete=models.PROTECT, related_name="reports"
    )
    month = models.DateField(_("보고 월"), help_text=_("해당 월의 1일"), validators=[validate_office_date])
    achievements = models.TextField(_("주요 성과"), blank=True, max_length=bounds.TEXT_MAX)
    problems = models.TextField(_("문제점"), blank=True, max_length=bounds.TEXT_MAX)
    improvements = models.TextField(_("개선사항"), blank=True, max_length=bounds.TEXT_MAX)
    state = models.CharField(_("상태"), max_length=16, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("최초 제출 일시"), null=True, blank=True)
    created_at = models.DateTimeField(_("작성 일시"), default=timezone.now)
    updated_at = models.DateTimeField(_("수정 일시"), default=timezone.now)

    class Meta:
        verbose_name = _("성과 보고")
        verbose_name_plural = _("성과 보고")
        ordering = ["-month", "unit__order", "field__order"]
        # the month's reports across units (the dashboard, the consolidated report): the unique key
        # below leads with the unit, so it cannot serve them
        indexes = [models.Index(fields=["month"], name="report_month")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "field", "month"], name="report_unique_unit_field_month"),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False), name="report_submitted_has_time"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted", "returned", "accepted"]),
                name="report_state_valid",
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="report_month_first_day"),
            date_range_constraint("month", "report_month_range"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.field} · {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class IndicatorValue(FastChoicesDisplay, models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("실적"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("지표 실적")
        verbose_name_plural = _("지표 실적")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicatorvalue_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicatorvalue_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


def _attachment_path(instance: ReportAttachment, filename: str) -> str:
    # The stored name is ours (uuid-like), the original name is kept in a column: no user-chosen paths.
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"reports/{instance.report.month:%Y/%m}/{uuid.uuid4().hex}.{suffix}"


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class ReportAttachment(FastChoicesDisplay, models.Model):
    """A file attached to a report, stored under MEDIA_ROOT (never served by URL) and handed out only
    by the attachment view after the unit check."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("파일"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("파일명"), max_length=200)
    content_type = models.CharField(_("형식"), max_length=100)
    size = models.PositiveIntegerField(_("크기"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("등록 일시"), default=timezone.now)

    class Meta:
        verbose_name = _("첨부 파일")
        verbose_name_plural = _("첨부 파일")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__lte=MAX_ATTACHMENT_BYTES), name="reportattachment_size_limit"
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("reports:attachment", args=[self.pk])


class ReportEvent(FastChoicesDisplay, models.Model):
    class Kind(models.TextChoices):
        SAVED = "saved", _("임시 저장")
        SUBMITTED = "submitted", _("제출")
        RETURNED = "returned", _("반려")
        RESUBMITTED = "resubmitted", _("재제출")
        ACCEPTED = "accepted", _("접수 완료")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("단계"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("처리자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("일시"), default=timezone.now)
    comment = models.TextField(_("의견"), blank=True, max_length=bounds.TEXT_MAX)

    class Meta:
        verbose_name = _("보고 처리 이력")
        verbose_name_plural = _("보고 처리 이력")
        ordering = ["pk"]  # the order of the steps; `at` may be a given submission time

    def __str__(self) -> str:
        return f"{self.report} · {self.get_kind_display()}"


class ReminderLog(FastChoicesDisplay, models.Model):
    """One reminder e-mail sent; the unique constraint is what makes the daily cron job send it once."""

    class Kind(models.TextChoices):
        DUE_SOON = ReminderKind.DUE_SOON.value, _("마감 임박")
        OVERDUE = ReminderKind.OVERDUE.value, _("마감 경과")

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    field = models.ForeignKey(ReportingField, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("보고 월"), validators=[validate_office_date])
    kind = models.CharField(_("구분"), max_length=16, choices=Kind.choices)
    recipients = models.TextField(_("수신자"), blank=True)
    sent_at = models.DateTimeField(_("발송 일시"), default=timezone.now)

    class Meta:
        verbose_name = _("알림 발송 기록")
        verbose_name_plural = _("알림 발송 기록")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "field", "month", "kind"], name="reminder_sent_once"),
            date_range_constraint("month", "reminder_month_range"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.field} · {self.month:%Y-%m} · {self.get_kind_display()}"
