"""Attendance (출결) of the enrolled members."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.models import Membership, SeatGroup
from meetings import selectors
from meetings.models import Attendance, Meeting
from meetings.services.guard import meeting_for_write
from seongdong_gov.audit import audit_record, snapshot


def attendance_record(
    *,
    actor,
    meeting: Meeting,
    membership: Membership,
    status: str,
    arrived: dt.time | None = None,
    left: dt.time | None = None,
    deputy_name: str = "",
) -> Attendance:
    """Record one member's attendance (times on the meeting day), once the meeting has started.
    Side effects: Attendance, AuditEntry."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="attendance")
        return _attendance_write(
            actor=actor,
            meeting=meeting,
            membership=membership,
            status=status,
            arrived=arrived,
            left=left,
            deputy_name=deputy_name,
        )


def _attendance_write(
    *, actor, meeting: Meeting, membership: Membership, status: str, arrived, left, deputy_name: str
) -> Attendance:
    if status != Attendance.Status.PRESENT:
        arrived = left = None
        deputy_name = ""
    if arrived and left and left <= arrived:
        raise ValidationError(_("퇴장 시각은 도착 시각보다 늦어야 합니다."))
    if deputy_name and not selectors.rule_body(meeting).allows_deputies:
        raise ValidationError(_("이 기구는 대리 출석을 허용하지 않습니다."))
    if deputy_name and membership.seat.group.kind != SeatGroup.Kind.EX_OFFICIO:
        raise ValidationError(
            _("대리 출석은 당연직 위원만 할 수 있습니다 (%(p)s).") % {"p": membership.person}
        )
    with transaction.atomic():
        existing = Attendance.objects.filter(meeting=meeting, membership=membership).first()
        before = snapshot(existing) if existing else None
        att = existing or Attendance(meeting=meeting, membership=membership)
        att.status, att.arrived_at, att.left_at, att.deputy_name = (
            status,
            selectors.at_meeting_time(meeting, arrived),
            selectors.at_meeting_time(meeting, left),
            deputy_name,
        )
        att.save()
        audit_record(
            actor=actor,
            action="attendance",
            obj=meeting,
            before=before,
            after=snapshot(att),
            note=str(membership.person),
        )
    return att


def attendance_save(*, actor, meeting: Meeting, rows: list[dict]) -> list[Attendance]:
    """Record the attendance sheet: each row {membership, status, arrived, left, deputy_name}. All rows
    or none: a refusal on one row must not keep the others. Side effects: one AuditEntry per row."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="attendance")
        return [
            _attendance_write(
                actor=actor,
                meeting=meeting,
                **{"arrived": None, "left": None, "deputy_name": "", **row},
            )
            for row in rows
        ]
