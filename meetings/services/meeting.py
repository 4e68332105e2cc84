"""Meeting lifecycle: create, notice, reschedule, held, cancel; observers (배석자)."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.workdays import WorkingCalendar, load_calendar
from meetings import notifications, rules, selectors
from meetings.models import Meeting, Observer
from meetings.services.guard import meeting_advance, meeting_for_write
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.submissions import submission_claim

SEOUL = ZoneInfo("Asia/Seoul")


def new_uid() -> str:
    return f"{uuid.uuid4()}@meetings.seongdong.go.kr"


def meeting_create(*, actor, meeting: Meeting, bodies, today: dt.date | None = None) -> Meeting:
    """Create a meeting. Refused when notice is shorter than the body's notice_days and the meeting is
    not marked urgent with a reason. Side effects: one AuditEntry."""
    today = today or timezone.localdate()
    with transaction.atomic():
        meeting.uid = meeting.uid or new_uid()
        body = (
            sorted(bodies, key=lambda b: (b.order, b.pk))[0]
            if meeting.host_body is None
            else meeting.host_body
        )
        _check_notice(meeting, body, today, error_field="urgent")
        meeting.full_clean(exclude=["uid"])
        meeting.save()
        meeting.bodies.set(bodies)
        audit_record(actor=actor, action="create", obj=meeting, after=snapshot(meeting))
    return meeting


def _check_notice(meeting: Meeting, body, today: dt.date, error_field: str | None = None) -> None:
    """The body's notice period (DOMAIN.md §5: 5 days in writing, or the day before when urgent):
    shorter notice needs "urgent" with a reason, and even an urgent notice keeps the body's urgent
    minimum (urgent_notice_days). Meetings already past are not judged."""
    meeting_day = timezone.localtime(meeting.starts_at, SEOUL).date()
    if meeting_day < today:
        return
    if not rules.notice_is_short(notice_date=today, meeting_date=meeting_day, notice_days=body.notice_days):
        return
    if not (meeting.urgent and meeting.urgent_reason):
        message = _("소집 통지 기한(%(n)d일 전)보다 촉박합니다. 긴급 소집으로 표시하고 사유를 적으세요.") % {
            "n": body.notice_days
        }
    elif rules.notice_is_short(
        notice_date=today, meeting_date=meeting_day, notice_days=body.urgent_notice_days
    ):
        message = _("긴급 소집도 회의 %(n)d일 전까지는 통지해야 합니다.") % {"n": body.urgent_notice_days}
    else:
        return
    raise ValidationError({error_field: message} if error_field else message)


def meeting_send_notice(*, actor, meeting: Meeting, today: dt.date | None = None) -> Meeting:
    """planned → notice_sent; e-mails the notice to every member in office of the meeting's bodies and the
    meeting appears in their portals. Notice shorter than the rule body's notice_days is refused unless
    the meeting is marked urgent with a reason (DOMAIN.md §5). Side effects: AuditEntry, one outbox
    message per member in the same transaction; members without an address are recorded as not reachable
    and returned on the meeting as `mail_outcome` (the page tells the secretary their names)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="notice")
        if meeting.status != Meeting.Status.PLANNED:
            raise ValidationError(_("이미 소집 통지를 보냈습니다."))
        _check_notice(meeting, selectors.rule_body(meeting), today)
        meeting = meeting_advance(
            actor=actor, meeting=meeting, action="notice", notice_sent_at=timezone.now()
        )
        # the notice is queued in the outbox in the transaction of the status change: both or neither
        meeting.mail_outcome = notifications.notify_notice(meeting, actor=actor)
    return meeting


def meeting_reschedule(
    *,
    actor,
    meeting: Meeting,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
    calendar: WorkingCalendar | None = None,
) -> Meeting:
    """Move one occurrence without touching the rest of its series: the nominal date (original_date)
    stays, so series_generate never recreates it, and the reason is shown next to the new date. A new
    date that is not a working day is kept but flagged. Members already notified get the change by
    e-mail; the iCalendar SEQUENCE increases. Side effects: AuditEntry, e-mails."""
    calendar = calendar or load_calendar()
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="reschedule")
        if not reason.strip():
            raise ValidationError({"reason": _("변경 사유를 적으세요.")})
        if ends_at <= starts_at:
            raise ValidationError({"ends_at": _("종료는 시작보다 늦어야 합니다.")})
        before = snapshot(meeting)
        if meeting.original_date is None:
            meeting.original_date = timezone.localtime(meeting.starts_at, SEOUL).date()
        new_day = timezone.localtime(starts_at, SEOUL).date()
        off = calendar.non_working_reason(new_day)
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
        meeting.moved_reason = reason.strip()[:100]
        meeting.date_flagged = bool(off)
        meeting.sequence += 1
        meeting.save()
        audit_record(actor=actor, action="reschedule", obj=meeting, before=before, after=snapshot(meeting))
        if meeting.status == Meeting.Status.NOTICE_SENT:
            notifications.notify_rescheduled(meeting, actor=actor)
    return meeting


def meeting_mark_held(*, actor, meeting: Meeting, now: dt.datetime | None = None) -> Meeting:
    """notice_sent → held, once the meeting has started. A meeting whose members were never given notice
    cannot be recorded as held (issue 3 §3: planned → notice sent → held). Side effects: AuditEntry."""
    with transaction.atomic():
        current = Meeting.objects.only("status").get(pk=meeting.pk).status
        if current == Meeting.Status.PLANNED:
            raise ValidationError(
                _("소집 통지를 하지 않은 회의는 개최 완료로 바꿀 수 없습니다. 먼저 소집 통지를 하세요.")
            )
        meeting = meeting_for_write(meeting_id=meeting.pk, action="mark_held", now=now)
        return meeting_advance(actor=actor, meeting=meeting, action="mark_held")


def meeting_mark_no_quorum(*, actor, meeting: Meeting, now: dt.datetime | None = None) -> Meeting:
    """유회: the meeting did not reach its quorum to open, so it holds no vote or election; its minutes
    can still be written and say so. Refused when the attendance recorded shows the quorum met at the
    meeting's start. Side effects: the Meeting's status, AuditEntry."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="mark_no_quorum", now=now)
        # anyone recorded present counts: a meeting that reached its quorum at any moment did sit
        enrolled = selectors.enrolled_memberships(meeting)
        quorum = selectors.quorum_panel(meeting, enrolled, selectors.attendances_of(meeting)).quorum
        if quorum.met:
            raise ValidationError(
                _("출석(%(p)d명)이 개의정족수(%(n)d명)를 충족하여 유회로 처리할 수 없습니다.")
                % {"p": quorum.present, "n": quorum.needed}
            )
        return meeting_advance(actor=actor, meeting=meeting, action="mark_no_quorum")


def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel one meeting (the series keeps its other occurrences). Notified members get an e-mail; the
    iCalendar entry becomes STATUS:CANCELLED. Side effects: AuditEntry, e-mails."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="cancel")
        if not reason.strip():
            raise ValidationError({"reason": _("취소 사유를 적으세요.")})
        was_noticed = meeting.status == Meeting.Status.NOTICE_SENT
        meeting = meeting_advance(
            actor=actor, meeting=meeting, action="cancel", cancelled_reason=reason.strip()
        )
        if was_noticed:
            notifications.notify_cancelled(meeting, actor=actor)
    return meeting


def observer_add(
    *, actor, meeting: Meeting, name: str, affiliation: str = "", submission_key: str | None = None
) -> Observer:
    """배석자: kept apart from members' attendance; listed in the minutes (공공기록물법 시행령 제18조②).
    Side effects: Observer, AuditEntry, the submission key claimed."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=meeting.pk, action="observer_add")
        if not name.strip():
            raise ValidationError({"name": _("성명을 적으세요.")})
        submission_claim(key=submission_key)
        observer = Observer.objects.create(
            meeting=meeting, name=name.strip(), affiliation=affiliation.strip()
        )
        audit_record(actor=actor, action="observer_add", obj=meeting, note=observer.name)
    return observer
