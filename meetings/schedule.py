"""Occurrences of a meeting series on the Korean working-day calendar (pure; no ORM).

The calendar is `committees.workdays.WorkingCalendar` (holidays package, KR, plus staff exceptions).
Table-tested for 2016 and 2026 in tests/meetings/test_schedule.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from committees.workdays import WorkingCalendar

QUARTERLY = "quarterly"
SECOND_FOURTH_FRIDAY = "second_fourth_friday"
MONTHLY_DAY = "monthly_day"
AD_HOC = "ad_hoc"

NEXT_WORKING_DAY = "next"
PREVIOUS_WORKING_DAY = "previous"
KEEP_AND_FLAG = "keep"


def _months(start: dt.date, step: int) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while True:
        yield year, month
        month += step
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _clamp_day(year: int, month: int, day: int) -> dt.date:
    for d in range(day, 27, -1):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return dt.date(year, month, min(day, 28))


def nominal_dates(
    kind: str, start: dt.date, until: dt.date, *, day_of_month: int | None = None
) -> list[dt.date]:
    """The dates the rule names, before the calendar is applied, within [start, until].

    - quarterly: every three months from `start`'s month, on `day_of_month` (default: start's day);
    - second_fourth_friday: the 2nd and 4th Friday of every month (실무협의 회의);
    - monthly_day: every month on `day_of_month` (사업성과 회의: the 10th), clamped to the month's end;
    - ad_hoc: none.
    """
    if kind == AD_HOC or until < start:
        return []
    out: list[dt.date] = []
    if kind == SECOND_FOURTH_FRIDAY:
        for year, month in _months(start, 1):
            if dt.date(year, month, 1) > until:
                break
            out += [_nth_weekday(year, month, 4, 2), _nth_weekday(year, month, 4, 4)]
    elif kind in (QUARTERLY, MONTHLY_DAY):
        step = 3 if kind == QUARTERLY else 1
        day = day_of_month or start.day
        for year, month in _months(start, step):
            if dt.date(year, month, 1) > until:
                break
            out.append(_clamp_day(year, month, day))
    else:
        raise ValueError(f"unknown recurrence {kind!r}")
    return [d for d in out if start <= d <= until]


@dataclass(frozen=True)
class Occurrence:
    index: int  # position in the series, for host rotation
    nominal: dt.date
    date: dt.date
    reason: str  # why the nominal date is not a working day (e.g. "추석"), or ""
    flagged: bool  # kept on a non-working day

    @property
    def moved(self) -> bool:
        return self.date != self.nominal


def apply_calendar(dates: list[dt.date], calendar: WorkingCalendar, policy: str) -> list[Occurrence]:
    """Move each non-working date to the next or previous working day, or keep it and flag it; the
    reason (the holiday's name) stays visible."""
    out = []
    for index, nominal in enumerate(dates):
        reason = calendar.non_working_reason(nominal) or ""
        date, flagged = nominal, False
        if reason:
            if policy == NEXT_WORKING_DAY:
                date = calendar.next_working_day(nominal)
            elif policy == PREVIOUS_WORKING_DAY:
                date = calendar.previous_working_day(nominal)
            elif policy == KEEP_AND_FLAG:
                flagged = True
            else:
                raise ValueError(f"unknown policy {policy!r}")
        out.append(Occurrence(index, nominal, date, reason, flagged))
    return out


def occurrences(
    kind: str,
    start: dt.date,
    until: dt.date,
    calendar: WorkingCalendar,
    policy: str = NEXT_WORKING_DAY,
    *,
    day_of_month: int | None = None,
) -> list[Occurrence]:
    return apply_calendar(nominal_dates(kind, start, until, day_of_month=day_of_month), calendar, policy)


def host_for(index: int, hosts: list) -> object | None:
    """Host rotation as data: the series' ordered hosts, taken in turn (추진단 → 민간협의체 → 추진지원단)."""
    return hosts[index % len(hosts)] if hosts else None
