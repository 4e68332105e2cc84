"""E-mail to members, staff and chairs. The text lives in templates/meetings/mail/ (<name>_subject.txt
and <name>.txt); this module picks the recipients, renders, and sends through `_send`, the one place
that talks to the mail transport (to be swapped for an outbox)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from committees.models import Body
from meetings import selectors
from meetings.models import AgendaItem, ConveningRequest, Meeting, WrittenResolution
from seongdong_gov.rules import date_dots

SEOUL = ZoneInfo("Asia/Seoul")


def kdatetime(moment: dt.datetime) -> str:
    """`2016. 1. 15. 16:00` in Seoul time."""
    local = timezone.localtime(moment, SEOUL)
    return f"{date_dots(local.date())} {local:%H:%M}"


def _send(subject: str, body: str, recipients: list[str]) -> int:
    if not recipients:
        return 0
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _render(name: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"meetings/mail/{name}_subject.txt", context).strip()
    body = render_to_string(f"meetings/mail/{name}.txt", context).rstrip("\n")
    return subject, body


def _to_members(name: str, meeting: Meeting, url: str | None = None) -> int:
    context = {
        "meeting": meeting,
        "when": kdatetime(meeting.starts_at),
        "original_date": meeting.original_date and date_dots(meeting.original_date),
        "url": url or meeting.get_absolute_url(),
    }
    return _send(*_render(name, context), selectors.member_emails(meeting))


def notify_notice(meeting: Meeting) -> int:
    """소집 통지 to every member in office of the meeting's bodies."""
    return _to_members("notice", meeting)


def notify_rescheduled(meeting: Meeting) -> int:
    return _to_members("rescheduled", meeting)


def notify_cancelled(meeting: Meeting) -> int:
    return _to_members("cancelled", meeting)


def notify_agenda_published(meeting: Meeting) -> int:
    return _to_members("agenda_published", meeting)


def notify_minutes_approved(meeting: Meeting) -> int:
    """The members are sent to the minutes, not to the meeting page."""
    return _to_members("minutes_approved", meeting, url=reverse("meetings:minutes", args=[meeting.pk]))


def notify_written_open(resolution: WrittenResolution, item: AgendaItem) -> int:
    """서면의결 요청 to the members who may answer."""
    deadline = kdatetime(resolution.deadline)
    context = {
        "item": item,
        "meeting": item.meeting,
        "deadline": deadline,
        "url": reverse("meetings:written_answer", args=[resolution.pk]),
    }
    recipients = sorted({m.person.email for m in selectors.written_eligible(item) if m.person.email})
    return _send(*_render("written_open", context), recipients)


def notify_convening_satisfied(request: ConveningRequest, body: Body, *, signed: int, on: dt.date) -> int:
    """The chair(s), the secretary and the governance staff learn that a convening request is satisfied."""
    context = {"request": request, "body": body, "signed": signed}
    return _send(*_render("convening_satisfied", context), selectors.convening_recipients(body, on))
