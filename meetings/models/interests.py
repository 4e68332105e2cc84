"""이해충돌: members' declarations of a private interest in an agenda item (사적이해관계자 신고 및 회피
신청, 이해충돌 방지법 제5조) and 기피 신청 against another member. What the secretary decides from them
lands in Recusal (meetings.models.proceedings), which the vote base, the quorum panel and the minutes read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models.meeting import AgendaItem
from meetings.rules.interests import ChallengeDecision, InterestKind
from seongdong_gov.choices import FastChoicesDisplay

DESCRIPTION_MAX = 500
REASONS_MAX = 1000


class InterestDeclaration(FastChoicesDisplay, models.Model):
    """One member's answer for one item: no interest, or an interest with its kind, a short description
    and whether they ask to step aside (회피 신청). Changed in place until the meeting starts."""

    class Kind(models.TextChoices):
        PARTY = InterestKind.PARTY, _("본인 또는 가족이 안건의 당사자")
        OFFICER = InterestKind.OFFICER, _("본인·가족이 임원·대표자로 있는 법인·단체")
        ADVISER = InterestKind.ADVISER, _("본인·가족이 대리·고문·자문하는 개인·법인·단체")
        FORMER = InterestKind.FORMER, _("위촉 전 2년 이내 재직·자문한 법인·단체")
        SHARES = InterestKind.SHARES, _("본인·가족이 주식·지분을 가진 법인·단체")
        OTHER = InterestKind.OTHER, _("그 밖의 사적 이해관계")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    membership = models.ForeignKey(
        Membership, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="+"
    )
    has_interest = models.BooleanField(_("이해관계 있음"))
    kind = models.CharField(_("이해관계 종류"), max_length=16, choices=Kind.choices, blank=True)
    description = models.CharField(_("내용"), max_length=DESCRIPTION_MAX, blank=True)
    asks_step_aside = models.BooleanField(_("회피 신청"), default=False)
    declared_at = models.DateTimeField(_("신고 일시"))
    updated_at = models.DateTimeField(_("변경 일시"))

    class Meta:
        verbose_name = _("이해충돌 신고")
        verbose_name_plural = _("이해충돌 신고")
        ordering = ["item", "membership"]
        constraints = [
            models.UniqueConstraint(fields=["item", "membership"], name="declaration_one_per_member"),
            # "no interest" carries nothing else; an interest names its kind and says what it is
            models.CheckConstraint(
                condition=(
                    Q(has_interest=False, kind="", description="", asks_step_aside=False)
                    | (Q(has_interest=True) & ~Q(kind="") & ~Q(description=""))
                ),
                name="declaration_details_match_answer",
            ),
            models.CheckConstraint(
                condition=Q(kind="") | Q(kind__in=[k.value for k in InterestKind]),
                name="declaration_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(updated_at__gte=F("declared_at")), name="declaration_updated_after_declared"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.membership_id} {'O' if self.has_interest else 'X'}"


class RecusalChallenge(FastChoicesDisplay, models.Model):
    """기피 신청: a member asks that another member of the same meeting be excluded from an item. The body
    decides; the secretary records the decision (accepted → a Recusal of kind 기피)."""

    class Decision(models.TextChoices):
        PENDING = ChallengeDecision.PENDING, _("결정 전")
        ACCEPTED = ChallengeDecision.ACCEPTED, _("인용")
        REJECTED = ChallengeDecision.REJECTED, _("기각")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="challenges")
    filed_by = models.ForeignKey(
        Membership, verbose_name=_("신청 위원"), on_delete=models.PROTECT, related_name="+"
    )
    against = models.ForeignKey(
        Membership, verbose_name=_("기피 대상 위원"), on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.TextField(_("기피 사유"), max_length=REASONS_MAX)
    filed_at = models.DateTimeField(_("신청 일시"))
    decision = models.CharField(_("결정"), max_length=8, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("결정 기록자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True)
    decision_note = models.CharField(_("결정 내용"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("기피 신청")
        verbose_name_plural = _("기피 신청")
        ordering = ["item", "filed_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(filed_by=F("against")), name="challenge_not_self"),
            models.CheckConstraint(condition=~Q(reasons=""), name="challenge_has_reasons"),
            # one open challenge per member and item: a second one adds nothing until the first is decided
            models.UniqueConstraint(
                fields=["item", "filed_by", "against"],
                condition=Q(decision="pending"),
                name="challenge_one_pending",
            ),
            models.CheckConstraint(
                condition=(
                    Q(decision="pending", decided_at__isnull=True, decided_by__isnull=True)
                    | (~Q(decision="pending") & Q(decided_at__isnull=False))
                ),
                name="challenge_decided_has_date",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=[d.value for d in ChallengeDecision]),
                name="challenge_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.filed_by_id} → {self.against_id} ({self.decision})"
