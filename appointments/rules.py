"""Term arithmetic and certificate formatting for appointed members (pure Python, no ORM).

Sources (DOMAIN.md §4–§5): a term runs for the body's number of years (2 by default) and ends the day
before the anniversary of its start; when the anniversary does not exist (29 February in a common
year) the term ends on the last day of that month (민법 제160조③). A replacement (보궐위원) serves the rest
of the predecessor's term. One reappointment (한 차례 연임) is common; more needs a recorded reason.
Seoul allows dismissal (해촉) when a member's yearly attendance is below 50 %. Dates are written
`2016. 1. 15.` (행정업무규정 제7조⑤); certificates carry `2016년 1월 15일` and a number `제2016-001호`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from seongdong_gov.rules import date_dots  # also re-exported: the app calls rules.date_dots

ALERT_DAYS = 60


def term_end(start: dt.date, years: int) -> dt.date:
    """Last day (inclusive) of a term of `years` starting on `start` (민법 제160조③)."""
    if years < 1:
        raise ValueError("years must be at least 1")
    year = start.year + years
    last_day = calendar.monthrange(year, start.month)[1]
    if start.day > last_day:  # no corresponding day (29 Feb → common year): last day of the month
        return dt.date(year, start.month, last_day)
    return dt.date(year, start.month, start.day) - dt.timedelta(days=1)


def replacement_end(predecessor_end: dt.date) -> dt.date:
    """A replacement serves only the rest of the predecessor's term."""
    return predecessor_end


def expected_end(start: dt.date, years: int, predecessor_end: dt.date | None = None) -> dt.date:
    """The end an appointment must have: the predecessor's for a replacement, else a full term."""
    if predecessor_end is not None:
        if predecessor_end < start:
            raise ValueError("the predecessor's term ended before the replacement starts")
        return replacement_end(predecessor_end)
    return term_end(start, years)


def term_years_label(start: dt.date, end: dt.date) -> str:
    """`2년` for a full term; a shorter one (replacement) in years and months, e.g. `1년 3개월`."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    if after.day < start.day:
        months -= 1
    years, rest = divmod(months, 12)
    if rest == 0 and years:
        return f"{years}년"
    if years == 0:
        return f"{rest}개월"
    return f"{years}년 {rest}개월"


def period_label(start: dt.date, end: dt.date | None) -> str:
    """The term as the register prints it: "2016. 1. 15. ~ 2018. 1. 14. (2년)", or "2016. 1. 15. ~" while
    open-ended."""
    if end is None:
        return f"{date_dots(start)} ~"
    # the length in its own parentheses (appendix 1): "~ 2018. 1. 14. 2년" read as "14. 2년"
    return f"{date_dots(start)} ~ {date_dots(end)} ({term_years_label(start, end)})"


@dataclass(frozen=True)
class ReappointmentCheck:
    number: int  # this is the n-th reappointment (0: a first appointment)
    limit: int
    needs_reason: bool


def reappointment_check(previous_consecutive_terms: int, limit: int) -> ReappointmentCheck:
    """Count a reappointment against the body's limit (default one: 한 차례 연임).

    `previous_consecutive_terms` is the number of terms the person served on the body back to back
    right before this one. Exceeding the limit is allowed only with a recorded reason.
    """
    if previous_consecutive_terms < 0 or limit < 0:
        raise ValueError("counts cannot be negative")
    return ReappointmentCheck(
        number=previous_consecutive_terms,
        limit=limit,
        needs_reason=previous_consecutive_terms > limit,
    )


def consecutive_terms(periods: list[tuple[dt.date, dt.date]], start: dt.date) -> int:
    """How many earlier periods chain back to back (end + 1 day = next start) ending right before `start`."""
    by_end = {end: s for s, end in periods}
    count = 0
    day = start - dt.timedelta(days=1)
    while day in by_end:
        count += 1
        day = by_end[day] - dt.timedelta(days=1)
    return count


def certificate_number(year: int, sequence: int) -> str:
    """Register number as printed: 제2016-001호 (three digits, more when the year needs them)."""
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    return f"제{year}-{sequence:03d}호"


def date_long(day: dt.date) -> str:
    """`2016년 1월 15일`, the issue date on a certificate."""
    return f"{day.year}년 {day.month}월 {day.day}일"


def spaced(text: str) -> str:
    """Names and titles on a certificate are letter-spaced: 정원오 → 정 원 오."""
    return " ".join(text.replace(" ", ""))


def attendance_below_half(attended: int, held: int) -> bool:
    """Seoul's dismissal ground: attendance below 50 % of the meetings held (none held → False)."""
    if attended < 0 or held < 0 or attended > held:
        raise ValueError("0 <= attended <= held")
    return held > 0 and attended * 2 < held


def attendance_window_start(today: dt.date) -> dt.date:
    """First day of the 12 months ending `today` (inclusive): the day after the same date a year
    earlier (29 February: the day after 28 February), the period over which Seoul's 50 % attendance
    ground is judged."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = dt.date(today.year - 1, 2, 28)
    return year_ago + dt.timedelta(days=1)


def ending_soon(end: dt.date | None, today: dt.date, days: int = ALERT_DAYS) -> bool:
    """A term that ends today or within the next `days` days."""
    return end is not None and today <= end <= today + dt.timedelta(days=days)
