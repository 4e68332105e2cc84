"""Project-wide pure rules (no ORM)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence


def lockout_until(
    failures: Sequence[dt.datetime], *, now: dt.datetime, limit: int, window: dt.timedelta
) -> dt.datetime | None:
    """When the lock on an account (or an address) ends, or None if it is not locked.

    Locked once `limit` failed attempts fall within the last `window`; the lock lasts until the oldest of
    those `limit` most recent failures leaves the window, so a patient attacker gets at most `limit`
    guesses per window (전자정부 정보보호 관리체계: 인증 실패 횟수 제한). A success does not erase failures
    of other people guessing the same account; only time does.
    """
    recent = sorted((t for t in failures if now - t < window), reverse=True)
    if len(recent) < limit:
        return None
    return recent[limit - 1] + window


def date_dots(day: dt.date) -> str:
    """Dates as 행정업무규정 제7조⑤ writes them: `2016. 1. 15.`"""
    return f"{day.year}. {day.month}. {day.day}."
