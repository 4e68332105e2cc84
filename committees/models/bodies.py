"""Bodies (기구), their composition (정원 구성), seats and memberships (재임)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committees import enums
from committees.models.people import OrgUnit, Person, Post, PostHolding
from committees.validators import reject_resident_number
from seongdong_gov import bounds
from seongdong_gov.bounds import date_range_constraint, validate_office_date
from seongdong_gov.choices import FastChoicesDisplay


class Body(FastChoicesDisplay, models.Model):
    """A governance body, with its procedural rules stored as data (DOMAIN.md §2, §5)."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("추진운영위원회")
        COUNCIL = "council", _("민간협의체")
        TASK_FORCE = "task_force", _("추진단")
        SUPPORT = "support", _("추진지원단")
        DONG_PANEL = "dong_panel", _("동 자문팀")
        OTHER = "other", _("기타")

    class QuorumRule(models.TextChoices):
        ENROLLED_MAJORITY = enums.QuorumRule.ENROLLED_MAJORITY.value, _("재적위원 과반수 출석으로 개의")
        NONE = enums.QuorumRule.NONE.value, _("개의 정족수 없음")
        ENROLLED_ONE_THIRD = (
            enums.QuorumRule.ENROLLED_ONE_THIRD.value,
            _("재적위원 3분의 1 이상 출석으로 개의"),
        )

    class DecisionRule(models.TextChoices):
        PRESENT_MAJORITY = enums.DecisionRule.PRESENT_MAJORITY.value, _("출석위원 과반수 찬성")
        TWO_THIRDS_PRESENT = enums.DecisionRule.TWO_THIRDS_PRESENT.value, _("출석위원 3분의 2 이상 찬성")
        ENROLLED_MAJORITY = enums.DecisionRule.ENROLLED_MAJORITY.value, _("재적위원 과반수 찬성")

    class TieRule(models.TextChoices):
        REJECT = enums.TieRule.REJECT.value, _("가부동수는 부결")
        CHAIR_DECIDES = enums.TieRule.CHAIR_DECIDES.value, _("가부동수는 위원장이 결정")

    class DecidingAttendanceRule(models.TextChoices):
        SAME_AS_OPENING = enums.DecidingAttendanceRule.SAME_AS_OPENING.value, _("개의 정족수와 같음")
        ENROLLED_MAJORITY = enums.DecidingAttendanceRule.ENROLLED_MAJORITY.value, _("재적위원 과반수 출석")
        NONE = enums.DecidingAttendanceRule.NONE.value, _("출석 요건 없음")

    class CastingVoteRule(models.TextChoices):
        SECOND_VOTE = enums.CastingVoteRule.SECOND_VOTE.value, _("위원장이 표결에 참가했어도 결정")
        IF_NOT_VOTED = (
            enums.CastingVoteRule.IF_NOT_VOTED.value,
            _("위원장이 표결에 참가하지 않은 경우에만 결정"),
        )

    class WrittenRule(models.TextChoices):
        ENROLLED_MAJORITY_YES = enums.WrittenRule.ENROLLED_MAJORITY_YES.value, _("재적 과반수 찬성")
        REPLIES_THEN_YES = enums.WrittenRule.REPLIES_THEN_YES.value, _("재적 과반수 회신, 회신 과반수 찬성")

    class Disclosure(models.TextChoices):
        SEATS = "seats", _("위촉직은 정원 구성만 공개")
        NAMES = "names", _("위촉직 위원의 성명·소속 공개")

    name = models.CharField(_("명칭"), max_length=100, unique=True)
    kind = models.CharField(_("종류"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 기구"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    dong_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("동 (동 단위 기구)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dong_bodies",
        limit_choices_to={"kind": OrgUnit.Kind.DONG},
    )
    description = models.TextField(_("주요 역할"), blank=True, max_length=bounds.TEXT_MAX)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    is_active = models.BooleanField(_("운영 중"), default=True)
    term_years = models.PositiveSmallIntegerField(_("임기 (년)"), default=2)
    quorum_rule = models.CharField(
        _("개의 정족수"), max_length=24, choices=QuorumRule.choices, default=QuorumRule.ENROLLED_MAJORITY
    )
    decision_rule = models.CharField(
        _("의결 정족수"), max_length=24, choices=DecisionRule.choices, default=DecisionRule.PRESENT_MAJORITY
    )
    tie_rule = models.CharField(_("가부동수"), max_length=16, choices=TieRule.choices, default=TieRule.REJECT)
    # Issue 10 §3: the rules a body may set apart from its opening quorum and majority (meetings.rules).
    deciding_attendance_rule = models.CharField(
        _("의결에 필요한 출석"),
        max_length=24,
        choices=DecidingAttendanceRule.choices,
        default=DecidingAttendanceRule.SAME_AS_OPENING,
        help_text=_(
            "표결할 때마다 확인하는 출석 요건입니다. 지방자치법 제73조를 따르는 기구는 "
            "'재적위원 과반수 출석'을 고릅니다."
        ),
    )
    casting_vote_rule = models.CharField(
        _("위원장 결정권"),
        max_length=16,
        choices=CastingVoteRule.choices,
        default=CastingVoteRule.SECOND_VOTE,
        help_text=_(
            "가부동수를 위원장이 결정하는 기구에서, 표결에 참가한 위원장도 다시 결정하는지 정합니다."
        ),
    )
    written_rule = models.CharField(
        _("서면의결 기준"),
        max_length=24,
        choices=WrittenRule.choices,
        default=WrittenRule.ENROLLED_MAJORITY_YES,
        help_text=_("재적은 회신 마감일 기준이며, 회피·제척된 위원은 기준 인원에서 빠집니다."),
    )
    convening_numerator = models.PositiveSmallIntegerField(_("소집 요구 비율 (분자)"), default=1)
    convening_denominator = models.PositiveSmallIntegerField(_("소집 요구 비율 (분모)"), default=3)
    notice_days = models.PositiveSmallIntegerField(_("소집 통지 기한 (일 전)"), default=5)
    urgent_notice_days = models.PositiveSmallIntegerField(_("긴급 소집 통지 기한 (일 전)"), default=1)
    allows_written_resolution = models.BooleanField(_("서면의결 허용"), default=False)
    allows_deputies = models.BooleanField(_("당연직 대리출석 허용"), default=False)
    video_attendance_counts = models.BooleanField(
        _("영상회의 출석 인정"),
        default=False,
        help_text=_(
            "영상회의로 참석한 위원을 출석으로 보는 기구만 켭니다. 끄면 영상 출석을 기록할 수 없습니다."
        ),
    )
    disqualify_parties = models.BooleanField(
        _("당사자 자동 제척"),
        default=True,
        help_text=_(
            "위원 본인 또는 가족이 안건의 당사자라고 신고하면 그 안건에서 바로 제척합니다 "
            "(기구 운영 규정에 제척 사유로 정한 경우)."
        ),
    )
    gender_balance_applies = models.BooleanField(_("성별 균형 적용"), default=True)
    # Issue 10 §3: a body-level reason silences the continuous gender-balance warning (the breach itself
    # stays visible on the body page); Membership.gender_exception_reason covers one appointment only.
    gender_exception_reason = models.TextField(
        _("성별 균형 예외 사유"),
        blank=True,
        max_length=1000,
        help_text=_("위촉직 위원의 한 성별이 10분의 6을 넘는 불가피한 사유가 있으면 적습니다."),
    )
    reappointment_limit = models.PositiveSmallIntegerField(_("연임 허용 횟수"), default=1)
    secretary_post = models.ForeignKey(
        Post,
        verbose_name=_("간사 (직위)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="secretary_of",
        help_text=_("간사가 직위로 정해지면 그 직위의 현 재직자가 간사가 됩니다."),
    )
    secretary_person = models.ForeignKey(
        Person,
        verbose_name=_("간사 (개인)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="secretary_of",
    )
    # Issue 16 §1: what the public site shows of appointed members (ex officio seats are public by post)
    disclosure = models.CharField(
        _("위원 명단 공개"), max_length=8, choices=Disclosure.choices, default=Disclosure.SEATS
    )
    appointment_text = models.TextField(
        _("위촉장 문구"),
        blank=True,
        max_length=bounds.TEXT_MAX,
        help_text=_("비워 두면 구축계획 붙임 1의 문구를 씁니다."),
    )

    class Meta:
        verbose_name = _("기구")
        verbose_name_plural = _("기구")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_years__gte=1) & Q(term_years__lte=10), name="body_term_years_range"
            ),
            models.CheckConstraint(
                condition=Q(convening_numerator__gte=1)
                & Q(convening_numerator__lte=F("convening_denominator")),
                name="body_convening_fraction_valid",
            ),
            models.CheckConstraint(
                condition=Q(urgent_notice_days__lte=F("notice_days")), name="body_urgent_notice_not_longer"
            ),
            models.CheckConstraint(
                condition=Q(secretary_post__isnull=True) | Q(secretary_person__isnull=True),
                name="body_one_kind_of_secretary",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="body_not_own_parent"),
            # The values of Body.QuorumRule, DecidingAttendanceRule, CastingVoteRule and WrittenRule,
            # written out because Meta cannot see the class body.
            models.CheckConstraint(
                condition=Q(quorum_rule__in=["enrolled_majority", "none", "enrolled_one_third"]),
                name="body_quorum_rule_valid",
            ),
            models.CheckConstraint(
                condition=Q(deciding_attendance_rule__in=["same_as_opening", "enrolled_majority", "none"]),
                name="body_deciding_attendance_rule_valid",
            ),
            models.CheckConstraint(
                condition=Q(casting_vote_rule__in=["second_vote", "if_not_voted"]),
                name="body_casting_vote_rule_valid",
            ),
            models.CheckConstraint(
                condition=Q(written_rule__in=["enrolled_majority_yes", "replies_then_yes"]),
                name="body_written_rule_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:body_detail", args=[self.pk])


class SeatGroup(FastChoicesDisplay, models.Model):
    """A line of a body's composition (정원 구성): one ex officio post, or N appointed seats of a field."""

    class Kind(models.TextChoices):
        EX_OFFICIO = "ex_officio", _("당연직")
        APPOINTED = "appointed", _("위촉직")

    body = models.ForeignKey(
        Body, verbose_name=_("기구"), on_delete=models.CASCADE, related_name="seat_groups"
    )
    kind = models.CharField(_("구분"), max_length=16, choices=Kind.choices)
    label = models.CharField(_("명칭"), max_length=100)
    field = models.CharField(_("분야"), max_length=50, blank=True)
    recommender = models.CharField(_("추천 주체"), max_length=100, blank=True)
    qualification = models.CharField(_("자격 기준"), max_length=200, blank=True)
    post = models.ForeignKey(
        Post,
        verbose_name=_("직위 (당연직)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seat_groups",
    )
    count = models.PositiveSmallIntegerField(_("정원"), default=1)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("정원 구성")
        verbose_name_plural = _("정원 구성")
        ordering = ["body", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="ex_officio") & Q(post__isnull=False) & Q(count=1))
                | (Q(kind="appointed") & Q(post__isnull=True) & Q(count__gte=1)),
                name="seatgroup_kind_consistent",
            ),
            models.UniqueConstraint(fields=["body", "label"], name="seatgroup_unique_label_per_body"),
            models.UniqueConstraint(
                fields=["body", "post"],
                condition=Q(post__isnull=False),
                name="seatgroup_unique_post_per_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.label}"

    @property
    def is_ex_officio(self) -> bool:
        return self.kind == self.Kind.EX_OFFICIO


class Seat(FastChoicesDisplay, models.Model):
    """One seat of a group. At most one member per seat at a time (database constraint), so a group can
    never hold more members than its count. Seats above a reduced count stay, inactive, for history."""

    group = models.ForeignKey(
        SeatGroup, verbose_name=_("정원 구성"), on_delete=models.CASCADE, related_name="seats"
    )
    number = models.PositiveSmallIntegerField(_("번호"))
    active = models.BooleanField(_("사용 중"), default=True)

    class Meta:
        verbose_name = _("좌석")
        verbose_name_plural = _("좌석")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="seat_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="seat_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.group.label} {self.number}"


class Membership(FastChoicesDisplay, models.Model):
    """A person in a seat over a period (inclusive; open while `end` is empty).

    Database constraints (migration 0002): one person per seat at a time; one seat per person per body at
    a time. `body` repeats `seat.group.body` so that the second constraint can be an index.
    """

    class Role(models.TextChoices):
        CO_CHAIR_OFFICIAL = "co_chair_official", _("공동위원장(官)")
        CO_CHAIR_CIVIL = "co_chair_civil", _("공동위원장(民)")
        CHAIR = "chair", _("위원장")
        VICE_CHAIR = "vice_chair", _("부위원장")
        MEMBER = "member", _("위원")

    seat = models.ForeignKey(
        Seat, verbose_name=_("좌석"), on_delete=models.PROTECT, related_name="memberships"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("기구"), on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("직책"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("시작일"), validators=[validate_office_date])
    end = models.DateField(_("종료일"), null=True, blank=True, validators=[validate_office_date])
    post_holding = models.ForeignKey(
        PostHolding,
        verbose_name=_("근거 직위 재직"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    gender_exception_reason = models.TextField(
        _("성별 균형 예외 사유"), blank=True, max_length=bounds.TEXT_MAX
    )
    end_reason = models.CharField(_("종료 사유"), max_length=200, blank=True)
    note = models.TextField(
        _("비고"), blank=True, max_length=bounds.TEXT_MAX, validators=[reject_resident_number]
    )

    class Meta:
        verbose_name = _("위원 재임")
        verbose_name_plural = _("위원 재임")
        ordering = ["body", "seat__group__order", "seat__number", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="membership_end_after_start"
            ),
            date_range_constraint("start", "membership_start_range"),
            date_range_constraint("end", "membership_end_range", nullable=True),
        ]
        indexes = [
            # members in office on a day, per body (body list, public site, 재적): a body keeps ten years of
            # past terms, ~70 of its ~85 rows; the body index alone read each of them from the table
            models.Index(fields=["body", "end", "start"], name="membership_body_term"),
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.person}"

    def is_current(self, on) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)
