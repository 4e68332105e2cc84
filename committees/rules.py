"""The legal arithmetic of governance bodies, as plain functions on plain values (no ORM).

Sources are cited per function; DOMAIN.md §5 collects them. Every function here is table-tested in
tests/committees/test_rules.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

# 양성평등기본법 제21조②: among appointed members, no gender may exceed six tenths.
GENDER_MAX_SHARE = Fraction(6, 10)


def majority_of(n: int) -> int:
    """과반수: strictly more than half, i.e. floor(n/2)+1 (15 → 8, 14 → 8, 1 → 1, 0 → 1)."""
    if n < 0:
        raise ValueError("n must not be negative")
    return n // 2 + 1


def quorum_to_open(enrolled: int) -> int:
    """Members who must be present to open a meeting: a majority of 재적위원 (성동구 계획: "위원 과반수
    참석으로 개최"). 재적 = members in office, the chair included, vacancies excluded."""
    return majority_of(enrolled)


def convening_threshold(enrolled: int, numerator: int = 1, denominator: int = 3) -> int:
    """Signatures needed to require a meeting: at least `numerator/denominator` of 재적위원, rounded up
    ("재적위원 1/3 이상의 요구": 15 → 5, 14 → 5, 3 → 1)."""
    if denominator <= 0 or numerator <= 0 or numerator > denominator:
        raise ValueError("the convening fraction must be in (0, 1]")
    return max(1, -(-enrolled * numerator // denominator))


def max_per_gender(appointed_seats: int) -> int:
    """The most appointed members one gender may have: floor(seats × 6/10) (양성평등기본법 제21조②).
    8 → 4, 3 → 1, 10 → 6, 1 → 0 (a one-seat group can only be balanced by exception)."""
    if appointed_seats < 0:
        raise ValueError("appointed_seats must not be negative")
    return int(appointed_seats * GENDER_MAX_SHARE)


@dataclass(frozen=True)
class GenderCheck:
    ok: bool
    gender: str | None  # the gender over the limit, if any
    count: int
    limit: int


def gender_balance(counts: Mapping[str, int], appointed_seats: int) -> GenderCheck:
    """Check appointed members' genders against the 6/10 ceiling of the body's appointed seats."""
    limit = max_per_gender(appointed_seats)
    for gender, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if count > limit:
            return GenderCheck(ok=False, gender=gender, count=count, limit=limit)
    top = max(counts.values(), default=0)
    return GenderCheck(ok=True, gender=None, count=top, limit=limit)


def over_membership_cap(bodies_held: int, cap: int) -> bool:
    """True when one person would sit on more bodies at once than the configured cap (some regions cap
    one person at 3 committees at once; a warning, not a refusal)."""
    return bodies_held > cap


def periods_overlap(a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None) -> bool:
    """Inclusive date periods; an empty end is open-ended."""
    a_end = a_end or dt.date.max
    b_end = b_end or dt.date.max
    return a_start <= b_end and b_start <= a_end


def day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


def active_on(periods: Iterable[tuple[dt.date, dt.date | None]], on: dt.date) -> int:
    """How many of the inclusive periods contain `on`."""
    return sum(1 for start, end in periods if start <= on and (end is None or on <= end))


def peak_active(
    periods: Iterable[tuple[dt.date, dt.date | None]], start: dt.date, end: dt.date | None
) -> int:
    """The most periods active on any one day of [start, end].

    The gender-balance rule is about the members in office together: a member who resigns mid-term and
    their successor overlap the new term but never sit at once, so they count once, not twice. The count
    can only rise on `start` or on a day some period begins, so those days are enough to check."""
    periods = list(periods)
    days = {start} | {s for s, _e in periods if s >= start and (end is None or s <= end)}
    return max((active_on(periods, day) for day in days), default=0)


def one_third_of(n: int) -> int:
    """3분의 1 이상: ceil(n/3), and at least one (15 → 5, 14 → 5, 3 → 1, 1 → 1, 0 → 1), so that a body
    with nobody in office can never be said to have met (as `majority_of(0)` is 1)."""
    if n < 0:
        raise ValueError("n must not be negative")
    return max(1, -(-n // 3))


@dataclass(frozen=True)
class GenderBalance:
    """Where the appointed members in office stand against the 6/10 ceiling on one day."""

    on: dt.date
    in_office: int  # appointed members in office that day (all genders)
    counts: Mapping[str, int]
    gender: str | None  # the gender above 6/10, if any
    excess: int  # how many members of that gender are above the ceiling (0 when balanced)
    exception_recorded: bool

    @property
    def over(self) -> bool:
        return self.gender is not None

    @property
    def needs_attention(self) -> bool:
        """Shown on the body page and the staff alerts until fixed or an exception reason is recorded."""
        return self.over and not self.exception_recorded


def gender_balance_on(
    periods_by_gender: Mapping[str, Iterable[tuple[dt.date, dt.date | None]]],
    on: dt.date,
    *,
    exception_reason: str = "",
) -> GenderBalance:
    """The gender balance of a body's appointed members on `on` (양성평등기본법 제21조②: "위촉직 위원의
    특정 성별이 위촉직 위원 수의 10분의 6을 초과하지 아니하도록").

    Counts appointed members in office that day (inclusive periods), not seats: a resignation or an end
    of term that leaves, say, 7 women and 3 men (7/10 > 6/10) is over the ceiling even though the seats
    did not change. A gender is over when count × 10 > in_office × 6; `excess` = count − floor(in_office
    × 6/10), the members too many (10 in office, 7 women → 1). With nobody in office nothing is over;
    with one member in office that member's gender is over (1/1 > 6/10), as `max_per_gender(1)` is 0.
    `exception_reason` is the recorded reason (blank: none); it does not change the arithmetic, only
    whether the breach still needs attention. No database access: the caller passes the periods."""
    counts = {gender: active_on(periods, on) for gender, periods in periods_by_gender.items()}
    in_office = sum(counts.values())
    ceiling = int(in_office * GENDER_MAX_SHARE)
    over = [g for g, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c > ceiling]
    gender = over[0] if over else None
    return GenderBalance(
        on=on,
        in_office=in_office,
        counts=counts,
        gender=gender,
        excess=counts[gender] - ceiling if gender else 0,
        exception_recorded=bool(exception_reason.strip()),
    )


def gender_balance_first_breach(
    periods_by_gender: Mapping[str, Iterable[tuple[dt.date, dt.date | None]]],
    start: dt.date,
    end: dt.date | None,
) -> dt.date | None:
    """The first day of [start, end] on which a gender is above 6/10 of the appointed members in office
    (`gender_balance_on`), or None: the check is continuous, not only at appointments.

    The counts change only on `start`, on a day a period begins, or on the day after a period ends, so
    those days are enough to check (as in `peak_active`)."""
    by_gender = {g: list(p) for g, p in periods_by_gender.items()}
    days = {start}
    for periods in by_gender.values():
        for s, e in periods:
            days.add(s)
            if e is not None and e < dt.date.max:
                days.add(e + dt.timedelta(days=1))
    for day in sorted(d for d in days if d >= start and (end is None or d <= end)):
        if gender_balance_on(by_gender, day).over:
            return day
    return None
