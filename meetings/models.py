"""Meetings: series on the working-day calendar, meetings, agendas, attendance, votes and minutes.

Invariants that matter are database constraints; the arithmetic lives in meetings/rules.py.
"""

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

from committees.models import Body, Membership
from meetings import schedule
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


class MeetingSeries(models.Model):
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
    start_date = models.DateField(_("시작일"))
    end_date = models.DateField(_("종료일"), null=True, blank=True)
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
        ]

    def __str__(self) -> str:
        return self.name


class SeriesHost(models.Model):
    """Host rotation as an ordered list of bodies (실무협의 회의: 추진단 → 민간협의체 → 추진지원단)."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="hosts")
    body = models.ForeignKey(Body, verbose_name=_("주관 기구"), on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("순서"))

    class Meta:
        ordering = ["series", "order"]
        constraints = [models.UniqueConstraint(fields=["series", "order"], name="serieshost_unique_order")]

    def __str__(self) -> str:
        return f"{self.series} {self.order}. {self.body}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("예정")
        NOTICE_SENT = "notice_sent", _("소집 통지")
        HELD = "held", _("개최")
        MINUTES_APPROVED = "minutes_approved", _("회의록 승인")
        CANCELLED = "cancelled", _("취소")

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
    starts_at = models.DateTimeField(_("시작"))
    ends_at = models.DateTimeField(_("종료"))
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    urgent = models.BooleanField(_("긴급 소집"), default=False)
    urgent_reason = models.CharField(_("긴급 사유"), max_length=200, blank=True)
    original_date = models.DateField(_("원래 일자"), null=True, blank=True)
    moved_reason = models.CharField(_("변경·표시 사유"), max_length=100, blank=True)
    date_flagged = models.BooleanField(_("휴일 개최 표시"), default=False)
    cancelled_reason = models.CharField(_("취소 사유"), max_length=200, blank=True)
    notice_sent_at = models.DateTimeField(_("통지 일시"), null=True, blank=True)
    agenda_published = models.BooleanField(_("안건 공개"), default=False)
    uid = models.CharField(_("달력 UID"), max_length=80, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("회의")
        verbose_name_plural = _("회의")
        ordering = ["-starts_at"]
        # lists, calendars, the 12-month attendance window and the reports all range over starts_at
        indexes = [models.Index(fields=["starts_at"], name="meeting_starts_at_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
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


class AgendaItem(models.Model):
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


class Attachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(_("파일"), upload_to=_attachment_path, validators=[validate_attachment])
    original_name = models.CharField(_("파일명"), max_length=200)
    size = models.PositiveIntegerField(_("크기"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "original_name"]
        constraints = [
            models.CheckConstraint(condition=Q(size__lte=MAX_ATTACHMENT_BYTES), name="attachment_size_limit")
        ]

    def __str__(self) -> str:
        return self.original_name


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("출석")
        ABSENT = "absent", _("불참")
        EXCUSED = "excused", _("사유 불참")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(
        Membership, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("출결"), max_length=8, choices=Status.choices)
    arrived_at = models.DateTimeField(_("도착 시각"), null=True, blank=True)
    left_at = models.DateTimeField(_("퇴장 시각"), null=True, blank=True)
    deputy_name = models.CharField(_("대리 출석자"), max_length=50, blank=True)

    class Meta:
        ordering = ["meeting", "membership"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_unique_member"),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True)
                | Q(arrived_at__isnull=True)
                | Q(left_at__gt=F("arrived_at")),
                name="attendance_leave_after_arrival",
            ),
            models.CheckConstraint(
                condition=Q(status="present")
                | (Q(arrived_at__isnull=True) & Q(left_at__isnull=True) & Q(deputy_name="")),
                name="attendance_times_only_when_present",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.membership_id} {self.status}"


class Observer(models.Model):
    """배석자: attend without being members; kept apart from attendance (공공기록물법 시행령 제18조②)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="observers")
    name = models.CharField(_("성명"), max_length=50)
    affiliation = models.CharField(_("소속·직위"), max_length=100, blank=True)

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.affiliation}".strip()


class Recusal(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("사유"), max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="recusal_unique")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.membership_id}"


class Vote(models.Model):
    class Method(models.TextChoices):
        NAMED = "named", _("기명")
        SHOW_OF_HANDS = "show_of_hands", _("거수")
        SECRET = "secret", _("무기명")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    method = models.CharField(_("표결 방법"), max_length=16, choices=Method.choices)
    taken_at = models.DateTimeField(_("표결 시각"))
    yes = models.PositiveSmallIntegerField(_("찬성"))
    no = models.PositiveSmallIntegerField(_("반대"))
    abstain = models.PositiveSmallIntegerField(_("기권"))
    enrolled = models.PositiveSmallIntegerField(_("재적"))
    present = models.PositiveSmallIntegerField(_("출석"))
    voting = models.PositiveSmallIntegerField(_("표결 인원"))
    required = models.PositiveSmallIntegerField(_("가결 기준"))
    chair_casting = models.BooleanField(_("위원장 결정"), null=True, blank=True)
    passed = models.BooleanField(_("가결"))
    outcome_label = models.CharField(_("결과"), max_length=50)

    class Meta:
        ordering = ["item", "taken_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voting__lte=F("present")) & Q(yes__lte=F("voting") - F("no") - F("abstain")),
                name="vote_totals_possible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.taken_at:%H:%M} {self.outcome_label}"


class NamedBallot(models.Model):
    """Each member's choice, for named votes only; secret ballots keep totals only."""

    class Choice(models.TextChoices):
        YES = "yes", _("찬성")
        NO = "no", _("반대")
        ABSTAIN = "abstain", _("기권")

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "membership"], name="ballot_one_per_member")]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.membership_id} {self.choice}"


class Election(models.Model):
    """선거 (e.g. 위원장 호선): candidates' counts, the winner and the role recorded on the membership."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="election")
    role = models.CharField(_("선출 직책"), max_length=20, choices=Membership.Role.choices)
    winner = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    voting = models.PositiveSmallIntegerField(_("투표 인원"))

    def __str__(self) -> str:
        return f"{self.item_id}: {self.winner_id} ({self.role})"


class ElectionCandidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveSmallIntegerField(_("득표"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "membership"], name="candidate_unique")]

    def __str__(self) -> str:
        return f"{self.election_id}: {self.membership_id} {self.votes}"


class WrittenResolution(models.Model):
    """서면의결 on one agenda item: members answer in the portal until the deadline, then the secretary
    counts it with meetings.rules.written_outcome. Only where the body allows it."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="written")
    opened_at = models.DateTimeField(_("요청 일시"))
    deadline = models.DateTimeField(_("응답 마감"))
    counted_at = models.DateTimeField(_("집계 일시"), null=True, blank=True)
    enrolled = models.PositiveSmallIntegerField(_("재적"), null=True, blank=True)
    eligible = models.PositiveSmallIntegerField(_("응답 가능 인원"), null=True, blank=True)
    yes = models.PositiveSmallIntegerField(_("찬성"), null=True, blank=True)
    no = models.PositiveSmallIntegerField(_("반대"), null=True, blank=True)
    abstain = models.PositiveSmallIntegerField(_("기권"), null=True, blank=True)
    required = models.PositiveSmallIntegerField(_("가결 기준"), null=True, blank=True)
    passed = models.BooleanField(_("가결"), null=True, blank=True)
    outcome_label = models.CharField(_("결과"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("서면의결")
        verbose_name_plural = _("서면의결")
        ordering = ["deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opened_at")), name="written_deadline_after_open"
            ),
            models.CheckConstraint(
                condition=(
                    Q(counted_at__isnull=True, passed__isnull=True, yes__isnull=True)
                    | Q(
                        counted_at__isnull=False,
                        passed__isnull=False,
                        eligible__lte=F("enrolled"),
                        yes__lte=F("eligible") - F("no") - F("abstain"),
                    )
                ),
                name="written_result_only_when_counted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ~{self.deadline:%Y-%m-%d %H:%M}"

    @property
    def is_counted(self) -> bool:
        return self.counted_at is not None


class WrittenAnswer(models.Model):
    """One member's answer to a written resolution; changeable until the deadline."""

    resolution = models.ForeignKey(WrittenResolution, on_delete=models.CASCADE, related_name="answers")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("의견"), max_length=8, choices=NamedBallot.Choice.choices)
    answered_at = models.DateTimeField(_("응답 일시"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "membership"], name="written_answer_one_per_member"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=["yes", "no", "abstain"]), name="written_answer_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution_id}: {self.membership_id} {self.choice}"


class ConveningRequest(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="convening_requests")
    reason = models.TextField(_("소집 요구 사유"))
    created_at = models.DateTimeField(auto_now_add=True)
    enrolled = models.PositiveSmallIntegerField(_("재적 (요구 시점)"), default=0)
    threshold = models.PositiveSmallIntegerField(_("필요 서명 수"))
    satisfied_at = models.DateTimeField(_("충족 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("소집 요구")
        verbose_name_plural = _("소집 요구")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(threshold__gte=1), name="convening_threshold_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.created_at:%Y-%m-%d}"


class ConveningSignature(models.Model):
    request = models.ForeignKey(ConveningRequest, on_delete=models.CASCADE, related_name="signatures")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "membership"], name="signature_unique")]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.membership_id}"


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("초안")
        APPROVED = "approved", _("승인")
        LOCKED = "locked", _("확정")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(_("상태"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    remarks = models.TextField(_("발언 요지"), blank=True)
    is_public = models.BooleanField(_("공개"), default=True)
    nondisclosure_reason = models.CharField(_("비공개 사유"), max_length=200, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("회의록")
        verbose_name_plural = _("회의록")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=True) | ~Q(nondisclosure_reason=""), name="minutes_private_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False), name="minutes_approved_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} ({self.status})"


class MinutesCorrection(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("정정 내용"))
    reason = models.CharField(_("정정 사유"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["minutes", "created_at"]

    def __str__(self) -> str:
        return f"{self.minutes_id}: {self.reason}"


class FeedToken(models.Model):
    """The secret of a personal iCalendar feed; replacing it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}"
