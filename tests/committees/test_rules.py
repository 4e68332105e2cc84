import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from committees import rules
from committees.models import Body
from committees.workdays import WorkingCalendar

D = dt.date


@pytest.mark.parametrize(
    ("n", "expected"), [(0, 1), (1, 1), (2, 2), (3, 2), (7, 4), (8, 5), (14, 8), (15, 8), (16, 9)]
)
def test_majority_of_is_strictly_more_than_half(n, expected):
    assert rules.majority_of(n) == expected


@pytest.mark.parametrize(("enrolled", "expected"), [(15, 8), (14, 8), (13, 7), (8, 5), (3, 2)])
def test_quorum_to_open(enrolled, expected):
    assert rules.quorum_to_open(enrolled) == expected


@pytest.mark.parametrize(
    ("enrolled", "num", "den", "expected"),
    [
        (15, 1, 3, 5),
        (14, 1, 3, 5),
        (13, 1, 3, 5),
        (12, 1, 3, 4),
        (3, 1, 3, 1),
        (1, 1, 3, 1),
        (10, 1, 4, 3),
        (8, 1, 2, 4),
    ],
)
def test_convening_threshold_rounds_up(enrolled, num, den, expected):
    assert rules.convening_threshold(enrolled, num, den) == expected


@pytest.mark.parametrize(("num", "den"), [(0, 3), (4, 3), (1, 0)])
def test_convening_threshold_rejects_bad_fraction(num, den):
    with pytest.raises(ValueError):
        rules.convening_threshold(15, num, den)


@pytest.mark.parametrize(("seats", "limit"), [(8, 4), (3, 1), (10, 6), (5, 3), (1, 0), (15, 9), (0, 0)])
def test_max_per_gender_is_six_tenths_rounded_down(seats, limit):
    assert rules.max_per_gender(seats) == limit


@pytest.mark.parametrize(
    ("counts", "seats", "ok", "gender"),
    [
        ({"F": 4, "M": 4}, 8, True, None),
        ({"F": 5, "M": 3}, 8, False, "F"),
        ({"M": 5}, 8, False, "M"),
        ({"F": 1, "M": 1}, 3, True, None),
        ({"F": 2, "M": 1}, 3, False, "F"),
        ({}, 8, True, None),
    ],
)
def test_gender_balance(counts, seats, ok, gender):
    result = rules.gender_balance(counts, seats)
    assert (result.ok, result.gender) == (ok, gender)


@pytest.mark.parametrize(("held", "cap", "over"), [(3, 3, False), (4, 3, True), (1, 1, False), (2, 1, True)])
def test_over_membership_cap(held, cap, over):
    assert rules.over_membership_cap(held, cap) is over


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((D(2016, 1, 1), D(2016, 12, 31)), (D(2017, 1, 1), None), False),
        ((D(2016, 1, 1), D(2016, 12, 31)), (D(2016, 12, 31), None), True),
        ((D(2016, 1, 1), None), (D(2030, 1, 1), D(2030, 2, 1)), True),
        ((D(2016, 3, 1), D(2016, 3, 1)), (D(2016, 1, 1), D(2016, 2, 29)), False),
    ],
)
def test_periods_overlap_inclusive(a, b, overlap):
    assert rules.periods_overlap(*a, *b) is overlap
    assert rules.periods_overlap(*b, *a) is overlap


@pytest.mark.parametrize(
    ("day", "reason_contains"),
    [
        (D(2016, 2, 10), "대체"),  # 설날 substitute holiday
        (D(2026, 9, 25), "추석"),
        (D(2026, 10, 9), "한글날"),
        (D(2026, 12, 25), "기독탄신일"),
        (D(2026, 2, 7), "토요일"),
        (D(2026, 2, 8), "일요일"),
    ],
)
def test_calendar_non_working_days(day, reason_contains):
    reason = WorkingCalendar().non_working_reason(day)
    assert reason is not None and reason_contains in reason


@pytest.mark.parametrize("day", [D(2016, 1, 15), D(2026, 11, 25), D(2026, 9, 23)])
def test_calendar_working_days(day):
    assert WorkingCalendar().is_working_day(day)


def test_calendar_staff_exceptions_override_statutory_days():
    cal = WorkingCalendar(
        closures={D(2026, 11, 26): "구청 휴무"}, extra_working={D(2026, 11, 28): "토요 근무"}
    )
    assert cal.non_working_reason(D(2026, 11, 26)) == "구청 휴무"
    assert cal.is_working_day(D(2026, 11, 28))
    assert cal.next_working_day(D(2026, 11, 26)) == D(2026, 11, 27)


@pytest.mark.parametrize(
    ("day", "forward", "expected"),
    [
        (D(2026, 2, 7), True, D(2026, 2, 9)),  # Saturday → Monday (민법 제161조)
        (D(2026, 2, 7), False, D(2026, 2, 7)),
        (D(2026, 9, 24), True, D(2026, 9, 28)),  # 추석 연휴 24–26 → Monday
        (D(2026, 3, 6), True, D(2026, 3, 6)),
    ],
)
def test_calendar_deadline_rolls_forward(day, forward, expected):
    assert WorkingCalendar().deadline(day, roll_forward=forward) == expected


def test_calendar_previous_working_day():
    assert WorkingCalendar().previous_working_day(D(2026, 10, 9)) == D(2026, 10, 8)


@pytest.mark.parametrize(
    ("periods", "start", "end", "peak"),
    [
        ([], D(2016, 1, 15), D(2018, 1, 14), 0),
        ([(D(2016, 1, 15), D(2018, 1, 14))] * 3, D(2016, 1, 15), D(2018, 1, 14), 3),
        # predecessor and successor in one seat: one at a time
        (
            [(D(2016, 1, 15), D(2016, 12, 31)), (D(2017, 1, 1), D(2018, 1, 14))],
            D(2016, 1, 15),
            D(2018, 1, 14),
            1,
        ),
        # they overlap by one day: two at once on that day
        (
            [(D(2016, 1, 15), D(2017, 1, 1)), (D(2017, 1, 1), D(2018, 1, 14))],
            D(2016, 1, 15),
            D(2018, 1, 14),
            2,
        ),
        # a period outside the window does not count; an open-ended one does
        ([(D(2014, 1, 1), D(2015, 12, 31)), (D(2015, 6, 1), None)], D(2016, 1, 15), D(2018, 1, 14), 1),
        # a period that starts before the window and one inside it meet inside it
        ([(D(2015, 1, 1), D(2016, 6, 30)), (D(2016, 6, 1), D(2016, 8, 1))], D(2016, 1, 15), None, 2),
    ],
)
def test_peak_active_counts_those_in_office_together(periods, start, end, peak):
    assert rules.peak_active(periods, start, end) == peak


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, 1), (1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2), (7, 3), (14, 5), (15, 5), (16, 6)],
)
def test_one_third_of_rounds_up_and_is_at_least_one(n, expected):
    assert rules.one_third_of(n) == expected


def test_one_third_of_refuses_negative():
    with pytest.raises(ValueError):
        rules.one_third_of(-1)


OPEN = (D(2024, 1, 1), None)


def _periods(**by_gender):
    return {g: [OPEN] * n for g, n in by_gender.items()}


@pytest.mark.parametrize(
    ("counts", "in_office", "gender", "excess"),
    [
        ({}, 0, None, 0),
        ({"F": 0, "M": 0}, 0, None, 0),
        ({"F": 1}, 1, "F", 1),  # one member: 1/1 > 6/10 (only an exception can balance it)
        ({"F": 1, "M": 1}, 2, None, 0),
        ({"F": 2}, 2, "F", 1),
        ({"F": 2, "M": 1}, 3, "F", 1),  # 2/3 > 6/10
        ({"F": 3, "M": 2}, 5, None, 0),  # 3/5 = 6/10 exactly: not over
        ({"F": 4, "M": 1}, 5, "F", 1),
        ({"F": 6, "M": 4}, 10, None, 0),
        ({"F": 7, "M": 3}, 10, "F", 1),
        ({"M": 8, "F": 2}, 10, "M", 2),
        ({"F": 9, "M": 6}, 15, None, 0),  # 9/15 = 6/10
        ({"F": 10, "M": 5}, 15, "F", 1),
        ({"F": 15}, 15, "F", 6),
    ],
)
def test_gender_balance_on_counts_members_in_office(counts, in_office, gender, excess):
    check = rules.gender_balance_on(_periods(**counts), D(2026, 3, 1))
    assert (check.in_office, check.gender, check.excess, check.over) == (
        in_office,
        gender,
        excess,
        gender is not None,
    )
    assert check.needs_attention is check.over
    assert check.exception_recorded is False


def test_gender_balance_on_a_resignation_not_seats_decides():
    # 10 appointed seats, 6 women and 4 men; a man resigns on 2026-02-28: 6 of 9 women (> 6/10).
    periods = {"F": [OPEN] * 6, "M": [OPEN] * 3 + [(D(2024, 1, 1), D(2026, 2, 28))]}
    assert rules.gender_balance_on(periods, D(2026, 2, 28)).over is False
    after = rules.gender_balance_on(periods, D(2026, 3, 1))
    assert (after.in_office, after.gender, after.excess) == (9, "F", 1)
    assert rules.gender_balance_first_breach(periods, D(2026, 1, 1), None) == D(2026, 3, 1)
    # fixed by a successor from 2026-03-10: the breach lasts nine days, and is found from that start on
    periods["M"].append((D(2026, 3, 10), None))
    assert rules.gender_balance_on(periods, D(2026, 3, 10)).over is False
    assert rules.gender_balance_first_breach(periods, D(2026, 1, 1), D(2026, 2, 28)) is None
    assert rules.gender_balance_first_breach(periods, D(2026, 3, 5), None) == D(2026, 3, 5)
    assert rules.gender_balance_first_breach(periods, D(2026, 3, 10), None) is None


@pytest.mark.parametrize(
    ("reason", "recorded"), [("", False), ("   ", False), ("분야 전문가 부족(공모 2회)", True)]
)
def test_gender_balance_on_an_exception_reason_ends_the_alert(reason, recorded):
    check = rules.gender_balance_on(_periods(F=7, M=3), D(2026, 3, 1), exception_reason=reason)
    assert check.over is True
    assert check.exception_recorded is recorded
    assert check.needs_attention is not recorded


@given(f=st.integers(min_value=0, max_value=60), m=st.integers(min_value=0, max_value=60))
def test_gender_balance_on_is_over_exactly_above_six_tenths(f, m):
    check = rules.gender_balance_on(_periods(F=f, M=m), D(2026, 3, 1))
    total = f + m
    assert check.over is (f * 10 > total * 6 or m * 10 > total * 6)
    if check.over:
        # replacing `excess` members of that gender by the other gender brings it to the ceiling
        top = check.counts[check.gender]
        assert top - check.excess == int(total * rules.GENDER_MAX_SHARE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", ["quorum_rule", "deciding_attendance_rule", "casting_vote_rule", "written_rule"]
)
def test_body_rule_values_are_constrained_in_the_database(field):
    Body.objects.create(name="기본값 기구", kind=Body.Kind.OTHER)  # the defaults pass the constraints
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(name="잘못된 기구", kind=Body.Kind.OTHER, **{field: "bogus"})
