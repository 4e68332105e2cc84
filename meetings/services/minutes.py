"""Minutes (회의록): draft, approve, lock, correct. Each passes the meeting's guard first (its state, its
time, its minutes locked or not) and keeps Minutes.status in step with Meeting.status."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import notifications, selectors
from meetings.models import BallotBox, Meeting, Minutes
from meetings.services.guard import meeting_advance, meeting_for_write
from meetings.services.numbering import minutes_number_assign
from seongdong_gov.audit import audit_record, snapshot


def minutes_save(
    *,
    actor,
    meeting: Meeting,
    remarks: str,
    is_public: bool,
    nondisclosure_reason: str = "",
    now: dt.datetime | None = None,
) -> Minutes:
    """Write the draft; a held meeting becomes minutes_draft (a 유회 stays 유회). Approved minutes change
    no more, locked ones only through minutes_correct. Side effects: Minutes, AuditEntries."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="minutes_save", now=now)
        minutes, _c = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
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
        meeting_advance(actor=actor, meeting=meeting, action="minutes_save")
    return minutes


def minutes_approve(*, actor, minutes: Minutes, now: dt.datetime | None = None) -> Minutes:
    """draft → approved, never before the meeting has started; the meeting becomes minutes_approved
    (a 유회 stays 유회); the minutes get their number (회의록 번호); members now see the minutes and are
    told by e-mail. Side effects: AuditEntries, e-mails."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=minutes.meeting_id, action="minutes_approve", now=now)
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.status != Minutes.Status.DRAFT:
            raise ValidationError(_("초안 상태의 회의록만 승인할 수 있습니다."))
        # an open ballot box could never be closed after this (votes are taken only while sitting)
        if BallotBox.objects.filter(item__meeting=meeting, closed_at=None, discarded_at=None).exists():
            raise ValidationError(
                _("진행 중인 전자 투표가 있습니다. 회의록을 승인하기 전에 마감하거나 무효로 하세요.")
            )
        before = snapshot(minutes)
        minutes.status, minutes.approved_at = Minutes.Status.APPROVED, timezone.now()
        minutes.approved_by = actor if getattr(actor, "pk", None) else None
        minutes.save()
        minutes_number_assign(minutes=minutes)
        audit_record(
            actor=actor, action="minutes_approve", obj=minutes, before=before, after=snapshot(minutes)
        )
        meeting = meeting_advance(actor=actor, meeting=meeting, action="minutes_approve")
        notifications.notify_minutes_approved(meeting, actor=actor)
    return minutes


def minutes_lock(*, actor, minutes: Minutes, now: dt.datetime | None = None) -> Minutes:
    """approved → locked (확정): the record is frozen as it stands now, with its SHA-256, and nothing of
    the meeting can change after; the meeting becomes minutes_locked (a 유회 stays 유회).
    Side effects: Minutes (record, digest), AuditEntries."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=minutes.meeting_id, action="minutes_lock", now=now)
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.status != Minutes.Status.APPROVED:
            raise ValidationError(_("승인된 회의록만 확정할 수 있습니다."))
        before = snapshot(minutes)
        minutes.status, minutes.locked_at = Minutes.Status.LOCKED, timezone.now()
        minutes.locked_by = actor if getattr(actor, "pk", None) else None
        # freeze the record as it stands now: what the locked minutes show from here on
        minutes.record = selectors.record_build(meeting, minutes)
        minutes.record_sha256 = selectors.record_digest(minutes.record)
        minutes.save()
        audit_record(actor=actor, action="minutes_lock", obj=minutes, before=before, after=snapshot(minutes))
        meeting_advance(actor=actor, meeting=meeting, action="minutes_lock")
    return minutes


def minutes_correct(*, actor, minutes: Minutes, text: str, reason: str):
    """Append a correction to locked minutes: the text stays as locked, the correction is shown with it.
    Side effects: a MinutesCorrection, an AuditEntry."""
    with transaction.atomic():
        meeting_for_write(meeting_id=minutes.meeting_id, action="minutes_correct")
        if not text.strip() or not reason.strip():
            raise ValidationError(_("정정 내용과 사유를 모두 적으세요."))
        c = minutes.corrections.create(
            text=text, reason=reason, created_by=actor if getattr(actor, "pk", None) else None
        )
        audit_record(actor=actor, action="minutes_correct", obj=minutes, note=reason)
    return c
