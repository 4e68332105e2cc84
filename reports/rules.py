"""The arithmetic of monthly performance reports: deadlines and statuses (pure, no ORM).

Plan (DOMAIN.md §3): each unit submits the previous month's results by field to 자치행정과 by the 7th;
the 사업성과 회의 on the 10th reviews them.

Deadline: the 7th of the month after the reported month. When that day is a Saturday, Sunday or public
holiday the period ends on the next working day (민법 제161조, applied to administrative periods by
행정기본법 제6조); `roll_forward=False` keeps the 7th as it is (a field or the whole office may choose
so). A submission is on time when it arrives on the deadline day by 23:59:59 in Asia/Seoul; from
00:00:00 KST of the following day it is late.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from zoneinfo import ZoneInfo

from reports.enums import ReminderKind, ReportState

SEOUL = ZoneInfo("Asia/Seoul")
DEADLINE_DAY = 7


class Status(StrEnum):
    NOT_DUE = "not_due"  # nothing submitted yet and the deadline has not passed
    DRAFT = "draft"  # a draft is saved and the deadline has not passed
    ON_TIME = "on_time"  # submitted by the deadline, awaiting review
    LATE = "late"  # submitted after the deadline, awaiting review
    MISSING = "missing"  # deadline passed with nothing submitted (a draft does not count)
    RETURNED = "returned"  # returned by 자치행정과 for correction
    ACCEPTED = "accepted"  # accepted by 자치행정과


OVERDUE = frozenset({Status.MISSING})


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    month = month_start(month)
    return (
        month.replace(year=month.year + 1, month=1)
        if month.month == 12
        else month.replace(month=month.month + 1)
    )


def previous_month(month: dt.date) -> dt.date:
    month = month_start(month)
    return (
        month.replace(year=month.year - 1, month=12)
        if month.month == 1
        else month.replace(month=month.month - 1)
    )


def months_back(month: dt.date, count: int) -> list[dt.date]:
    """`count` months ending with `month`, oldest first."""
    out = [month_start(month)]
    while len(out) < count:
        out.insert(0, previous_month(out[0]))
    return out


def nominal_deadline(month: dt.date) -> dt.date:
    """The 7th of the month after the reported month, before any working-day adjustment."""
    return next_month(month).replace(day=DEADLINE_DAY)


def deadline_for(month: dt.date, calendar, *, roll_forward: bool = True) -> dt.date:
    """The submission deadline for `month`, adjusted by `calendar` (a WorkingCalendar) when
    `roll_forward` (민법 제161조)."""
    return calendar.deadline(nominal_deadline(month), roll_forward=roll_forward)


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day of an aware datetime in Asia/Seoul."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: submission times must be timezone-aware")
    return moment.astimezone(SEOUL).date()


def is_on_time(submitted_at: dt.datetime, deadline: dt.date) -> bool:
    """On time up to 23:59:59.999999 KST of the deadline day."""
    return local_date(submitted_at) <= deadline


def report_status(
    *,
    deadline: dt.date,
    now: dt.datetime,
    state: str | None,
    submitted_at: dt.datetime | None,
) -> Status:
    """The status shown for one unit × field × month.

    `state` is the stored workflow state of the report ("draft", "submitted", "returned", "accepted")
    or None when no report exists; `submitted_at` the (first) submission time.
    """
    if state == ReportState.ACCEPTED:
        return Status.ACCEPTED
    if state == ReportState.RETURNED:
        return Status.RETURNED
    if state == ReportState.SUBMITTED:
        if submitted_at is None:
            raise ValueError("a submitted report needs its submission time")
        return Status.ON_TIME if is_on_time(submitted_at, deadline) else Status.LATE
    if local_date(now) > deadline:
        return Status.MISSING
    return Status.DRAFT if state == ReportState.DRAFT else Status.NOT_DUE


def reminder_kind(*, deadline: dt.date, today: dt.date, days_before: int) -> str | None:
    """Which reminder an unsubmitted report calls for today: "due_soon" from `days_before` days
    before the deadline up to the deadline day, "overdue" after it, otherwise None."""
    if today > deadline:
        return ReminderKind.OVERDUE
    if (deadline - today).days <= days_before:
        return ReminderKind.DUE_SOON
    return None
