"""Reads and scoping. A meeting outside a user's reach is a 404 (never a 403)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from committees.models import Body, Membership
from committees.permissions import Roles
from committees.selectors import current_q
from meetings import rules
from meetings.models import (
    AgendaItem,
    Attendance,
    ConveningRequest,
    ConveningSignature,
    Meeting,
    MeetingSeries,
    Minutes,
    NamedBallot,
    SeriesHost,
    Vote,
    WrittenAnswer,
    WrittenResolution,
)


def visible_meetings(roles: Roles) -> QuerySet[Meeting]:
    if roles.is_governance_staff:
        return Meeting.objects.all()
    ids = roles.secretary_body_ids | roles.member_body_ids
    return Meeting.objects.filter(pk__in=Meeting.objects.filter(bodies__in=ids).values("pk"))


def can_manage(roles: Roles, meeting: Meeting) -> bool:
    if roles.is_governance_staff:
        return True
    return any(b.pk in roles.secretary_body_ids for b in meeting.bodies.all())


def meeting_for_view_or_404(roles: Roles, pk: int) -> Meeting:
    meeting = (
        visible_meetings(roles).prefetch_related("bodies").select_related("host_body").filter(pk=pk).first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meeting_for_manage_or_404(roles: Roles, pk: int) -> Meeting:
    meeting = meeting_for_view_or_404(roles, pk)
    if not can_manage(roles, meeting):
        raise Http404
    return meeting


def _seoul_midnight(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def meeting_list(roles: Roles, *, today: dt.date, year: int | None = None) -> QuerySet[Meeting]:
    """The meetings a user sees in date order: those of calendar `year`, or by default those from 12
    months before `today` onwards (everything upcoming included). The window is a range of aware
    datetimes on the indexed starts_at. Paginated by the view: a count, the page's meetings with their
    host body, and one prefetch of their bodies."""
    if year:
        start, end = _seoul_midnight(dt.date(year, 1, 1)), _seoul_midnight(dt.date(year + 1, 1, 1))
        window = {"starts_at__gte": start, "starts_at__lt": end}
    else:
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = dt.date(today.year - 1, 2, 28)
        window = {"starts_at__gte": _seoul_midnight(year_ago)}
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
    """재적: memberships of the meeting's bodies in office on the meeting date. One query."""
    on = timezone.localdate(meeting.starts_at)  # the Seoul date: starts_at is stored in UTC
    return list(
        Membership.objects.filter(body__in=[b.pk for b in meeting.bodies.all()])
        .filter(current_q(on))
        .select_related("person", "body", "seat__group")
        .order_by("body__order", "seat__group__order", "seat__number")
    )


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


def _run_of_show(meeting: Meeting, items: list[AgendaItem]) -> None:
    """Timed run-of-show: each item starts when the previous ends (위촉식 및 1차 회의: 16:00–16:05 안내,
    16:05–16:15 위촉장 수여, ...). Sets slot_start and slot_end (local times) on the items."""
    from django.utils import timezone

    moment = timezone.localtime(meeting.starts_at)
    for item in items:
        item.slot_start = moment
        moment = moment + dt.timedelta(minutes=item.planned_minutes)
        item.slot_end = moment


def meeting_detail_data(meeting: Meeting, *, show_agenda: bool, show_minutes_draft: bool) -> dict:
    """Fixed number of queries whatever the number of items, members or votes."""
    enrolled = enrolled_memberships(meeting)
    attendances = list(meeting.attendances.select_related("membership__person"))
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
    _run_of_show(meeting, items)
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


def my_meetings(roles: Roles, today: dt.date) -> tuple[list[Meeting], list[Meeting]]:
    """The member portal: upcoming and past meetings of the member's bodies (two queries)."""
    qs = (
        list(
            Meeting.objects.filter(
                pk__in=Meeting.objects.filter(
                    bodies__in=roles.member_body_ids | roles.secretary_body_ids
                ).values("pk")
            )
            .prefetch_related("bodies")
            .select_related("minutes")
            .order_by("starts_at")
        )
        if (roles.member_body_ids or roles.secretary_body_ids)
        else []
    )
    upcoming = [m for m in qs if timezone.localdate(m.starts_at) >= today]
    past = [m for m in reversed(qs) if timezone.localdate(m.starts_at) < today]
    return upcoming, past


def meetings_for_user_bodies(body_ids) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        pk__in=Meeting.objects.filter(bodies__in=body_ids).values("pk")
    ).prefetch_related("bodies")


def convening_requests(roles: Roles) -> list[ConveningRequest]:
    """Convening requests (with their history of signatures) of the bodies the user belongs to or
    manages; all of them for governance staff. Two queries."""
    qs = ConveningRequest.objects.select_related("body").prefetch_related(
        Prefetch(
            "signatures",
            queryset=ConveningSignature.objects.select_related("membership__person").order_by("signed_at"),
        )
    )
    if not roles.is_governance_staff:
        qs = qs.filter(body_id__in=roles.member_body_ids | roles.secretary_body_ids)
    return list(qs.order_by("-created_at"))


def own_membership(roles: Roles, body_id: int, on: dt.date) -> Membership | None:
    """The user's membership in office in the body, if any."""
    if roles.person_id is None:
        return None
    return (
        Membership.objects.filter(person_id=roles.person_id, body_id=body_id)
        .filter(current_q(on))
        .select_related("body", "person")
        .first()
    )


def convening_request_for_member_or_404(roles: Roles, pk: int) -> ConveningRequest:
    request = ConveningRequest.objects.select_related("body").filter(pk=pk, body_id__in=roles.member_body_ids)
    found = request.first()
    if found is None:
        raise Http404
    return found


def calendar_year(year: int):
    """Public holidays (holidays package, KR) and staff exceptions of one year, for the calendar page."""
    from committees.models import CalendarException
    from committees.workdays import WorkingCalendar

    statutory = WorkingCalendar()
    day, holidays = dt.date(year, 1, 1), []
    while day.year == year:
        name = statutory.holiday_name(day)
        if name:
            holidays.append((day, name))
        day += dt.timedelta(days=1)
    exceptions = list(CalendarException.objects.filter(date__year=year).order_by("date"))
    return holidays, exceptions


def my_written_resolutions(roles: Roles) -> list[tuple[WrittenResolution, Membership, WrittenAnswer | None]]:
    """서면의결 the user may answer: open or counted, on items of meetings of the user's bodies where
    the user holds a membership in office on the meeting date; with the user's own answer. Three queries."""
    if roles.person_id is None or not roles.member_body_ids:
        return []
    resolutions = list(
        WrittenResolution.objects.filter(item__meeting__bodies__in=roles.member_body_ids)
        .select_related("item__meeting")
        .prefetch_related("item__recusals", "item__meeting__bodies")
        .distinct()
        .order_by("-deadline")
    )
    if not resolutions:
        return []
    memberships = list(
        Membership.objects.filter(
            person_id=roles.person_id, body_id__in=roles.member_body_ids
        ).select_related("body")
    )
    answers = {
        (a.resolution_id, a.membership_id): a
        for a in WrittenAnswer.objects.filter(
            resolution__in=resolutions, membership__in=[m.pk for m in memberships]
        )
    }
    out = []
    for r in resolutions:
        on = timezone.localdate(r.item.meeting.starts_at)
        body_ids = {b.pk for b in r.item.meeting.bodies.all()}
        recused = {x.membership_id for x in r.item.recusals.all()}
        own = next(
            (m for m in memberships if m.body_id in body_ids and m.is_current(on) and m.pk not in recused),
            None,
        )
        if own is not None:
            out.append((r, own, answers.get((r.pk, own.pk))))
    return out


def written_for_member_or_404(roles: Roles, pk: int):
    """The resolution and the user's answering membership, or 404 when the user may not answer it."""
    for r, own, answer in my_written_resolutions(roles):
        if r.pk == pk:
            return r, own, answer
    raise Http404


def written_for_manage_or_404(roles: Roles, pk: int) -> WrittenResolution:
    resolution = WrittenResolution.objects.select_related("item__meeting").filter(pk=pk).first()
    if resolution is None:
        raise Http404
    meeting_for_manage_or_404(roles, resolution.item.meeting_id)
    return resolution


# --- meeting series (회의 일정 계획): staff, and the secretaries of the series' bodies -------------------


def can_manage_series_at_all(roles: Roles) -> bool:
    return roles.is_governance_staff or roles.is_secretary


def managed_series(roles: Roles) -> QuerySet[MeetingSeries]:
    """Staff manage every series; a secretary those with at least one of their bodies."""
    if roles.is_governance_staff:
        return MeetingSeries.objects.all()
    return MeetingSeries.objects.filter(
        pk__in=MeetingSeries.objects.filter(bodies__in=roles.secretary_body_ids).values("pk")
    )


def _with_bodies_and_hosts(qs: QuerySet[MeetingSeries]) -> QuerySet[MeetingSeries]:
    return qs.prefetch_related(
        "bodies", Prefetch("hosts", queryset=SeriesHost.objects.select_related("body").order_by("order"))
    )


def series_list(roles: Roles) -> QuerySet[MeetingSeries]:
    """Three queries: the series with their meeting count and last generated date, their bodies, and
    their hosts with each host's body."""
    return _with_bodies_and_hosts(
        managed_series(roles).annotate(
            meeting_count=Count("meetings", distinct=True), generated_until=Max("meetings__original_date")
        )
    ).order_by("name")


def series_for_manage_or_404(roles: Roles, pk: int) -> MeetingSeries:
    series = _with_bodies_and_hosts(managed_series(roles)).filter(pk=pk).first()
    if series is None:
        raise Http404
    return series


def series_occurrences(series: MeetingSeries) -> list[Meeting]:
    """The generated meetings in date order with their host (one query), moved and flagged ones
    carrying their nominal date and reason."""
    return list(series.meetings.select_related("host_body").order_by("starts_at", "pk"))


def series_body_choices(roles: Roles, series: MeetingSeries | None = None) -> QuerySet[Body]:
    """The bodies a series form offers: the user's own (all, for staff), plus on edit the series'
    current bodies, so a joint series keeps its other bodies when one secretary edits it."""
    if roles.is_governance_staff:
        return Body.objects.order_by("order", "name")
    q = Body.objects.filter(pk__in=roles.secretary_body_ids)
    if series is not None and series.pk:
        q = q | Body.objects.filter(pk__in=[b.pk for b in series.bodies.all()])
    return q.distinct().order_by("order", "name")
