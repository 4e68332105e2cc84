from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One recorded state change: who, when, what, and the fields before and after.

    Written only through `seongdong_gov.audit.audit_record`; never edited from the UI.
    """

    at = models.DateTimeField(_("일시"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("처리자"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("작업"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("대상 종류"))
    object_id = models.CharField(_("대상 ID"), max_length=64)
    object_repr = models.CharField(_("대상"), max_length=300)
    changes = models.JSONField(_("변경 내용"), default=dict, blank=True)
    note = models.TextField(_("메모"), blank=True)

    class Meta:
        verbose_name = _("감사 기록")
        verbose_name_plural = _("감사 기록")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class LoginAttempt(models.Model):
    """Every login attempt, kept for the lockout rule and for the security review (who tried, from where)."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("성공")
        FAILURE = "failure", _("실패")
        LOCKED = "locked", _("잠금으로 거부")

    at = models.DateTimeField(_("일시"), auto_now_add=True)
    username = models.CharField(_("사용자 이름"), max_length=150)
    ip = models.GenericIPAddressField(_("IP 주소"), null=True, blank=True)
    outcome = models.CharField(_("결과"), max_length=8, choices=Outcome.choices)

    class Meta:
        verbose_name = _("로그인 시도")
        verbose_name_plural = _("로그인 시도")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["username", "at"], name="loginattempt_user_at"),
            models.Index(fields=["ip", "at"], name="loginattempt_ip_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=["success", "failure", "locked"]),
                name="loginattempt_outcome_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.outcome}"
