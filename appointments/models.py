"""Appointments of appointed (위촉직) members and the certificate register (위촉장 발급대장).

Ex officio seats have no Appointment: their history comes from post holdings (committees).
Certificates are never deleted (PROTECT everywhere, no delete view, no delete permission in admin).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from appointments import rules
from seongdong_gov import bounds
from seongdong_gov.bounds import date_range_constraint, validate_office_date
from seongdong_gov.choices import FastChoicesDisplay

SEAL_MAX_BYTES = 2 * 1024 * 1024
SEAL_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


class Appointment(FastChoicesDisplay, models.Model):
    """The appointment record behind an appointed membership: recommendation, approval, renewal."""

    class EndKind(models.TextChoices):
        EXPIRY = "expiry", _("임기 만료")
        RESIGNATION = "resignation", _("사임")
        DISMISSAL = "dismissal", _("해촉")

    membership = models.OneToOneField(
        "committees.Membership",
        verbose_name=_("위원 재임"),
        on_delete=models.PROTECT,
        related_name="appointment",
    )
    recommended_by = models.CharField(_("추천 주체"), max_length=100, blank=True)
    recommended_on = models.DateField(_("추천일"), null=True, blank=True, validators=[validate_office_date])
    approval_number = models.CharField(_("결재 문서번호"), max_length=50, blank=True)
    approval_date = models.DateField(_("결재일"), null=True, blank=True, validators=[validate_office_date])
    is_reappointment = models.BooleanField(_("연임"), default=False)
    reappointment_reason = models.TextField(_("연임 한도 초과 사유"), blank=True, max_length=bounds.TEXT_MAX)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("전임자 (보궐 위촉)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    end_kind = models.CharField(_("종료 구분"), max_length=16, choices=EndKind.choices, blank=True)
    end_ground = models.TextField(_("종료 사유 (해촉 근거)"), blank=True, max_length=bounds.TEXT_MAX)
    created_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("위촉")
        verbose_name_plural = _("위촉")
        ordering = ["membership__body__order", "membership__start", "membership__seat__group__order"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(end_kind="dismissal") | ~Q(end_ground=""), name="appointment_dismissal_ground"
            ),
            models.CheckConstraint(condition=~Q(replaces=F("id")), name="appointment_not_own_predecessor"),
            date_range_constraint("recommended_on", "appointment_recommended_on_range", nullable=True),
            date_range_constraint("approval_date", "appointment_approval_date_range", nullable=True),
        ]

    def __str__(self) -> str:
        m = self.membership
        return f"{m.body} · {m.person} ({rules.date_dots(m.start)})"

    @property
    def person(self):
        return self.membership.person

    @property
    def period_label(self) -> str:
        return rules.period_label(self.membership.start, self.membership.end)


class CertificateCounter(FastChoicesDisplay, models.Model):
    """The last sequence number issued per year; its row is locked while numbers are allocated."""

    year = models.PositiveSmallIntegerField(_("연도"), primary_key=True)
    last = models.PositiveIntegerField(_("마지막 번호"), default=0)

    class Meta:
        verbose_name = _("위촉장 번호 카운터")
        verbose_name_plural = _("위촉장 번호 카운터")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Certificate(FastChoicesDisplay, models.Model):
    """One line of the certificate register. A reissue is a new line pointing at the original."""

    year = models.PositiveSmallIntegerField(_("연도"))
    sequence = models.PositiveIntegerField(_("일련번호"))
    number = models.CharField(_("발급번호"), max_length=20, unique=True)
    appointment = models.ForeignKey(
        Appointment, verbose_name=_("위촉"), on_delete=models.PROTECT, related_name="certificates"
    )
    issued_on = models.DateField(_("발급일"), validators=[validate_office_date])
    ceremony = models.CharField(_("위촉식"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("발급 기록 일시"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("발급자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reissue_of = models.ForeignKey(
        "self",
        verbose_name=_("원 발급"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reissues",
    )
    reissue_reason = models.CharField(_("재발급 사유"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("위촉장 발급")
        verbose_name_plural = _("위촉장 발급대장")
        ordering = ["-year", "-sequence"]
        # the register CSV's version reads the newest record time (selectors.register_version)
        indexes = [models.Index(fields=["issued_at"], name="certificate_issued_at")]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="certificate_unique_sequence_per_year"),
            models.UniqueConstraint(
                fields=["appointment"],
                condition=Q(reissue_of__isnull=True),
                name="certificate_one_original_per_appointment",
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="certificate_sequence_positive"),
            date_range_constraint("issued_on", "certificate_issued_on_range"),
            models.CheckConstraint(
                condition=Q(reissue_of__isnull=True) | ~Q(reissue_reason=""),
                name="certificate_reissue_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("appointments:certificate_pdf", args=[self.pk])


def validate_seal(file) -> None:
    """A PNG or JPEG image of at most 2 MB (checked by decoding, not by the file name)."""
    from PIL import Image

    if file.size > SEAL_MAX_BYTES:
        raise ValidationError(_("직인 이미지는 2MB 이하여야 합니다."))
    try:
        pos = file.tell()
        with Image.open(file) as image:
            image.verify()
            kind = image.format
        file.seek(pos)
    except Exception as exc:
        raise ValidationError(_("직인 이미지를 읽을 수 없습니다. PNG 또는 JPEG 파일을 올리세요.")) from exc
    if kind not in SEAL_FORMATS:
        raise ValidationError(_("직인 이미지는 PNG 또는 JPEG 형식이어야 합니다."))


class SealImage(FastChoicesDisplay, models.Model):
    """The official seal (직인) printed over the issuer's name; the newest active one is used."""

    image = models.FileField(_("직인 이미지"), upload_to="appointments/seals/", validators=[validate_seal])
    label = models.CharField(_("설명"), max_length=100, blank=True)
    is_active = models.BooleanField(_("사용"), default=True)
    uploaded_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("등록자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("직인")
        verbose_name_plural = _("직인")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.label or self.image.name
