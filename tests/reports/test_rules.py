import datetime as dt

import pytest

from committees.workdays import WorkingCalendar
from reports import rules
from reports.rules import SEOUL, Status

D = dt.date
CAL = WorkingCalendar()


@pytest.mark.parametrize(
    ("month", "roll_forward", "expected"),
    [
        (D(2026, 1, 1), True, D(2026, 2, 9)),  # 2026-02-07 is a Saturday → Monday
        (D(2026, 1, 1), False, D(2026, 2, 7)),  # configured not to roll
        (D(2027, 1, 1), True, D(2027, 2, 10)),  # 설 Sun 7, 다음날 Mon 8, 대체 휴일 Tue 9 (holidays KR)
        (D(2026, 3, 1), True, D(2026, 4, 7)),  # Tuesday, unchanged
        (D(2026, 4, 1), True, D(2026, 5, 7)),  # Thursday, unchanged
        (D(2026, 9, 1), True, D(2026, 10, 7)),  # Wednesday after 개천절/대체 휴일, unchanged
        (D(2026, 10, 1), True, D(2026, 11, 9)),  # Saturday → Monday
        (D(2026, 12, 1), True, D(2027, 1, 7)),  # year boundary, Thursday
        (D(2026, 5, 1), True, D(2026, 6, 8)),  # 2026-06-07 Sunday → Monday
    ],
)
def test_deadline_for_month(month, roll_forward, expected):
    assert rules.deadline_for(month, CAL, roll_forward=roll_forward) == expected


def test_deadline_respects_staff_closure():
    cal = WorkingCalendar(closures={D(2026, 4, 7): "청사 정전"})
    assert rules.deadline_for(D(2026, 3, 1), cal) == D(2026, 4, 8)


def test_deadline_extra_working_day_stops_roll():
    cal = WorkingCalendar(extra_working={D(2026, 2, 7): "토요 근무"})
    assert rules.deadline_for(D(2026, 1, 1), cal) == D(2026, 2, 7)


@pytest.mark.parametrize(
    ("month", "expected"),
    [(D(2026, 1, 15), D(2026, 2, 1)), (D(2026, 12, 31), D(2027, 1, 1))],
)
def test_next_month(month, expected):
    assert rules.next_month(month) == expected


def test_months_back_spans_year():
    assert rules.months_back(D(2026, 2, 1), 3) == [D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)]


def kst(*args):
    return dt.datetime(*args, tzinfo=SEOUL)


DEADLINE = D(2026, 2, 9)


@pytest.mark.parametrize(
    ("state", "submitted_at", "now", "expected"),
    [
        (None, None, kst(2026, 2, 9, 23, 59, 59), Status.NOT_DUE),
        (None, None, kst(2026, 2, 10, 0, 0, 0), Status.MISSING),
        ("draft", None, kst(2026, 2, 9, 23, 59, 59), Status.DRAFT),
        ("draft", None, kst(2026, 2, 10, 0, 0, 0), Status.MISSING),
        ("submitted", kst(2026, 2, 9, 23, 59, 59), kst(2026, 3, 1), Status.ON_TIME),
        ("submitted", kst(2026, 2, 10, 0, 0, 0), kst(2026, 3, 1), Status.LATE),
        # 15:00 UTC on the 9th is already 00:00 KST on the 10th
        ("submitted", dt.datetime(2026, 2, 9, 15, 0, tzinfo=dt.UTC), kst(2026, 3, 1), Status.LATE),
        ("submitted", dt.datetime(2026, 2, 9, 14, 59, 59, tzinfo=dt.UTC), kst(2026, 3, 1), Status.ON_TIME),
        ("returned", kst(2026, 2, 5), kst(2026, 3, 1), Status.RETURNED),
        ("accepted", kst(2026, 2, 12), kst(2026, 3, 1), Status.ACCEPTED),
    ],
)
def test_report_status(state, submitted_at, now, expected):
    assert rules.report_status(deadline=DEADLINE, now=now, state=state, submitted_at=submitted_at) == expected


def test_report_status_rejects_naive_times():
    with pytest.raises(ValueError):
        rules.report_status(deadline=DEADLINE, now=dt.datetime(2026, 3, 1), state=None, submitted_at=None)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 2, 5), None),
        (D(2026, 2, 6), "due_soon"),
        (D(2026, 2, 9), "due_soon"),
        (D(2026, 2, 10), "overdue"),
    ],
)
def test_reminder_kind(today, expected):
    assert rules.reminder_kind(deadline=DEADLINE, today=today, days_before=3) == expected
