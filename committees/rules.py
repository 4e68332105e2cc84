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
