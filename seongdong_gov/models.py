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


class OutboundMessage(models.Model):
    """One e-mail to one recipient, written in the same transaction as the change that causes it.

    The row is the source of truth: the worker (`seongdong_gov.mail`) sends it, retries it with back-off
    and records the server's answer. Written only through `seongdong_gov.mail.queue_mail`/`queue_many`.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("대기")
        SENDING = "sending", _("보내는 중")
        SENT = "sent", _("보냄")
        FAILED = "failed", _("실패")

    to = models.EmailField(_("받는 사람"), max_length=254)
    # A plain id, not a foreign key: the project package imports no app (committees owns Person).
    person_id = models.BigIntegerField(_("받는 사람 ID"), null=True, blank=True, db_index=True)
    kind = models.CharField(_("종류"), max_length=64)
    subject = models.CharField(_("제목"), max_length=300)
    text = models.TextField(_("본문(텍스트)"))
    html = models.TextField(_("본문(HTML)"), blank=True)
    headers = models.JSONField(_("헤더"), default=dict, blank=True)
    status = models.CharField(_("상태"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("시도 횟수"), default=0)
    last_error = models.TextField(_("마지막 오류"), blank=True)
    # When the worker may try next; while sending, when the claim expires. Empty: nothing more to do.
    next_attempt_at = models.DateTimeField(_("다음 시도"), null=True, blank=True)
    sent_at = models.DateTimeField(_("보낸 시각"), null=True, blank=True)
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True, db_index=True)
    dedup_key = models.CharField(_("중복 방지 키"), max_length=200, null=True, blank=True, unique=True)
    # When the recipient saw it on their notifications page: the header's unread count is the empty ones.
    read_at = models.DateTimeField(_("읽은 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("보낼 메일")
        verbose_name_plural = _("보낼 메일")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbound_status_next")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sending", "sent", "failed"]),
                name="outbound_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.to} · {self.subject}"


class SubmissionKey(models.Model):
    """A one-time key carried by a create form: the service inserts it inside its transaction, so a
    repeated or double-clicked POST of the same form creates one record (issue 10 §2). `result` names
    what the first submission created ("app.model:pk"), so the repeat can point to it."""

    key = models.CharField(_("요청 키"), max_length=64, unique=True)
    result = models.CharField(_("처리 결과"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("처리된 요청")
        verbose_name_plural = _("처리된 요청")

    def __str__(self) -> str:
        return self.key
