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
from meetings.services.tally import attendance_tally_invalidate
from seongdong_gov.audit import audit_record


def _checked(meeting: Meeting, row: dict, *, allows_deputies: bool, video_counts: bool) -> dict:
    """One row's values as stored, or a refusal naming the member (one sheet, many rows)."""
    membership, status = row["membership"], row["status"]
    arrived, left, deputy_name = row.get("arrived"), row.get("left"), row.get("deputy_name", "")
    mode = row.get("mode") or Attendance.Mode.IN_PERSON
    if status != Attendance.Status.PRESENT:
        arrived = left = None
        deputy_name = ""
        mode = Attendance.Mode.IN_PERSON
    # 영상회의 attendance is recorded only where the body's rules count it as present: refusing is
    # clearer than recording a "present" member who does not count toward the quorum
    if mode == Attendance.Mode.VIDEO and not video_counts:
        raise ValidationError(
            _(
                "이 기구는 영상회의 출석을 출석으로 인정하지 않습니다 (%(p)s). 현장 출석 또는 불참으로 기록하세요."
            )
            % {"p": membership.person}
        )
    if arrived and left and left <= arrived:
        raise ValidationError(_("퇴장 시각은 도착 시각보다 늦어야 합니다."))
    if deputy_name and not allows_deputies:
        raise ValidationError(_("이 기구는 대리 출석을 허용하지 않습니다."))
    if deputy_name and membership.seat.group.kind != SeatGroup.Kind.EX_OFFICIO:
        raise ValidationError(
            _("대리 출석은 당연직 위원만 할 수 있습니다 (%(p)s).") % {"p": membership.person}
        )
    return {
        "status": status,
        "arrived_at": selectors.at_meeting_time(meeting, arrived),
        "left_at": selectors.at_meeting_time(meeting, left),
        "deputy_name": deputy_name,
        "mode": mode,
    }


def attendance_record(
    *,
    actor,
    meeting: Meeting,
    membership: Membership,
    status: str,
    arrived: dt.time | None = None,
    left: dt.time | None = None,
    deputy_name: str = "",
    mode: str = Attendance.Mode.IN_PERSON,
) -> Attendance:
    """Record one member's attendance (times on the meeting day). Side effects: Attendance, AuditEntry."""
    with transaction.atomic():
        return attendance_save(
            actor=actor,
            meeting=meeting,
            rows=[
                {
                    "membership": membership,
                    "status": status,
                    "arrived": arrived,
                    "left": left,
                    "deputy_name": deputy_name,
                    "mode": mode,
                }
            ],
        )[0]


_FIELDS = ("status", "arrived_at", "left_at", "deputy_name", "mode")


def attendance_save(*, actor, meeting: Meeting, rows: list[dict]) -> list[Attendance]:
    """Record the attendance sheet: each row {membership, status, arrived, left, deputy_name, mode}. All rows
    or none: a refusal on one row keeps none of them.

    A fixed number of queries whatever the number of members (issue 10 §4: ~5 per member before): one
    read of the existing rows, one bulk insert, one bulk update, one AuditEntry listing every change
    ({member: [before, after]}), one UPDATE marking the attendance tally stale; unchanged rows are not
    written. Side effects: Attendance rows, one AuditEntry and the tally marked stale (none when nothing
    changed)."""
    with transaction.atomic():
        # the lifecycle guard first (row lock, state, start time, never after locking), then the checks
        meeting = meeting_for_write(meeting_id=meeting.pk, action="attendance")
        body = selectors.rule_body(meeting)
        checked = [
            (
                row["membership"],
                _checked(
                    meeting,
                    row,
                    allows_deputies=body.allows_deputies,
                    video_counts=body.video_attendance_counts,
                ),
            )
            for row in rows
        ]
        existing = {
            a.membership_id: a
            for a in Attendance.objects.select_for_update().filter(
                meeting=meeting, membership__in=[m.pk for m, _v in checked]
            )
        }
        out, new, changed, changes = [], [], [], {}
        for membership, values in checked:
            att = existing.get(membership.pk)
            before = {f: getattr(att, f) for f in _FIELDS} if att else None
            if att is None:
                att = Attendance(meeting=meeting, membership=membership, **values)
                new.append(att)
            elif before != values:
                for field, value in values.items():
                    setattr(att, field, value)
                changed.append(att)
            else:
                out.append(att)
                continue
            out.append(att)
            changes[f"{membership.person} ({membership.pk})"] = [
                _plain_row(before),
                _plain_row(values),
            ]
        Attendance.objects.bulk_create(new)
        Attendance.objects.bulk_update(changed, list(_FIELDS))
        if changes:
            attendance_tally_invalidate()  # the home's below-half list counts these lines
            audit_record(
                actor=actor,
                action="attendance",
                obj=meeting,
                after={"changes": changes},
                note=_("출결 %(n)d명 기록") % {"n": len(changes)},
            )
    return out


def _plain_row(values: dict | None) -> dict | None:
    if values is None:
        return None
    return {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in values.items()}


def attendance_mark_all_present(*, actor, meeting: Meeting) -> int:
    """ "모두 출석": every enrolled member not yet marked present is marked present (no times); rows
    already present keep their arrival and leave times. The secretary then records the exceptions.
    Returns how many members changed. Side effects: Attendance rows, one AuditEntry."""
    existing = {a.membership_id: a.status for a in selectors.attendances_of(meeting)}
    rows = [
        {"membership": m, "status": Attendance.Status.PRESENT}
        for m in selectors.enrolled_memberships(meeting)
        if existing.get(m.pk) != Attendance.Status.PRESENT
    ]
    with transaction.atomic():
        attendance_save(actor=actor, meeting=meeting, rows=rows)
    return len(rows)
