"""Fuzzing the pure rules (Hypothesis): for any counts and any dates within the project's ranges
(seongdong_gov.bounds), each rules function answers or raises only the error its docstring documents.

The table tests in each app pin the legal values; these look for the inputs nobody thought of.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from appointments import rules as appointment_rules
from committees import rules as committee_rules
from meetings import rules as meeting_rules
from reports import rules as report_rules
from seongdong_gov import bounds
from seongdong_gov import rules as project_rules

# few examples per property (the suite runs on a small shared machine), no example database in the
# worktree; set per test rather than as a global profile, so other modules' settings stay their own
FUZZ = hsettings(max_examples=60, deadline=None, database=None)

dates = st.dates(min_value=bounds.DATE_MIN, max_value=bounds.DATE_MAX)
counts = st.integers(min_value=0, max_value=500)
any_ints = st.integers(min_value=-1000, max_value=1000)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2100, 12, 30), timezones=st.just(dt.UTC)
)
periods = st.lists(st.tuples(dates, st.none() | dates), max_size=8).map(
    lambda ps: [(s, e) for s, e in ps if e is None or e >= s]
)
QUORUM_RULES = [meeting_rules.QUORUM_ENROLLED_MAJORITY, meeting_rules.QUORUM_NONE]
DECISION_RULES = [
    meeting_rules.PRESENT_MAJORITY,
    meeting_rules.TWO_THIRDS_PRESENT,
    meeting_rules.ENROLLED_MAJORITY,
]
TIE_RULES = [meeting_rules.TIE_REJECT, meeting_rules.TIE_CHAIR_DECIDES]


# --- committees ---------------------------------------------------------------------------------------


@FUZZ
@given(any_ints)
def test_majority_of_is_more_than_half_or_refuses_negatives(n):
    if n < 0:
        with pytest.raises(ValueError):
            committee_rules.majority_of(n)
        return
    assert n / 2 < committee_rules.majority_of(n) <= n + 1
    assert committee_rules.quorum_to_open(n) == committee_rules.majority_of(n)


@FUZZ
@given(counts, st.integers(-3, 10), st.integers(-3, 10))
def test_convening_threshold_is_the_rounded_up_fraction(enrolled, numerator, denominator):
    if denominator <= 0 or numerator <= 0 or numerator > denominator:
        with pytest.raises(ValueError):
            committee_rules.convening_threshold(enrolled, numerator, denominator)
        return
    needed = committee_rules.convening_threshold(enrolled, numerator, denominator)
    assert needed >= 1 and needed * denominator >= enrolled * numerator
    assert meeting_rules.convening_satisfied(
        needed, enrolled=enrolled, numerator=numerator, denominator=denominator
    )


@FUZZ
@given(st.dictionaries(st.sampled_from(["female", "male", "other"]), counts), counts)
def test_gender_balance_never_fails(by_gender, seats):
    check = committee_rules.gender_balance(by_gender, seats)
    assert check.limit == committee_rules.max_per_gender(seats) <= seats
    assert check.ok == all(v <= check.limit for v in by_gender.values())


@FUZZ
@given(dates, st.none() | dates, dates, st.none() | dates)
def test_periods_overlap_is_symmetric(a_start, a_end, b_start, b_end):
    assert committee_rules.periods_overlap(a_start, a_end, b_start, b_end) == committee_rules.periods_overlap(
        b_start, b_end, a_start, a_end
    )


@FUZZ
@given(periods, dates, st.none() | dates)
def test_peak_active_is_bounded_by_the_periods(ps, start, end):
    peak = committee_rules.peak_active(ps, start, end)
    assert 0 <= peak <= len(ps)
    assert committee_rules.day_before(start) < start
    assert meeting_rules.enrolled_at(ps, start) <= len(ps)


# --- meetings -----------------------------------------------------------------------------------------


@FUZZ
@given(
    yes=st.integers(-2, 40),
    no=st.integers(-2, 40),
    abstain=st.integers(-2, 40),
    enrolled=counts,
    present=st.integers(0, 60),
    voting=st.integers(0, 60),
    quorum_rule=st.sampled_from(QUORUM_RULES),
    decision_rule=st.sampled_from(DECISION_RULES),
    tie_rule=st.sampled_from(TIE_RULES),
    chair_casting=st.none() | st.booleans(),
)
def test_vote_outcome_answers_or_refuses_with_a_vote_error(**kwargs):
    try:
        outcome = meeting_rules.vote_outcome(**kwargs)
    except meeting_rules.VoteError as exc:
        assert str(exc)  # the Korean message shown to the secretary
        return
    assert outcome.passed in (True, False) and outcome.label
    assert outcome.required >= 1


@FUZZ
@given(st.dictionaries(st.integers(1, 50), st.integers(-2, 30), max_size=6), st.integers(0, 60))
def test_election_winner_has_a_majority_or_is_refused(by_candidate, voting):
    try:
        winner = meeting_rules.election_winner(by_candidate, voting=voting)
    except meeting_rules.VoteError:
        return
    assert by_candidate[winner] >= committee_rules.majority_of(voting)


@FUZZ
@given(
    yes=st.integers(-2, 40),
    no=st.integers(-2, 40),
    abstain=st.integers(-2, 40),
    enrolled=counts,
    eligible=counts,
    decision_rule=st.sampled_from(DECISION_RULES),
)
def test_written_outcome_answers_or_refuses_with_a_vote_error(**kwargs):
    try:
        outcome = meeting_rules.written_outcome(**kwargs)
    except meeting_rules.VoteError:
        return
    assert outcome.required >= 1


@FUZZ
@given(counts, st.sampled_from([*QUORUM_RULES, "unknown"]))
def test_quorum_needed_refuses_only_unknown_rules(enrolled, rule):
    if rule == "unknown":
        with pytest.raises(ValueError):
            meeting_rules.quorum_needed(enrolled, rule)
    else:
        assert 0 <= meeting_rules.quorum_needed(enrolled, rule) <= enrolled + 1


@FUZZ
@given(dates, dates, st.integers(0, 60))
def test_notice_is_short_never_fails(notice, meeting, days):
    assert meeting_rules.notice_is_short(notice_date=notice, meeting_date=meeting, notice_days=days) in (
        True,
        False,
    )


# --- appointments -------------------------------------------------------------------------------------


@FUZZ
@given(dates, st.integers(1, 10))
def test_term_end_is_a_full_term_later(start, years):
    end = appointment_rules.term_end(start, years)
    assert start < end
    assert appointment_rules.term_years_label(start, end) == f"{years}년"
    assert appointment_rules.expected_end(start, years) == end
    assert appointment_rules.ending_soon(end, start, days=366 * years) in (True, False)


@FUZZ
@given(dates, st.integers(-5, 0))
def test_term_end_refuses_less_than_a_year(start, years):
    with pytest.raises(ValueError):
        appointment_rules.term_end(start, years)


@FUZZ
@given(st.integers(-5, 10), st.integers(-5, 10))
def test_reappointment_check_refuses_only_negative_counts(previous, limit):
    if previous < 0 or limit < 0:
        with pytest.raises(ValueError):
            appointment_rules.reappointment_check(previous, limit)
    else:
        assert appointment_rules.reappointment_check(previous, limit).needs_reason == (previous > limit)


@FUZZ
@given(st.integers(-5, 500), st.integers(-5, 500))
def test_attendance_below_half_refuses_only_impossible_counts(attended, held):
    if attended < 0 or held < 0 or attended > held:
        with pytest.raises(ValueError):
            appointment_rules.attendance_below_half(attended, held)
    else:
        assert appointment_rules.attendance_below_half(attended, held) == (attended * 2 < held)


@FUZZ
@given(dates, st.integers(1, 9999), st.lists(st.tuples(dates, dates), max_size=6))
def test_certificate_and_window_helpers_never_fail(day, sequence, terms):
    assert appointment_rules.certificate_number(day.year, sequence).startswith(f"제{day.year}-")
    assert appointment_rules.attendance_window_start(day) <= day
    assert appointment_rules.date_long(day) and project_rules.date_dots(day)
    assert appointment_rules.consecutive_terms(terms, day) <= len(terms)


# --- reports ------------------------------------------------------------------------------------------


@FUZZ
@given(dates, st.integers(1, 36))
def test_month_arithmetic_round_trips(day, count):
    month = report_rules.month_start(day)
    assert report_rules.previous_month(report_rules.next_month(month)) == month
    back = report_rules.months_back(month, count)
    assert len(back) == count and back[-1] == month
    assert report_rules.nominal_deadline(month) > month


@FUZZ
@given(
    deadline=dates,
    now=moments,
    state=st.sampled_from([None, "draft", "submitted", "returned", "accepted"]),
    submitted_at=st.none() | moments,
)
def test_report_status_refuses_only_a_submission_without_time(deadline, now, state, submitted_at):
    if state == "submitted" and submitted_at is None:
        with pytest.raises(ValueError):
            report_rules.report_status(deadline=deadline, now=now, state=state, submitted_at=submitted_at)
        return
    status = report_rules.report_status(deadline=deadline, now=now, state=state, submitted_at=submitted_at)
    assert status in set(report_rules.Status)


@FUZZ
@given(dates, dates, st.integers(0, 31))
def test_reminder_kind_never_fails(deadline, today, days_before):
    assert report_rules.reminder_kind(deadline=deadline, today=today, days_before=days_before) in (
        None,
        "due_soon",
        "overdue",
    )


# --- seongdong_gov ------------------------------------------------------------------------------------


@FUZZ
@given(st.lists(st.integers(0, 10_000), max_size=30), moments, st.integers(1, 30), st.integers(1, 120))
def test_lockout_until_is_within_a_window(seconds_ago, now, limit, minutes):
    # failures are in the past: the rule is only ever asked about attempts already made
    failures = [now - dt.timedelta(seconds=s) for s in seconds_ago]
    window = dt.timedelta(minutes=minutes)
    until = project_rules.lockout_until(failures, now=now, limit=limit, window=window)
    assert until is None or now < until <= now + window
