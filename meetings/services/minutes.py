"""Minutes (회의록): draft, approve, lock, correct."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import notifications, selectors
from meetings.models import Meeting, Minutes
from meetings.services.meeting import transition
from seongdong_gov.audit import audit_record, snapshot


def minutes_save(
    *, actor, meeting: Meeting, remarks: str, is_public: bool, nondisclosure_reason: str = ""
) -> Minutes:
    """Write the draft. Locked minutes change only through minutes_correct."""
    with transaction.atomic():
        minutes, _c = Minutes.objects.get_or_create(meeting=meeting)
        if minutes.status != Minutes.Status.DRAFT:
            raise ValidationError(_("승인된 회의록은 고칠 수 없습니다. 정정 기록을 남기세요."))
        if not is_public and not nondisclosure_reason.strip():
            raise ValidationError({"nondisclosure_reason": _("비공개 사유를 적으세요.")})
        before = snapshot(minutes)
        minutes.remarks, minutes.is_public, minutes.nondisclosure_reason = (
            remarks,
            is_public,
            "" if is_public else nondisclosure_reason,
        )
        minutes.save()
        audit_record(actor=actor, action="minutes_save", obj=minutes, before=before, after=snapshot(minutes))
    return minutes


def minutes_approve(*, actor, minutes: Minutes) -> Minutes:
    """draft → approved; the meeting becomes minutes_approved; members now see the minutes and are told
    by e-mail. Side effects: AuditEntries, e-mails."""
    with transaction.atomic():
        if minutes.status != Minutes.Status.DRAFT:
            raise ValidationError(_("초안 상태의 회의록만 승인할 수 있습니다."))
        before = snapshot(minutes)
        minutes.status, minutes.approved_at = Minutes.Status.APPROVED, timezone.now()
        minutes.approved_by = actor if getattr(actor, "pk", None) else None
        minutes.save()
        audit_record(
            actor=actor, action="minutes_approve", obj=minutes, before=before, after=snapshot(minutes)
        )
        meeting = Meeting.objects.get(pk=minutes.meeting_id)  # fresh: the status may have moved on
        if meeting.status == Meeting.Status.HELD:
            transition(
                actor=actor, meeting=meeting, to=Meeting.Status.MINUTES_APPROVED, allowed_from=("held",)
            )
        notifications.notify_minutes_approved(meeting, actor=actor)
    return minutes


def minutes_lock(*, actor, minutes: Minutes) -> Minutes:
    with transaction.atomic():
        if minutes.status != Minutes.Status.APPROVED:
            raise ValidationError(_("승인된 회의록만 확정할 수 있습니다."))
        before = snapshot(minutes)
        minutes.status, minutes.locked_at = Minutes.Status.LOCKED, timezone.now()
        minutes.locked_by = actor if getattr(actor, "pk", None) else None
        # freeze the record as it stands now: what the locked minutes show from here on
        minutes.record = selectors.record_build(minutes.meeting, minutes)
        minutes.record_sha256 = selectors.record_digest(minutes.record)
        minutes.save()
        audit_record(actor=actor, action="minutes_lock", obj=minutes, before=before, after=snapshot(minutes))
    return minutes


def minutes_correct(*, actor, minutes: Minutes, text: str, reason: str):
    """Append a correction to locked minutes: the text stays as locked, the correction is shown with it.
    Side effects: a MinutesCorrection, an AuditEntry."""
    if minutes.status != Minutes.Status.LOCKED:
        raise ValidationError(_("확정 전 회의록은 직접 고치세요."))
    if not text.strip() or not reason.strip():
        raise ValidationError(_("정정 내용과 사유를 모두 적으세요."))
    with transaction.atomic():
        c = minutes.corrections.create(
            text=text, reason=reason, created_by=actor if getattr(actor, "pk", None) else None
        )
        audit_record(actor=actor, action="minutes_correct", obj=minutes, note=reason)
    return c
