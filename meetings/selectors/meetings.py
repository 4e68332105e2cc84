"""Reads about meetings: the lists a user sees, the rule body, 재적, the detail page's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from committees.models import Body, CalendarException, Membership
from committees.permissions import Roles
from committees.selectors import current_q
from committees.workdays import WorkingCalendar
from meetings import rules
from meetings.models import AgendaItem, Attendance, Election, Meeting, Minutes, NamedBallot, Vote

SEOUL = ZoneInfo("Asia/Seoul")


def visible_meetings(roles: Roles) -> QuerySet[Meeting]:
    if roles.is_governance_staff:
        return Meeting.objects.all()
    ids = roles.secretary_body_ids | roles.member_body_ids
    return Meeting.objects.filter(pk__in=meeting_ids_of_bodies(ids))


def at_meeting_time(meeting: Meeting, t: dt.time | None) -> dt.datetime | None:
    """A time of day on the meeting's (Seoul) date, as an aware datetime."""
    if t is None:
        return None
    day = timezone.localtime(meeting.starts_at).date()
    return dt.datetime.combine(day, t, tzinfo=SEOUL)


def _seoul_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def year_ago(today: dt.date) -> dt.datetime:
    """Seoul midnight of the same day a year before `today`: the start of every bounded window
    (list, feeds, portal). It moves once a day, so a feed's version is stable within the day."""
    try:
        day = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        day = dt.date(today.year - 1, 2, 28)
    return _seoul_midnight(day)


def meeting_list(roles: Roles, *, today: dt.date, year: int | None = None) -> QuerySet[Meeting]:
    """The meetings a user sees in date order: those of calendar `year`, or by default those from 12
    months before `today` onwards (everything upcoming included). The window is a range of aware
    datetimes on the indexed starts_at. Paginated by the view: a count, the page's meetings with their
    host body, and one prefetch of their bodies."""
    if year:
        start, end = _seoul_midnight(dt.date(year, 1, 1)), _seoul_midnight(dt.date(year + 1, 1, 1))
        window = {"starts_at__gte": start, "starts_at__lt": end}
    else:
        window = {"starts_at__gte": year_ago(today)}
    return (
        visible_meetings(roles)
        .filter(**window)
        .select_related("host_body")
        .prefetch_related("bodies")
        .order_by("starts_at", "pk")
    )


def rule_body(meeting: Meeting) -> Body:
    """The body whose procedural rules apply: the host, else the first body."""
    if meeting.host_body_id:
        return meeting.host_body
    bodies = sorted(meeting.bodies.all(), key=lambda b: (b.order, b.pk))
    return bodies[0]


def enrolled_memberships(meeting: Meeting) -> list[Membership]:
    """재적: memberships of the meeting's bodies in office on the meeting date, with person, body and
    seat group. Two queries (the bodies are the meeting's, usually prefetched)."""
    on = timezone.localdate(meeting.starts_at)  # the Seoul date: starts_at is stored in UTC
    bodies = {b.pk: b for b in meeting.bodies.all()}
    members = list(
        Membership.objects.filter(body__in=list(bodies))
        .filter(current_q(on))
        .select_related("seat__group")
        # the persons by their keys: joined, the planner hashed every person of the district (~2 ms)
        .prefetch_related("person")
        .order_by()  # sorted below: in SQL the order joined the bodies and cost ~1 ms of ORM compiling
    )
    for m in members:
        m.body = bodies[m.body_id]  # the meeting's own body objects, not a copy of thirty columns a member
    members.sort(key=lambda m: (m.body.order, m.body_id, m.seat.group.order, m.seat.number, m.pk))
    return members


def attendances_of(meeting: Meeting) -> list[Attendance]:
    """The meeting's attendance lines in no order: Attendance's default ordering joins membership, body,
    seat group and seat (a scan of every membership of the district), which callers that key the lines
    by member do not need."""
    return list(Attendance.objects.filter(meeting=meeting).order_by())


def presences(attendances: list[Attendance]) -> list[rules.Presence]:
    return [rules.Presence(a.membership_id, a.status, a.arrived_at, a.left_at) for a in attendances]


@dataclass
class Panel:
    quorum: rules.QuorumState
    rule_body: Body


def quorum_panel(
    meeting: Meeting, enrolled: list[Membership], attendances: list[Attendance], at=None
) -> Panel:
    body = rule_body(meeting)
    enrolled_ids = {m.pk for m in enrolled}
    present = rules.present_at([p for p in presences(attendances) if p.member_id in enrolled_ids], at)
    return Panel(
        rules.quorum_state(enrolled=len(enrolled), present=len(present), quorum_rule=body.quorum_rule), body
    )


def run_of_show(meeting: Meeting, items: list[AgendaItem]) -> None:
    """Timed run-of-show: each item starts when the previous ends (위촉식 및 1차 회의: 16:00–16:05 안내,
    16:05–16:15 위촉장 수여, ...). Sets slot_start and slot_end (local times) on the items."""
    moment = timezone.localtime(meeting.starts_at)
    for item in items:
        item.slot_start = moment
        moment = moment + dt.timedelta(minutes=item.planned_minutes)
        item.slot_end = moment


def meeting_detail_data(meeting: Meeting, *, show_agenda: bool, show_minutes_draft: bool) -> dict:
    """Fixed number of queries whatever the number of items, members or votes."""
    enrolled = enrolled_memberships(meeting)
    # the rows name each member from `enrolled`: the attendance lines need no member of their own
    attendances = attendances_of(meeting)
    items = []
    if show_agenda:
        items = list(
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("written", "election__winner__person")
            .prefetch_related(
                Prefetch(
                    "votes",
                    queryset=Vote.objects.order_by("taken_at").prefetch_related(
                        Prefetch("ballots", queryset=NamedBallot.objects.select_related("membership__person"))
                    ),
                ),
                "recusals",
                "attachments",
            )
        )
    run_of_show(meeting, items)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes and not show_minutes_draft and minutes.status == Minutes.Status.DRAFT:
        minutes = None
    by_member = {a.membership_id: a for a in attendances}
    rows = [(m, by_member.get(m.pk)) for m in enrolled]
    return {
        "panel": quorum_panel(meeting, enrolled, attendances),
        "rows": rows,
        "items": items,
        "minutes": minutes,
        "observers": list(meeting.observers.all()),
        "attachments": list(meeting.attachments.filter(item__isnull=True)) if show_agenda else [],
    }


def attendance_initial(meeting: Meeting) -> list[tuple[Membership, dict]]:
    """Each enrolled member with the attendance form's initial values (absent when not yet recorded)."""
    existing = {a.membership_id: a for a in attendances_of(meeting)}
    rows = []
    for m in enrolled_memberships(meeting):
        a = existing.get(m.pk)
        initial = {"status": Attendance.Status.ABSENT}
        if a:
            initial = {
                "status": a.status,
                "arrived": a.arrived_at and timezone.localtime(a.arrived_at).time(),
                "left": a.left_at and timezone.localtime(a.left_at).time(),
                "deputy_name": a.deputy_name,
                "mode": a.mode,
            }
        rows.append((m, initial))
    return rows


def next_item_order(meeting: Meeting) -> int:
    return (meeting.items.order_by("-order").values_list("order", flat=True).first() or 0) + 1


def report_item(meeting: Meeting, *, title_contains: str = "") -> AgendaItem | None:
    """The meeting's first 보고 (report) item, preferring one whose title contains `title_contains`."""
    reports = meeting.items.filter(kind=AgendaItem.Kind.REPORT).order_by("order")
    return (title_contains and reports.filter(title__contains=title_contains).first()) or reports.first()


# the portal lists this many upcoming meetings and links the meeting list for the rest: a member of
# 17 bodies with a year of series planned ahead would otherwise get hundreds
UPCOMING_MAX = 30


def meeting_ids_of_bodies(body_ids) -> QuerySet:
    """The ids of the meetings of these bodies, read from the meeting–body table alone (a subquery over
    Meeting joined to it read every meeting of the district first)."""
    return Meeting.bodies.through.objects.filter(body_id__in=body_ids).values("meeting_id")


def _my_bodies_meetings(roles: Roles) -> QuerySet[Meeting]:
    ids = roles.member_body_ids | roles.secretary_body_ids
    if not ids:
        return Meeting.objects.none()
    return Meeting.objects.filter(pk__in=meeting_ids_of_bodies(ids))


def my_upcoming(roles: Roles, *, today: dt.date) -> tuple[list[Meeting], bool]:
    """The member portal's upcoming meetings of the member's bodies (from today's Seoul midnight), the
    next UPCOMING_MAX in date order (each with `of_my_membership`), and whether there are more. One query
    on the indexed starts_at."""
    rows = list(
        _my_bodies_meetings(roles)
        .filter(starts_at__gte=_seoul_midnight(today))
        # whether the user is a member of one of the meeting's bodies (the 이해충돌 신고 link,
        # meetings.selectors.interests.declaring_meeting_ids), in the same query
        .annotate(
            of_my_membership=Exists(
                meeting_ids_of_bodies(roles.member_body_ids).filter(meeting_id=OuterRef("pk"))
            )
        )
        .order_by("starts_at", "pk")[: UPCOMING_MAX + 1]
    )
    return rows[:UPCOMING_MAX], len(rows) > UPCOMING_MAX


def my_past(roles: Roles, *, today: dt.date) -> QuerySet[Meeting]:
    """The member portal's past meetings, latest first, with their minutes: paginated by the view
    (one page and whether there is another, no count), so every past meeting stays reachable and none
    is loaded in bulk."""
    return (
        _my_bodies_meetings(roles)
        .filter(starts_at__lt=_seoul_midnight(today))
        .select_related("minutes")
        .order_by("-starts_at", "-pk")
    )


def meetings_for_user_bodies(body_ids) -> QuerySet[Meeting]:
    return Meeting.objects.filter(pk__in=meeting_ids_of_bodies(body_ids)).prefetch_related("bodies")


def elections_of(meeting: Meeting) -> list[Election]:
    return list(
        Election.objects.filter(item__meeting=meeting)
        .select_related("item", "winner__person")
        .prefetch_related("candidates__membership__person")
    )


def calendar_year(year: int):
    """Public holidays (holidays package, KR) and staff exceptions of one year, for the calendar page."""
    statutory = WorkingCalendar()
    day, holidays = dt.date(year, 1, 1), []
    while day.year == year:
        name = statutory.holiday_name(day)
        if name:
            holidays.append((day, name))
        day += dt.timedelta(days=1)
    exceptions = list(CalendarException.objects.filter(date__year=year).order_by("date"))
    return holidays, exceptions


def minutes_initial(meeting: Meeting) -> dict:
    """The minutes form's initial values: the saved draft, or nothing yet."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        return {}
    return {
        "remarks": minutes.remarks,
        "is_public": minutes.is_public,
        "nondisclosure_reason": minutes.nondisclosure_reason,
    }
