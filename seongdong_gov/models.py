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
