"""The working-day calendar's exceptions and each person's notification preferences."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from committees import enums
from committees.models.people import Person
from seongdong_gov.bounds import date_range_constraint, validate_office_date
from seongdong_gov.choices import FastChoicesDisplay


class CalendarException(FastChoicesDisplay, models.Model):
    """A day that staff declare closed (휴무) or, exceptionally, a working day, on top of the statutory
    public holidays from the `holidays` package."""

    class Kind(models.TextChoices):
        CLOSURE = "closure", _("휴무일")
        WORKING = "working", _("근무일")

    date = models.DateField(_("날짜"), unique=True, validators=[validate_office_date])
    kind = models.CharField(_("구분"), max_length=8, choices=Kind.choices)
    reason = models.CharField(_("사유"), max_length=100)

    class Meta:
        verbose_name = _("달력 예외")
        verbose_name_plural = _("달력 예외")
        ordering = ["date"]
        constraints = [date_range_constraint("date", "calendar_exception_date_range")]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"


class NotificationPreference(FastChoicesDisplay, models.Model):
    """A person's choice for one optional kind of e-mail. No row: the kind's default (on). Legal notices
    (committees.enums.MANDATORY_NOTIFICATIONS) are sent whatever a row says."""

    class Kind(models.TextChoices):
        MEETING_NOTICE = enums.NotificationKind.MEETING_NOTICE, _("소집 통지")
        MEETING_RESCHEDULED = enums.NotificationKind.MEETING_RESCHEDULED, _("회의 일정 변경")
        MEETING_CANCELLED = enums.NotificationKind.MEETING_CANCELLED, _("회의 취소")
        WRITTEN_OPEN = enums.NotificationKind.WRITTEN_OPEN, _("서면의결 요청")
        AGENDA_PUBLISHED = enums.NotificationKind.AGENDA_PUBLISHED, _("안건 공개")
        MINUTES_APPROVED = enums.NotificationKind.MINUTES_APPROVED, _("회의록 승인")
        MEETING_REMINDER = enums.NotificationKind.MEETING_REMINDER, _("회의 전날 알림")
        CONVENING_SATISFIED = enums.NotificationKind.CONVENING_SATISFIED, _("소집 요구 충족")
        REPORT_DUE = enums.NotificationKind.REPORT_DUE, _("보고 마감 안내")
        REPORT_OVERDUE = enums.NotificationKind.REPORT_OVERDUE, _("보고 마감 경과")
        REPORT_RETURNED = enums.NotificationKind.REPORT_RETURNED, _("보고 반려")
        REPORT_ACCEPTED = enums.NotificationKind.REPORT_ACCEPTED, _("보고 접수")
        TERM_ENDING = enums.NotificationKind.TERM_ENDING, _("임기 만료 예정")
        CERTIFICATE_READY = enums.NotificationKind.CERTIFICATE_READY, _("위촉장 발급")

    person = models.ForeignKey(
        Person, verbose_name=_("인물"), on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("종류"), max_length=32, choices=Kind.choices)
    enabled = models.BooleanField(_("받기"), default=True)

    class Meta:
        verbose_name = _("알림 설정")
        verbose_name_plural = _("알림 설정")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notificationpref_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {'on' if self.enabled else 'off'}"
