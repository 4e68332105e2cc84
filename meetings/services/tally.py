"""The attendance tally (meetings.models.tally): a snapshot of the appointed members below half over a
12-month window, so that the staff and admin home read a handful of rows instead of aggregating every
attendance line of the window on each view (issue 14 §2).

When it is rebuilt: on the first read of a new window (once a day), after a write that can change it
(attendance, a meeting's state: both mark it stale inside their own transaction), and at the latest
TALLY_MAX_AGE after the last build, which bounds how stale the few paths that do not mark it (the Django
admin, a seat group's kind changed) can leave it. A rebuild costs what every view cost before."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from committees.models import SeatGroup
from meetings.models import Attendance, AttendanceTally, AttendanceTallyStamp, Meeting, MeetingKind

TALLY_MAX_AGE = dt.timedelta(minutes=10)
STAMP_PK = 1

Counts = dict[tuple[int, int], tuple[int, int]]  # (person_id, body_id) -> (attended, held)


def attendance_tally_invalidate() -> None:
    """Mark the tally stale; the caller's transaction makes it so exactly when its write commits.
    One UPDATE of one row (none when the tally was never built)."""
    AttendanceTallyStamp.objects.filter(pk=STAMP_PK, valid=True).update(valid=False)


def _fresh(stamp: AttendanceTallyStamp | None, since: dt.date, today: dt.date, now: dt.datetime) -> bool:
    return (
        stamp is not None
        and stamp.valid
        and (stamp.window_start, stamp.window_end) == (since, today)
        and now - stamp.computed_at < TALLY_MAX_AGE
    )


def attendance_tally(*, since: dt.date, today: dt.date) -> Counts:
    """The (attended, held) of every person and body whose appointed members' attendance lines of held
    meetings (위촉식 excluded) from `since` to `today` (Seoul days) are attended fewer than half,
    rebuilt first when stale. Two queries when fresh (the stamp, the rows), whatever the data.
    Side effects: rebuilds AttendanceTally (derived data, no AuditEntry) when stale."""
    now = timezone.now()
    stamp = AttendanceTallyStamp.objects.filter(pk=STAMP_PK).first()
    if not _fresh(stamp, since, today, now):
        return _rebuild(since=since, today=today, now=now)
    return {(t.person_id, t.body_id): (t.attended, t.held) for t in AttendanceTally.objects.all()}


def _stamp_locked(since: dt.date, today: dt.date, now: dt.datetime) -> AttendanceTallyStamp:
    defaults = {"window_start": since, "window_end": today, "computed_at": now, "valid": False}
    try:
        with transaction.atomic():
            AttendanceTallyStamp.objects.get_or_create(pk=STAMP_PK, defaults=defaults)
    except IntegrityError:  # another request created it first
        pass
    return AttendanceTallyStamp.objects.select_for_update().get(pk=STAMP_PK)


def _rebuild(*, since: dt.date, today: dt.date, now: dt.datetime) -> Counts:
    with transaction.atomic():
        # the stamp's row lock: concurrent rebuilds wait for the first, then find it fresh
        stamp = _stamp_locked(since, today, now)
        if _fresh(stamp, since, today, timezone.now()):
            return {(t.person_id, t.body_id): (t.attended, t.held) for t in AttendanceTally.objects.all()}
        counts = _aggregate(since, today)
        AttendanceTally.objects.all().delete()
        AttendanceTally.objects.bulk_create(
            AttendanceTally(person_id=p, body_id=b, attended=a, held=h) for (p, b), (a, h) in counts.items()
        )
        stamp.window_start, stamp.window_end, stamp.computed_at, stamp.valid = since, today, now, True
        stamp.save()
    return counts


def _local_midnight(day: dt.date) -> dt.datetime:
    """00:00 of `day` in the project's time zone (Asia/Seoul), as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _aggregate(since: dt.date, today: dt.date) -> Counts:
    """Two queries: (1) the held meetings of the window, a range of aware datetimes from Seoul midnight
    to Seoul midnight on the indexed Meeting.starts_at (a filter on starts_at's Seoul date could not use
    the index); (2) their attendance lines, through the attendance meeting index, aggregated per person
    and body and narrowed in SQL to those below half."""
    meeting_ids = sorted(
        Meeting.objects.filter(
            status__in=Meeting.SAT,
            starts_at__gte=_local_midnight(since),
            starts_at__lt=_local_midnight(today + dt.timedelta(days=1)),
        )
        .exclude(kind=MeetingKind.CEREMONY)
        .order_by()
        .values_list("pk", flat=True)
    )
    if not meeting_ids:
        return {}
    # One attendance line per member and meeting (terms of a person on a body never overlap), so
    # counting lines counts meetings.
    rows = (
        Attendance.objects.filter(
            meeting_id__in=meeting_ids,
            membership__seat__group__kind=SeatGroup.Kind.APPOINTED,
        )
        .values("membership__person_id", "membership__body_id")
        .annotate(held=Count("id"), attended=Count("id", filter=Q(status=Attendance.Status.PRESENT)))
        .filter(held__gt=F("attended") * 2)
        .order_by()
    )
    return {(r["membership__person_id"], r["membership__body_id"]): (r["attended"], r["held"]) for r in rows}
