"""iCalendar (RFC 5545) output: Asia/Seoul times, stable UIDs, cancelled meetings marked cancelled."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone

from meetings.models import Meeting

SEOUL = ZoneInfo("Asia/Seoul")


def calendar_for(meetings: Iterable[Meeting], name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Seongdong-gu//Governance meetings//KO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Seoul")
    for m in meetings:
        ev = icalendar.Event()
        ev.add("uid", m.uid)
        # the meeting's last change, not now(): an unchanged feed is then byte-for-byte the same
        ev.add("dtstamp", m.updated_at)
        ev.add("dtstart", timezone.localtime(m.starts_at, SEOUL))
        ev.add("dtend", timezone.localtime(m.ends_at, SEOUL))
        ev.add("summary", m.title)
        if m.place:
            ev.add("location", m.place)
        ev.add("sequence", m.sequence)
        ev.add("status", "CANCELLED" if m.status == Meeting.Status.CANCELLED else "CONFIRMED")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
