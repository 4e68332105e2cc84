"""Meetings and their series, agenda items, attached files, observers and the feed token."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Body
from meetings import schedule
from meetings.rules import lifecycle
from seongdong_gov.bounds import date_range_constraint, validate_office_date, validate_office_datetime
from seongdong_gov.choices import FastChoicesDisplay
from seongdong_gov.uploads import content_matches

ALLOWED_EXTENSIONS = {
    ".pdf",
    ".hwp",
    ".hwpx",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".jpg",
    ".png",
    ".txt",
}


MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def validate_attachment(f) -> None:
    ext = os.path.splitext(f.name)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("허용되지 않는 파일 형식입니다 (%(ext)s). 허용: %(allowed)s"),
            params={"ext": ext or "-", "allowed": ", ".join(sorted(ALLOWED_EXTENSIONS))},
        )
    if f.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("파일이 너무 큽니다. 20MB 이하만 올릴 수 있습니다."))
    if not content_matches(f, ext):
        raise ValidationError(_("파일 내용이 확장자(%(ext)s)와 맞지 않습니다."), params={"ext": ext})


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("정기회의")
    EXTRAORDINARY = "extraordinary", _("임시회의")
    WRITTEN = "written", _("서면회의")
    CEREMONY = "ceremony", _("위촉식")


class MeetingPurpose(models.TextChoices):
    """What a meeting is for, where another part of the product must find it: the reports app attaches
    the month's consolidated report to the 사업성과 회의 that reviews it."""

    GENERAL = "general", _("일반")
    PERFORMANCE_REVIEW = "performance_review", _("사업성과 회의")


class MeetingSeries(FastChoicesDisplay, models.Model):
    class Recurrence(models.TextChoices):
        QUARTERLY = schedule.QUARTERLY, _("분기별")
        SECOND_FOURTH_FRIDAY = schedule.SECOND_FOURTH_FRIDAY, _("매월 둘째·넷째 금요일")
        MONTHLY_DAY = schedule.MONTHLY_DAY, _("매월 지정일")
        AD_HOC = schedule.AD_HOC, _("수시")

    class Policy(models.TextChoices):
        NEXT = schedule.NEXT_WORKING_DAY, _("다음 근무일로 연기")
        PREVIOUS = schedule.PREVIOUS_WORKING_DAY, _("이전 근무일로 앞당김")
        KEEP = schedule.KEEP_AND_FLAG, _("그대로 두고 표시")

    name = models.CharField(_("명칭"), max_length=100, unique=True)
    bodies = models.ManyToManyField(Body, verbose_name=_("참여 기구"), related_name="meeting_series")
    kind = models.CharField(
        _("회의 종류"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.REGULAR
    )
    purpose = models.CharField(
        _("용도"), max_length=24, choices=MeetingPurpose.choices, default=MeetingPurpose.GENERAL, blank=True
    )
    recurrence = models.CharField(_("반복"), max_length=24, choices=Recurrence.choices)
    day_of_month = models.PositiveSmallIntegerField(
        _("일자"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    start_date = models.DateField(_("시작일"), validators=[validate_office_date])
    end_date = models.DateField(_("종료일"), null=True, blank=True, validators=[validate_office_date])
    start_time = models.TimeField(_("시작 시각"))
    duration_minutes = models.PositiveSmallIntegerField(_("소요 시간 (분)"), default=60)
    place = models.CharField(_("장소"), max_length=100, blank=True)
    non_working_policy = models.CharField(
        _("휴일 처리"), max_length=8, choices=Policy.choices, default=Policy.NEXT
    )

    class Meta:
        verbose_name = _("회의 일정 계획")
        verbose_name_plural = _("회의 일정 계획")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recurrence="monthly_day") | Q(day_of_month__isnull=False),
                name="series_monthly_needs_day",
            ),
            models.CheckConstraint(
                condition=Q(day_of_month__isnull=True) | (Q(day_of_month__gte=1) & Q(day_of_month__lte=31)),
                name="series_day_of_month_range",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="series_end_after_start",
            ),
            date_range_constraint("start_date", "series_start_date_range"),
            date_range_constraint("end_date", "series_end_date_range", nullable=True),
        ]

    def __str__(self) -> str:
        return self.name


class SeriesHost(FastChoicesDisplay, models.Model):
    """Host rotation as an ordered list of bodies (실무협의 회의: 추진단 → 민간협의체 → 추진지원단)."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="hosts")
    body = models.ForeignKey(Body, verbose_name=_("주관 기구"), on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("순서"))

    class Meta:
        ordering = ["series", "order"]
        constraints = [models.UniqueConstraint(fields=["series", "order"], name="serieshost_unique_order")]

    def __str__(self) -> str:
        return f"{self.series} {self.order}. {self.body}"


class Meeting(FastChoicesDisplay, models.Model):
    class Status(models.TextChoices):
        # the values of meetings.rules.lifecycle, whose table says which action each state allows
        PLANNED = lifecycle.PLANNED, _("예정")
        NOTICE_SENT = lifecycle.NOTICE_SENT, _("소집 통지")
        HELD = lifecycle.HELD, _("개최")
        MINUTES_DRAFT = lifecycle.MINUTES_DRAFT, _("회의록 작성 중")
        MINUTES_APPROVED = lifecycle.MINUTES_APPROVED, _("회의록 승인")
        MINUTES_LOCKED = lifecycle.MINUTES_LOCKED, _("회의록 확정")
        CANCELLED = lifecycle.CANCELLED, _("취소")
        NO_QUORUM = lifecycle.NO_QUORUM, _("유회")

    # the meeting sat (and its attendance counts): from held on, whatever became of its minutes
    SAT = (
        Status.HELD,
        Status.MINUTES_DRAFT,
        Status.MINUTES_APPROVED,
        Status.MINUTES_LOCKED,
        Status.NO_QUORUM,
    )

    title = models.CharField(_("회의명"), max_length=150)
    bodies = models.ManyToManyField(Body, verbose_name=_("참여 기구"), related_name="meetings")
    host_body = models.ForeignKey(
        Body,
        verbose_name=_("주관 기구"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("일정 계획"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(
        _("종류"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.REGULAR
    )
    purpose = models.CharField(
        _("용도"), max_length=24, choices=MeetingPurpose.choices, default=MeetingPurpose.GENERAL, blank=True
    )
    place = models.CharField(_("장소"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("시작"), validators=[validate_office_datetime])
    ends_at = models.DateTimeField(_("종료"), validators=[validate_office_datetime])
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    urgent = models.BooleanField(_("긴급 소집"), default=False)
    urgent_reason = models.CharField(_("긴급 사유"), max_length=200, blank=True)
    original_date = models.DateField(_("원래 일자"), null=True, blank=True, validators=[validate_office_date])
    moved_reason = models.CharField(_("변경·표시 사유"), max_length=100, blank=True)
    date_flagged = models.BooleanField(_("휴일 개최 표시"), default=False)
    cancelled_reason = models.CharField(_("취소 사유"), max_length=200, blank=True)
    notice_sent_at = models.DateTimeField(_("통지 일시"), null=True, blank=True)
    agenda_published = models.BooleanField(_("안건 공개"), default=False)
    # the item under discussion, as the secretary marks it during the sitting (the room's screen and the
    # members' phones show it); that it belongs to this meeting is checked by meeting_current_item_set
    current_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("진행 중인 안건"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uid = models.CharField(_("달력 UID"), max_length=80, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # the calendar feeds' ETag and Last-Modified, and each event's DTSTAMP: every change to a meeting
    # goes through a full save() in meetings.services, so auto_now follows it
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    class Meta:
        verbose_name = _("회의")
        verbose_name_plural = _("회의")
        ordering = ["-starts_at"]
        # lists, calendars, the 12-month attendance window and the reports all range over starts_at
        # the meetings sitting now (the live panels, the room's screen) are found by ends_at: a range over
        # starts_at alone reads every past meeting
        indexes = [
            models.Index(fields=["starts_at"], name="meeting_starts_at_idx"),
            models.Index(fields=["ends_at"], name="meeting_ends_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            date_range_constraint("starts_at", "meeting_starts_at_range", datetime=True),
            date_range_constraint("ends_at", "meeting_ends_at_range", datetime=True),
            date_range_constraint("original_date", "meeting_original_date_range", nullable=True),
            models.CheckConstraint(
                condition=Q(urgent=False) | ~Q(urgent_reason=""), name="meeting_urgent_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancelled_reason=""), name="meeting_cancel_has_reason"
            ),
            models.UniqueConstraint(
                fields=["series", "original_date"],
                condition=Q(series__isnull=False),
                name="meeting_one_per_series_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localdate(self.starts_at):%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def moved(self) -> bool:
        # compare Seoul dates: starts_at is stored in UTC, where a 08:00 KST meeting is still the day before
        return bool(self.original_date and self.original_date != timezone.localdate(self.starts_at))


class AgendaItem(FastChoicesDisplay, models.Model):
    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("진행")
        REPORT = "report", _("보고")
        DELIBERATION = "deliberation", _("심의")
        RESOLUTION = "resolution", _("의결")
        ELECTION = "election", _("선거")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("순서"))
    kind = models.CharField(_("구분"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("안건명"), max_length=200)
    presenter = models.CharField(_("발표·진행"), max_length=100, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("소요 (분)"), default=10)
    proposal_reason = models.TextField(_("제안 이유"), blank=True, max_length=2000)
    main_content = models.TextField(_("주요 내용"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("안건")
        verbose_name_plural = _("안건")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agendaitem_unique_order"),
            models.CheckConstraint(condition=Q(planned_minutes__gte=1), name="agendaitem_minutes_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


def _attachment_path(instance, filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()
    return f"meetings/{instance.meeting_id}/{os.urandom(8).hex()}{ext}"


class Attachment(FastChoicesDisplay, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(_("파일"), upload_to=_attachment_path, validators=[validate_attachment])
    original_name = models.CharField(_("파일명"), max_length=200)
    size = models.PositiveIntegerField(_("크기"))
    # Issue 16 §1: only files marked public appear on the public site
    is_public = models.BooleanField(_("공개"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "original_name"]
        constraints = [
            models.CheckConstraint(condition=Q(size__lte=MAX_ATTACHMENT_BYTES), name="attachment_size_limit")
        ]

    def __str__(self) -> str:
        return self.original_name


class Observer(FastChoicesDisplay, models.Model):
    """배석자: attend without being members; kept apart from attendance (공공기록물법 시행령 제18조②)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="observers")
    name = models.CharField(_("성명"), max_length=50)
    affiliation = models.CharField(_("소속·직위"), max_length=100, blank=True)

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.affiliation}".strip()


class FeedToken(FastChoicesDisplay, models.Model):
    """The secret of a personal iCalendar feed; replacing it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}"
