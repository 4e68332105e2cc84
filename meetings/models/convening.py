"""Convening requests (소집 요구) and their signatures."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Body, Membership
from seongdong_gov import bounds
from seongdong_gov.choices import FastChoicesDisplay


class ConveningRequest(FastChoicesDisplay, models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="convening_requests")
    reason = models.TextField(_("소집 요구 사유"), max_length=bounds.TEXT_MAX)
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


class ConveningSignature(FastChoicesDisplay, models.Model):
    request = models.ForeignKey(ConveningRequest, on_delete=models.CASCADE, related_name="signatures")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "membership"], name="signature_unique")]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.membership_id}"
