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
from seongdong_gov.audit import audit_record, snapshot

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


def transition(*, actor, meeting: Meeting, to: str, allowed_from: tuple[str, ...], **fields) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in allowed_from:
            raise ValidationError(
                _("현재 상태(%(s)s)에서는 할 수 없는 작업입니다.") % {"s": meeting.get_status_display()}
            )
        before = snapshot(meeting)
        meeting.status = to
        for k, v in fields.items():
            setattr(meeting, k, v)
        meeting.sequence += 1
        meeting.save()
        audit_record(actor=actor, action=f"status:{to}", obj=meeting, before=before, after=snapshot(meeting))
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
    body = selectors.rule_body(meeting)
    _check_notice(meeting, body, today)
    # the notice is queued in the outbox in the transaction of the status change: both or neither
    with transaction.atomic():
        meeting = transition(
            actor=actor,
            meeting=meeting,
            to=Meeting.Status.NOTICE_SENT,
            allowed_from=("planned",),
            notice_sent_at=timezone.now(),
        )
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
    if not reason.strip():
        raise ValidationError({"reason": _("변경 사유를 적으세요.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("종료는 시작보다 늦어야 합니다.")})
    calendar = calendar or load_calendar()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT):
            raise ValidationError(
                _("현재 상태(%(s)s)에서는 일정을 바꿀 수 없습니다.") % {"s": meeting.get_status_display()}
            )
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


def meeting_mark_held(*, actor, meeting: Meeting) -> Meeting:
    """notice_sent → held. A meeting whose members were never given notice cannot be recorded as held
    (issue 3 §3: planned → notice sent → held). Side effects: AuditEntry."""
    current = Meeting.objects.only("status").get(pk=meeting.pk).status
    if current == Meeting.Status.PLANNED:
        raise ValidationError(
            _("소집 통지를 하지 않은 회의는 개최 완료로 바꿀 수 없습니다. 먼저 소집 통지를 하세요.")
        )
    return transition(actor=actor, meeting=meeting, to=Meeting.Status.HELD, allowed_from=("notice_sent",))


def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel one meeting (the series keeps its other occurrences). Notified members get an e-mail; the
    iCalendar entry becomes STATUS:CANCELLED. Side effects: AuditEntry, e-mails."""
    if not reason.strip():
        raise ValidationError({"reason": _("취소 사유를 적으세요.")})
    with transaction.atomic():
        # read under the lock, not from the caller's instance, which may predate the notice
        was_noticed = (
            Meeting.objects.select_for_update().values_list("status", flat=True).get(pk=meeting.pk)
            == Meeting.Status.NOTICE_SENT
        )
        meeting = transition(
            actor=actor,
            meeting=meeting,
            to=Meeting.Status.CANCELLED,
            allowed_from=("planned", "notice_sent"),
            cancelled_reason=reason.strip(),
        )
        if was_noticed:
            notifications.notify_cancelled(meeting, actor=actor)
    return meeting


def observer_add(*, actor, meeting: Meeting, name: str, affiliation: str = "") -> Observer:
    """배석자: kept apart from members' attendance; listed in the minutes (공공기록물법 시행령 제18조②)."""
    if not name.strip():
        raise ValidationError({"name": _("성명을 적으세요.")})
    with transaction.atomic():
        observer = Observer.objects.create(
            meeting=meeting, name=name.strip(), affiliation=affiliation.strip()
        )
        audit_record(actor=actor, action="observer_add", obj=meeting, note=observer.name)
    return observer
