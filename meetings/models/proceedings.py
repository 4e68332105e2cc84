"""What happens at a meeting: attendance, recusals, votes, elections, written resolutions, minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models.meeting import AgendaItem, Meeting
from meetings.rules.interests import RecusalKind
from seongdong_gov import bounds
from seongdong_gov.bounds import date_range_constraint, validate_office_datetime
from seongdong_gov.choices import FastChoicesDisplay


class Attendance(FastChoicesDisplay, models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("출석")
        ABSENT = "absent", _("불참")
        EXCUSED = "excused", _("사유 불참")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("현장")
        VIDEO = "video", _("영상")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(
        Membership, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("출결"), max_length=8, choices=Status.choices)
    arrived_at = models.DateTimeField(
        _("도착 시각"), null=True, blank=True, validators=[validate_office_datetime]
    )
    left_at = models.DateTimeField(
        _("퇴장 시각"), null=True, blank=True, validators=[validate_office_datetime]
    )
    deputy_name = models.CharField(_("대리 출석자"), max_length=50, blank=True)
    # 영상회의 attendance: only where the body's rules count it as present (Body.video_attendance_counts)
    mode = models.CharField(_("출석 방식"), max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)

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
            models.CheckConstraint(
                condition=Q(mode="in_person") | Q(mode="video", status="present"),
                name="attendance_video_only_when_present",
            ),
            date_range_constraint("arrived_at", "attendance_arrived_at_range", nullable=True, datetime=True),
            date_range_constraint("left_at", "attendance_left_at_range", nullable=True, datetime=True),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.membership_id} {self.status}"


class Recusal(FastChoicesDisplay, models.Model):
    """A member out of the vote on one item (제척·기피·회피): still counted toward the quorum to open, not
    among those voting on it (법제처 해석 09-0129). Recorded by the secretary directly, or from a
    declaration (회피, or 제척 by the body's rule) or an accepted challenge (기피)."""

    class Kind(models.TextChoices):
        AVOIDANCE = RecusalKind.AVOIDANCE, _("회피")
        DISQUALIFICATION = RecusalKind.DISQUALIFICATION, _("제척")
        CHALLENGE = RecusalKind.CHALLENGE, _("기피")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("구분"), max_length=16, choices=Kind.choices, default=Kind.AVOIDANCE)
    reason = models.CharField(_("사유"), max_length=200)
    declaration = models.ForeignKey(
        "meetings.InterestDeclaration",
        verbose_name=_("이해충돌 신고"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recusals",
    )
    challenge = models.OneToOneField(
        "meetings.RecusalChallenge",
        verbose_name=_("기피 신청"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recusal",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("기록자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "membership"], name="recusal_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in RecusalKind]), name="recusal_kind_valid"
            ),
            # a 기피 recusal exists only as the decision on a challenge
            models.CheckConstraint(
                condition=~Q(kind="challenge") | Q(challenge__isnull=False), name="recusal_challenge_linked"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.membership_id}"


class Vote(FastChoicesDisplay, models.Model):
    class Method(models.TextChoices):
        NAMED = "named", _("기명")
        SHOW_OF_HANDS = "show_of_hands", _("거수")
        SECRET = "secret", _("무기명")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    method = models.CharField(_("표결 방법"), max_length=16, choices=Method.choices)
    taken_at = models.DateTimeField(_("표결 시각"), validators=[validate_office_datetime])
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
    # cast by the members on their own devices (meetings.models.evoting.BallotBox), not typed in
    electronic = models.BooleanField(_("전자 투표"), default=False)

    class Meta:
        ordering = ["item", "taken_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voting__lte=F("present")) & Q(yes__lte=F("voting") - F("no") - F("abstain")),
                name="vote_totals_possible",
            ),
            date_range_constraint("taken_at", "vote_taken_at_range", datetime=True),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.taken_at:%H:%M} {self.outcome_label}"

    @property
    def method_label(self) -> str:
        """The method as the record shows it: "무기명 · 전자 투표" for a vote cast on members' devices."""
        label = self.get_method_display()
        return f"{label} · {_('전자 투표')}" if self.electronic else str(label)


class NamedBallot(FastChoicesDisplay, models.Model):
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


class Election(FastChoicesDisplay, models.Model):
    """선거 (e.g. 위원장 호선): candidates' counts, the winner and the role recorded on the membership."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="election")
    role = models.CharField(_("선출 직책"), max_length=20, choices=Membership.Role.choices)
    winner = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    voting = models.PositiveSmallIntegerField(_("투표 인원"))

    def __str__(self) -> str:
        return f"{self.item_id}: {self.winner_id} ({self.role})"


class ElectionCandidate(FastChoicesDisplay, models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveSmallIntegerField(_("득표"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "membership"], name="candidate_unique")]

    def __str__(self) -> str:
        return f"{self.election_id}: {self.membership_id} {self.votes}"


class WrittenResolution(FastChoicesDisplay, models.Model):
    """서면의결 on one agenda item: members answer in the portal until the deadline, then the secretary
    counts it with meetings.rules.written_outcome. Only where the body allows it."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="written")
    opened_at = models.DateTimeField(_("요청 일시"))
    deadline = models.DateTimeField(_("응답 마감"), validators=[validate_office_datetime])
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
            date_range_constraint("deadline", "written_deadline_range", datetime=True),
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


class WrittenAnswer(FastChoicesDisplay, models.Model):
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


class Minutes(FastChoicesDisplay, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("초안")
        APPROVED = "approved", _("승인")
        LOCKED = "locked", _("확정")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(_("상태"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    remarks = models.TextField(_("발언 요지"), blank=True, max_length=bounds.LONG_TEXT_MAX)
    is_public = models.BooleanField(_("공개"), default=True)
    nondisclosure_reason = models.CharField(_("비공개 사유"), max_length=200, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("승인자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("확정자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 회의록 번호 "추진운영위원회 2026-3": the n-th minutes of the host body approved in that year, given
    # at approval under a lock; the unique constraint makes a duplicate impossible even if two race.
    number = models.CharField(_("회의록 번호"), max_length=120, blank=True, editable=False)
    number_body = models.ForeignKey(
        "committees.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    number_seq = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # The frozen record (meetings.record): what locked minutes show, whatever changes later.
    record = models.JSONField(_("확정 기록"), null=True, blank=True, editable=False)
    record_sha256 = models.CharField(max_length=64, blank=True, editable=False)

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
            # locked minutes always carry their frozen record
            models.CheckConstraint(
                condition=~Q(status="locked") | (Q(record__isnull=False) & ~Q(record_sha256="")),
                name="minutes_locked_has_record",
            ),
            models.UniqueConstraint(
                fields=["number_body", "number_year", "number_seq"],
                condition=Q(number_seq__isnull=False),
                name="minutes_number_unique_per_body_year",
            ),
        ]
        indexes = [
            # the public site's minutes (sitemap, body pages): a few among ten years of the district's
            models.Index(
                fields=["meeting"], condition=Q(status="locked", is_public=True), name="minutes_public"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} ({self.status})"


class MinutesCorrection(FastChoicesDisplay, models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("정정 내용"), max_length=bounds.TEXT_MAX)
    reason = models.CharField(_("정정 사유"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["minutes", "created_at"]

    def __str__(self) -> str:
        return f"{self.minutes_id}: {self.reason}"
