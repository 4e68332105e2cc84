"""The secret link of a meeting room's screen (issue 15 §3): a projector opens it without logging in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting
from seongdong_gov.choices import FastChoicesDisplay


class ScreenLink(FastChoicesDisplay, models.Model):
    """Only the SHA-256 digest of the link's token is stored: the token itself is shown once, when the
    link is made, and a database reader cannot rebuild the URL. A revoked link keeps its row (who made
    and revoked it, when); at most one live link per meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="screen_links")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("만든 때"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("폐기한 때"), null=True, blank=True)

    class Meta:
        verbose_name = _("회의장 화면 주소")
        verbose_name_plural = _("회의장 화면 주소")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(revoked_at__isnull=True),
                name="screenlink_one_live_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.created_at:%Y-%m-%d %H:%M}"
