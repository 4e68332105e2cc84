"""Pieces shared by the rows the apps write in Python instead of templates (committees/markup.py,
appointments/markup.py, meetings/markup.py; issue 14): a route's URL for many pks from one `reverse()`,
and dates and times as the templates' `|date:"DATE_FORMAT"` and `|time:"H:i"` write them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import date_format, get_format

_SENTINEL = 987654321


_patterns: dict[tuple, str] = {}


def url_maker(name: str, *leading):
    """`pk -> URL` for a route whose last argument is a pk, reversed once rather than once a row; a route
    with no other argument once per process (per URLconf and script prefix)."""
    if leading:
        pattern = reverse(name, args=[*leading, _SENTINEL])
    else:
        key = (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, name)
        pattern = _patterns.get(key)
        if pattern is None:
            pattern = _patterns[key] = reverse(name, args=[_SENTINEL])
    return lambda pk: pattern.replace(str(_SENTINEL), str(pk))


# the house date (CONVENTIONS: `2016. 1. 15.`, seongdong_gov/formats), written without Django's format
# interpreter: a roster or register page writes a couple of hundred dates
_HOUSE_DATE = "Y. n. j."


def day_text(value: dt.date | dt.datetime | None) -> str:
    """`{{ value|date:"DATE_FORMAT" }}` (a moment in Seoul's time), "" for none."""
    if not value:
        return ""
    day = timezone.localtime(value) if isinstance(value, dt.datetime) else value
    fmt = get_format("DATE_FORMAT")
    if fmt == _HOUSE_DATE:
        return f"{day.year}. {day.month}. {day.day}."
    return date_format(day, fmt)


def hm(moment: dt.datetime | None) -> str:
    """`{{ moment|time:"H:i" }}` in Seoul's time, "" for none."""
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""
