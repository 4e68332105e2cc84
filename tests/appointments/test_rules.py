import datetime as dt

import pytest

from appointments import rules

D = dt.date


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (D(2016, 1, 15), 2, D(2018, 1, 14)),
        (D(2016, 2, 29), 2, D(2018, 2, 28)),  # no 29 Feb in 2018: last day of the month (민법 제160조③)
        (D(2016, 2, 29), 4, D(2020, 2, 28)),
        (D(2016, 3, 1), 2, D(2018, 2, 28)),
        (D(2015, 3, 1), 1, D(2016, 2, 29)),
        (D(2016, 1, 1), 1, D(2016, 12, 31)),
        (D(2015, 12, 1), 2, D(2017, 11, 30)),
    ],
)
def test_term_end_table(start, years, end):
    assert rules.term_end(start, years) == end


def test_term_end_rejects_zero_years():
    with pytest.raises(ValueError):
        rules.term_end(D(2016, 1, 1), 0)


@pytest.mark.parametrize(
    ("start", "years", "predecessor_end", "end"),
    [
        (D(2017, 3, 2), 2, D(2018, 1, 14), D(2018, 1, 14)),  # replacement: rest of the predecessor's term
        (D(2016, 1, 15), 2, None, D(2018, 1, 14)),
    ],
)
def test_expected_end_table(start, years, predecessor_end, end):
    assert rules.expected_end(start, years, predecessor_end) == end


def test_expected_end_predecessor_already_gone():
    with pytest.raises(ValueError):
        rules.expected_end(D(2018, 2, 1), 2, D(2018, 1, 14))


@pytest.mark.parametrize(
    ("previous", "limit", "number", "needs_reason"),
    [(0, 1, 0, False), (1, 1, 1, False), (2, 1, 2, True), (1, 0, 1, True), (3, 3, 3, False)],
)
def test_reappointment_check_table(previous, limit, number, needs_reason):
    check = rules.reappointment_check(previous, limit)
    assert (check.number, check.needs_reason) == (number, needs_reason)


@pytest.mark.parametrize(
    ("periods", "start", "count"),
    [
        ([], D(2018, 1, 15), 0),
        ([(D(2016, 1, 15), D(2018, 1, 14))], D(2018, 1, 15), 1),
        ([(D(2014, 1, 15), D(2016, 1, 14)), (D(2016, 1, 15), D(2018, 1, 14))], D(2018, 1, 15), 2),
        ([(D(2016, 1, 15), D(2018, 1, 10))], D(2018, 1, 15), 0),  # a gap breaks the chain
    ],
)
def test_consecutive_terms_table(periods, start, count):
    assert rules.consecutive_terms(periods, start) == count


@pytest.mark.parametrize(
    ("year", "seq", "text"),
    [
        (2016, 1, "제2016-001호"),
        (2016, 8, "제2016-008호"),
        (2016, 123, "제2016-123호"),
        (2026, 1000, "제2026-1000호"),
    ],
)
def test_certificate_number_table(year, seq, text):
    assert rules.certificate_number(year, seq) == text


def test_certificate_number_starts_at_one():
    with pytest.raises(ValueError):
        rules.certificate_number(2016, 0)


@pytest.mark.parametrize(
    ("day", "dots", "long"),
    [
        (D(2016, 1, 15), "2016. 1. 15.", "2016년 1월 15일"),
        (D(2018, 12, 1), "2018. 12. 1.", "2018년 12월 1일"),
    ],
)
def test_korean_dates_table(day, dots, long):
    assert (rules.date_dots(day), rules.date_long(day)) == (dots, long)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (D(2016, 1, 15), D(2018, 1, 14), "2년"),
        (D(2016, 2, 29), D(2018, 2, 28), "2년"),
        (D(2016, 10, 15), D(2018, 1, 14), "1년 3개월"),
        (D(2017, 10, 15), D(2018, 1, 14), "3개월"),
    ],
)
def test_term_years_label_table(start, end, label):
    assert rules.term_years_label(start, end) == label


@pytest.mark.parametrize(
    ("attended", "held", "below"),
    [(0, 0, False), (2, 4, False), (1, 4, True), (5, 12, True), (6, 12, False), (0, 1, True)],
)
def test_attendance_below_half_table(attended, held, below):
    assert rules.attendance_below_half(attended, held) is below


def test_attendance_rejects_impossible_counts():
    with pytest.raises(ValueError):
        rules.attendance_below_half(5, 4)


@pytest.mark.parametrize(
    ("end", "today", "soon"),
    [
        (D(2018, 1, 14), D(2017, 11, 15), True),
        (D(2018, 1, 14), D(2017, 11, 14), False),
        (D(2018, 1, 14), D(2018, 1, 15), False),
        (None, D(2018, 1, 1), False),
    ],
)
def test_ending_soon_table(end, today, soon):
    assert rules.ending_soon(end, today) is soon


def test_spaced_name():
    assert rules.spaced("정원오") == "정 원 오"


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (D(2017, 1, 15), D(2016, 1, 16)),
        (D(2017, 3, 1), D(2016, 3, 2)),
        (D(2016, 2, 29), D(2015, 3, 1)),  # no 29 Feb in 2015: the window starts after 28 Feb
        (D(2017, 2, 28), D(2016, 2, 29)),
        (D(2017, 1, 1), D(2016, 1, 2)),
    ],
)
def test_attendance_window_start_table(today, start):
    assert rules.attendance_window_start(today) == start
