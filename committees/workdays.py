"""The working-day calendar every app shares: Korean public holidays plus staff-declared exceptions.

Statutory holidays (substitute holidays, election days and the lunar 설·추석·부처님오신날 included) come
from the maintained `holidays` package (KR), never from a hand-written table (DOMAIN.md §5).
`WorkingCalendar` is pure; `load_calendar()` reads the staff exceptions from the database once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

import holidays
from django.utils.translation import gettext as _


@lru_cache(maxsize=64)
def _kr_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("KR", years=year, language="ko"))


class WorkingCalendar:
    def __init__(
        self,
        closures: Mapping[dt.date, str] | None = None,
        extra_working: Mapping[dt.date, str] | None = None,
    ) -> None:
        self.closures = dict(closures or {})
        self.extra_working = dict(extra_working or {})

    def holiday_name(self, day: dt.date) -> str | None:
        return _kr_holidays(day.year).get(day)

    def non_working_reason(self, day: dt.date) -> str | None:
        """Why `day` is not a working day (e.g. "추석"), or None when it is one."""
        if day in self.extra_working:
            return None
        if day in self.closures:
            return self.closures[day]
        name = self.holiday_name(day)
        if name:
            return name
        if day.weekday() == 5:
            return _("토요일")
        if day.weekday() == 6:
            return _("일요일")
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.non_working_reason(day) is None

    def next_working_day(self, day: dt.date, *, include_self: bool = True) -> dt.date:
        current = day if include_self else day + dt.timedelta(days=1)
        while not self.is_working_day(current):
            current += dt.timedelta(days=1)
        return current

    def previous_working_day(self, day: dt.date, *, include_self: bool = True) -> dt.date:
        current = day if include_self else day - dt.timedelta(days=1)
        while not self.is_working_day(current):
            current -= dt.timedelta(days=1)
        return current

    def deadline(self, day: dt.date, *, roll_forward: bool = True) -> dt.date:
        """A period whose last day is a Saturday or public holiday ends on the next working day
        (민법 제161조) when `roll_forward`; otherwise the day stands."""
        return self.next_working_day(day) if roll_forward else day


def load_calendar() -> WorkingCalendar:
    """The calendar with the staff exceptions from the database (one query)."""
    from committees.models import CalendarException

    closures: dict[dt.date, str] = {}
    working: dict[dt.date, str] = {}
    for date, kind, reason in CalendarException.objects.values_list("date", "kind", "reason"):
        (closures if kind == CalendarException.Kind.CLOSURE else working)[date] = reason
    return WorkingCalendar(closures, working)
