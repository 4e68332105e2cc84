"""Attendance allowances (참석수당, issue 16 §2): each body's allowance as data, and the payment list of a
held meeting with one line per member. The arithmetic is meetings.rules.allowances; the lines keep the
names and amounts as computed, so a confirmed list stays what the finance office received."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from committees.models import Body, Membership
from meetings.models.meeting import Meeting
from seongdong_gov.choices import FastChoicesDisplay


class AllowanceRule(FastChoicesDisplay, models.Model):
    """What a body pays its members: per attendance (or by duration band), per written-resolution answer."""

    body = models.OneToOneField(
        Body, verbose_name=_("기구"), on_delete=models.CASCADE, related_name="allowance_rule"
    )
    per_attendance = models.PositiveIntegerField(_("참석수당 (원)"), default=0)
    per_written_answer = models.PositiveIntegerField(_("서면의결 응답 수당 (원)"), default=0)
    travel_expenses = models.BooleanField(_("여비 지급"), default=False)
    exclude_ex_officio = models.BooleanField(
        _("당연직 공무원 제외"),
        default=True,
        help_text=_("소관 업무로 참석하는 공무원에게는 참석수당을 지급하지 않습니다."),
    )

    class Meta:
        verbose_name = _("참석수당 기준")
        verbose_name_plural = _("참석수당 기준")

    def __str__(self) -> str:
        return f"{self.body} · {self.per_attendance:,}"


class AllowanceBand(FastChoicesDisplay, models.Model):
    """A higher allowance from a meeting duration on (e.g. 2 hours or more: 200,000 won)."""

    rule = models.ForeignKey(AllowanceRule, on_delete=models.CASCADE, related_name="bands")
    min_minutes = models.PositiveSmallIntegerField(_("회의 시간 (분 이상)"))
    amount = models.PositiveIntegerField(_("금액 (원)"))

    class Meta:
        verbose_name = _("시간별 참석수당")
        verbose_name_plural = _("시간별 참석수당")
        ordering = ["rule", "min_minutes"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "min_minutes"], name="allowanceband_unique_minutes")
        ]

    def __str__(self) -> str:
        return f"{self.min_minutes}′ {self.amount:,}"


class PaymentList(FastChoicesDisplay, models.Model):
    """참석수당 지급 명세 of one meeting: prepared from the attendance, then confirmed and final."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("작성 중")
        CONFIRMED = "confirmed", _("확정")

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("회의"), on_delete=models.PROTECT, related_name="payment_list"
    )
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(_("출석 근거"), max_length=20)
    paid_on = models.DateField(_("지급 기준일"))
    prepared_at = models.DateTimeField(_("작성 일시"))
    confirmed_at = models.DateTimeField(_("확정 일시"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("확정자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("참석수당 지급 명세")
        verbose_name_plural = _("참석수당 지급 명세")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(confirmed_at__isnull=False), name="paymentlist_confirmed_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} ({self.status})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class PaymentLine(FastChoicesDisplay, models.Model):
    """One member on the list: what is paid, withheld and received, or why nothing is paid. No bank
    details: the finance office pays from its own records."""

    payment_list = models.ForeignKey(PaymentList, on_delete=models.CASCADE, related_name="lines")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("순번"))
    name = models.CharField(_("성명"), max_length=50)
    affiliation = models.CharField(_("소속"), max_length=200, blank=True)
    body_name = models.CharField(_("기구"), max_length=100)
    basis = models.CharField(_("지급 근거"), max_length=100, blank=True)
    amount = models.PositiveIntegerField(_("지급액"))
    income_tax = models.PositiveIntegerField(_("소득세"))
    local_tax = models.PositiveIntegerField(_("지방소득세"))
    excluded_reason = models.CharField(_("제외 사유"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("참석수당 지급 대상")
        verbose_name_plural = _("참석수당 지급 대상")
        ordering = ["payment_list", "order"]
        constraints = [
            models.UniqueConstraint(fields=["payment_list", "membership"], name="paymentline_one_per_member"),
            models.CheckConstraint(
                condition=Q(income_tax__lte=F("amount")) & Q(local_tax__lte=F("income_tax")),
                name="paymentline_tax_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(excluded_reason="") | Q(amount=0), name="paymentline_excluded_pays_nothing"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.amount:,}"

    @property
    def tax(self) -> int:
        return self.income_tax + self.local_tax

    @property
    def net(self) -> int:
        return self.amount - self.tax
