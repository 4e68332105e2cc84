"""Pieces shared by the rows the apps write in Python instead of templates (committees/markup.py,
appointments/markup.py, meetings/markup.py; issue 14): a route's URL for many pks from one `reverse()`,
and dates and times as the templates' `|date:"DATE_FORMAT"` and `|time:"H:i"` write them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

_SENTINEL = 987654321


def url_maker(name: str, *leading):
    """`pk -> URL` for a route whose last argument is a pk, reversed once rather than once a row."""
    pattern = reverse(name, args=[*leading, _SENTINEL])
    return lambda pk: pattern.replace(str(_SENTINEL), str(pk))


def day_text(value: dt.date | dt.datetime | None) -> str:
    """`{{ value|date:"DATE_FORMAT" }}` (a moment in Seoul's time), "" for none."""
    if not value:
        return ""
    return date_format(timezone.localtime(value) if isinstance(value, dt.datetime) else value, "DATE_FORMAT")


def hm(moment: dt.datetime | None) -> str:
    """`{{ moment|time:"H:i" }}` in Seoul's time, "" for none."""
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""
