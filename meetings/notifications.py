"""E-mail to members, staff and chairs. The text lives in templates/meetings/mail/ (<name>_subject.txt
and <name>.txt); this module picks the recipients and hands them to `committees.notifications.notify`,
which queues one message per person in the outbox, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from committees.enums import NotificationKind as Kind
from committees.models import Body, Membership, Person
from committees.notifications import Outcome, notify, staff_users
from committees.selectors import current_q
from meetings import selectors
from meetings.models import AgendaItem, ConveningRequest, Meeting, WrittenResolution
from seongdong_gov.mail import absolute_url
from seongdong_gov.rules import date_dots

SEOUL = ZoneInfo("Asia/Seoul")


def kdatetime(moment: dt.datetime) -> str:
    """`2016. 1. 15. 16:00` in Seoul time."""
    local = timezone.localtime(moment, SEOUL)
    return f"{date_dots(local.date())} {local:%H:%M}"


def _members(meeting: Meeting) -> list[Person]:
    return [m.person for m in selectors.enrolled_memberships(meeting)]


def _to_members(
    name: str, kind: Kind, meeting: Meeting, *, url: str | None = None, actor=None, dedup_key=None
) -> Outcome:
    context = {
        "meeting": meeting,
        "when": kdatetime(meeting.starts_at),
        "original_date": meeting.original_date and date_dots(meeting.original_date),
        "url": absolute_url(url or meeting.get_absolute_url()),
    }
    return notify(
        kind=kind,
        template=f"meetings/mail/{name}",
        context=context,
        persons=_members(meeting),
        about=meeting,
        actor=actor,
        dedup_key=dedup_key,
    )


def notify_notice(meeting: Meeting, *, actor=None) -> Outcome:
    """소집 통지 to every member in office of the meeting's bodies (a legal notice: no opt-out)."""
    return _to_members("notice", Kind.MEETING_NOTICE, meeting, actor=actor)


def notify_rescheduled(meeting: Meeting, *, actor=None) -> Outcome:
    return _to_members("rescheduled", Kind.MEETING_RESCHEDULED, meeting, actor=actor)


def notify_cancelled(meeting: Meeting, *, actor=None) -> Outcome:
    return _to_members("cancelled", Kind.MEETING_CANCELLED, meeting, actor=actor)


def notify_agenda_published(meeting: Meeting, *, actor=None) -> Outcome:
    return _to_members("agenda_published", Kind.AGENDA_PUBLISHED, meeting, actor=actor)


def notify_minutes_approved(meeting: Meeting, *, actor=None) -> Outcome:
    """The members are sent to the minutes, not to the meeting page."""
    return _to_members(
        "minutes_approved",
        Kind.MINUTES_APPROVED,
        meeting,
        url=reverse("meetings:minutes", args=[meeting.pk]),
        actor=actor,
    )


def notify_reminder(meeting: Meeting) -> Outcome:
    """The day-before reminder; its dedup key makes a second run of the command queue nothing."""
    return _to_members(
        "reminder",
        Kind.MEETING_REMINDER,
        meeting,
        dedup_key=f"meeting_reminder:{meeting.pk}:{meeting.starts_at.isoformat()}",
    )


def notify_interest_reminder(meeting: Meeting) -> Outcome:
    """The day before the meeting, the members who have not answered every item's 이해충돌 question are
    asked to (sent to their declaration page). One dedup key per meeting and start: a second run of the
    command queues nothing, even for a member who still has not answered. It goes out as a meeting
    reminder, so a member who turned reminders off gets none of either."""
    persons = [m.person for m in selectors.members_yet_to_answer(meeting)]
    if not persons:
        return Outcome()
    context = {
        "meeting": meeting,
        "when": kdatetime(meeting.starts_at),
        "url": absolute_url(reverse("meetings:interests_mine", args=[meeting.pk])),
    }
    return notify(
        kind=Kind.MEETING_REMINDER,
        template="meetings/mail/interest_reminder",
        context=context,
        persons=persons,
        about=meeting,
        dedup_key=f"interest_reminder:{meeting.pk}:{meeting.starts_at.isoformat()}",
    )


def notify_written_open(resolution: WrittenResolution, item: AgendaItem, *, actor=None) -> Outcome:
    """서면의결 요청 to the members who may answer."""
    context = {
        "item": item,
        "meeting": item.meeting,
        "deadline": kdatetime(resolution.deadline),
        "url": absolute_url(reverse("meetings:written_answer", args=[resolution.pk])),
    }
    return notify(
        kind=Kind.WRITTEN_OPEN,
        template="meetings/mail/written_open",
        context=context,
        persons=[m.person for m in selectors.written_eligible(item)],
        about=item.meeting,
        actor=actor,
    )


def _convening_persons(body: Body, on: dt.date) -> list[Person]:
    """The chair(s) of the body and its secretary (in person or through the secretary post)."""
    chair_roles = [Membership.Role.CHAIR, Membership.Role.CO_CHAIR_OFFICIAL, Membership.Role.CO_CHAIR_CIVIL]
    q = Q(memberships__in=Membership.objects.filter(body=body, role__in=chair_roles).filter(current_q(on)))
    if body.secretary_person_id:
        q |= Q(pk=body.secretary_person_id)
    if body.secretary_post_id:
        q |= Q(pk__in=body.secretary_post.holdings.filter(current_q(on)).values("person_id"))
    return list(Person.objects.filter(q).distinct())


def notify_convening_satisfied(
    request: ConveningRequest, body: Body, *, signed: int, on: dt.date, actor=None
) -> Outcome:
    """The chair(s), the secretary and the governance staff learn that a convening request is satisfied."""
    context = {
        "request": request,
        "body": body,
        "signed": signed,
        "url": absolute_url(reverse("meetings:convening")),
    }
    return notify(
        kind=Kind.CONVENING_SATISFIED,
        template="meetings/mail/convening_satisfied",
        context=context,
        persons=_convening_persons(body, on),
        users=staff_users(),
        about=body,
        actor=actor,
    )
