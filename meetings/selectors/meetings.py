"""Reads about meetings: the lists a user sees, the rule body, 재적, the detail page's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from committees.models import Body, CalendarException, Membership, Person
from committees.permissions import Roles
from committees.selectors import current_q
from committees.workdays import WorkingCalendar
from meetings import rules
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    BallotBox,
    Election,
    InterestDeclaration,
    Meeting,
    Minutes,
    MinutesCorrection,
    NamedBallot,
    Observer,
    Recusal,
    RecusalChallenge,
    Vote,
)
from seongdong_gov.precompiled import Precompiled, seed_prefetched

SEOUL = ZoneInfo("Asia/Seoul")


def visible_meetings(roles: Roles) -> QuerySet[Meeting]:
    if roles.is_governance_staff:
        return Meeting.objects.all()
    ids = roles.body_ids
    return Meeting.objects.filter(pk__in=meeting_ids_of_bodies(ids))


def _meeting(pk) -> QuerySet[Meeting]:
    return Meeting.objects.filter(pk=pk).select_related("host_body")


def _meeting_of_bodies(pk, body_ids) -> QuerySet[Meeting]:
    return _meeting(pk).filter(pk__in=meeting_ids_of_bodies(body_ids))


_MEETING = Precompiled(_meeting)
_MEETING_OF_BODIES = Precompiled(_meeting_of_bodies)
# one meeting's bodies (what prefetch_related("bodies") reads, in Body's order, without its IN list)
_BODIES_OF = Precompiled(
    lambda meeting_id: Body.objects.filter(
        pk__in=Meeting.bodies.through.objects.filter(meeting_id=meeting_id).values("body_id")
    )
)


def _with_contents(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Whether each meeting has attachments, minutes, observers and an open ballot box (`has_*`): the
    meeting page reads each of those only when there is one (`agenda_of`, `minutes_of`, `observers_of`,
    `open_boxes_brief`), four queries that are usually empty, for four index probes in its first query."""
    return meetings.annotate(
        has_attachments=Exists(Attachment.objects.filter(meeting_id=OuterRef("pk"))),
        has_minutes=Exists(Minutes.objects.filter(meeting_id=OuterRef("pk"))),
        has_observers=Exists(Observer.objects.filter(meeting_id=OuterRef("pk"))),
        has_open_boxes=Exists(
            BallotBox.objects.filter(item__meeting_id=OuterRef("pk"), closed_at=None, discarded_at=None)
        ),
    )


_MEETING_PAGE = Precompiled(lambda pk: _with_contents(_meeting(pk)))
_MEETING_PAGE_OF_BODIES = Precompiled(lambda pk, body_ids: _with_contents(_meeting_of_bodies(pk, body_ids)))


def has(meeting: Meeting, contents: str) -> bool:
    """Whether `meeting` may have rows of `contents` ("attachments", "minutes", "observers", "open_boxes"):
    False only when it was read with `_with_contents` and has none."""
    return getattr(meeting, f"has_{contents}", True)


def visible_meeting(roles: Roles, pk: int, *, contents: bool = False) -> Meeting | None:
    """The meeting `pk` if the user sees it (`visible_meetings`), with its host body and bodies (and, with
    `contents`, `_with_contents`' flags): every meeting page starts here, so its two queries are compiled
    once (seongdong_gov.precompiled)."""
    if roles.is_governance_staff:
        rows = (_MEETING_PAGE if contents else _MEETING).rows(pk=pk)
    else:
        ids = roles.body_ids
        query = _MEETING_PAGE_OF_BODIES if contents else _MEETING_OF_BODIES
        rows = query.rows(pk=pk, body_ids=sorted(ids)) if ids else []
    if not rows:
        return None
    seed_prefetched(rows[0], "bodies", _BODIES_OF.rows(meeting_id=pk))
    return rows[0]


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


LIST_COLUMNS = ("title", "starts_at", "original_date", "moved_reason", "date_flagged", "place", "status")


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
        # the columns the list shows (meetings.markup.meeting_rows_html), not the purposes and notes
        .only(*LIST_COLUMNS, "host_body__name")
        .prefetch_related(Prefetch("bodies", queryset=Body.objects.only("name")))
        .order_by("starts_at", "pk")
    )


def rule_body(meeting: Meeting) -> Body:
    """The body whose procedural rules apply: the host, else the first body."""
    if meeting.host_body_id:
        return meeting.host_body
    bodies = sorted(meeting.bodies.all(), key=lambda b: (b.order, b.pk))
    return bodies[0]


def _enrolled(body_ids: list[int], on: dt.date) -> QuerySet[Membership]:
    """재적 as a queryset: memberships of `body_ids` in office `on`, unordered (sorted by the callers: in
    SQL the order joined the bodies and cost ~1 ms of ORM compiling)."""
    return Membership.objects.filter(body__in=body_ids).filter(current_q(on)).order_by()


_ENROLLED = Precompiled(lambda body_ids, on: _enrolled(body_ids, on).select_related("seat__group"))
# the members' persons by their keys (joined to the memberships, the planner hashed every person of the
# district, ~2 ms); compiled once per number of persons
_PERSONS = Precompiled(lambda ids: Person.objects.filter(pk__in=ids))
# one person's seats among them (`pk`: the person's)
_ENROLLED_OF_PERSON = Precompiled(
    lambda body_ids, on, pk: (
        _enrolled(body_ids, on).filter(person_id=pk).select_related("seat__group", "person")
    )
)
_ATTENDANCES = Precompiled(lambda meeting_id: Attendance.objects.filter(meeting_id=meeting_id).order_by())
# the same rows as tuples, for the minutes' record (plain data: building ~400 model objects for a
# 100-member meeting was a third of its HWPX's time)
_ENROLLED_VALUES = Precompiled(
    lambda body_ids, on: _enrolled(body_ids, on).values_list(
        "pk",
        "body_id",
        "role",
        "seat__number",
        "seat__group__label",
        "seat__group__order",
        "person__name",
        "person__affiliation",
        "person__title",
    )
)
_ATTENDANCE_VALUES = Precompiled(
    lambda meeting_id: (
        Attendance.objects.filter(meeting_id=meeting_id)
        .order_by()
        .values_list("membership_id", "status", "arrived_at", "left_at", "deputy_name", "mode")
    )
)


@dataclass(frozen=True, slots=True)
class EnrolledRow:
    """One member of 재적 as plain values (`enrolled_rows`)."""

    membership_id: int
    body: Body
    role: str
    seat_group_label: str
    name: str
    affiliation: str
    title: str

    @property
    def office(self) -> str:
        """소속·직위 as the papers print it: affiliation and title, either may be blank."""
        return " ".join(part for part in (self.affiliation, self.title) if part)


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One attendance line as plain values (`attendance_rows`)."""

    membership_id: int
    status: str
    arrived_at: dt.datetime | None
    left_at: dt.datetime | None
    deputy_name: str
    mode: str


def enrolled_rows(meeting: Meeting) -> list[EnrolledRow]:
    """`enrolled_memberships` as plain values, in the same order: what the minutes' record reads of each
    member. One query (the bodies are the meeting's, usually prefetched): the persons joined, where
    `enrolled_memberships` reads them by key (a hundred keys are a statement psycopg parses anew each
    time, ~0.5 ms, and a round trip; the join's hash over the district's persons costs ~0.45 ms)."""
    on = timezone.localdate(meeting.starts_at)
    bodies = {b.pk: b for b in meeting.bodies.all()}
    members = _ENROLLED_VALUES.rows(body_ids=sorted(bodies), on=on)
    members.sort(key=lambda m: (bodies[m[1]].order, m[1], m[5], m[3], m[0]))
    return [
        EnrolledRow(pk, bodies[body_id], role, label, name, affiliation, title)
        for pk, body_id, role, _number, label, _order, name, affiliation, title in members
    ]


def attendance_rows(meeting: Meeting) -> list[AttendanceRow]:
    """`attendances_of` as plain values, in no order."""
    return [AttendanceRow(*row) for row in _ATTENDANCE_VALUES.rows(meeting_id=meeting.pk)]


def enrolled_memberships(meeting: Meeting) -> list[Membership]:
    """재적: memberships of the meeting's bodies in office on the meeting date, with person, body and
    seat group. Two queries (the bodies are the meeting's, usually prefetched)."""
    on = timezone.localdate(meeting.starts_at)  # the Seoul date: starts_at is stored in UTC
    bodies = {b.pk: b for b in meeting.bodies.all()}
    members = _ENROLLED.rows(body_ids=sorted(bodies), on=on)
    persons = {p.pk: p for p in _PERSONS.rows(ids=sorted({m.person_id for m in members}))}
    for m in members:
        m.body = bodies[m.body_id]  # the meeting's own body objects, not a copy of thirty columns a member
        m.person = persons[m.person_id]
    members.sort(key=lambda m: (m.body.order, m.body_id, m.seat.group.order, m.seat.number, m.pk))
    return members


def enrolled_membership_of(meeting: Meeting, person_id: int) -> Membership | None:
    """The person's membership among the meeting's 재적위원, with person, body and seat group: the first
    of theirs in `enrolled_memberships`' order (a joint meeting may seat them twice). One query, not the
    hundred members."""
    on = timezone.localdate(meeting.starts_at)
    bodies = {b.pk: b for b in meeting.bodies.all()}
    members = _ENROLLED_OF_PERSON.rows(body_ids=sorted(bodies), on=on, pk=person_id)
    for m in members:
        m.body = bodies[m.body_id]
    members.sort(key=lambda m: (m.body.order, m.body_id, m.seat.group.order, m.seat.number, m.pk))
    return members[0] if members else None


def attendances_of(meeting: Meeting) -> list[Attendance]:
    """The meeting's attendance lines in no order: Attendance's default ordering joins membership, body,
    seat group and seat (a scan of every membership of the district), which callers that key the lines
    by member do not need."""
    return _ATTENDANCES.rows(meeting_id=meeting.pk)


def presences(attendances: list[Attendance] | list[AttendanceRow]) -> list[rules.Presence]:
    return [rules.Presence(a.membership_id, a.status, a.arrived_at, a.left_at) for a in attendances]


@dataclass
class Panel:
    quorum: rules.QuorumState
    rule_body: Body


def quorum_panel(
    meeting: Meeting, enrolled: list[Membership], attendances: list[Attendance], at=None
) -> Panel:
    return quorum_of(meeting, [m.pk for m in enrolled], presences(attendances), at)


def quorum_of(meeting: Meeting, enrolled_ids: list[int], lines: list[rules.Presence], at=None) -> Panel:
    """`quorum_panel` from the members' ids and the attendance lines as `rules.Presence`."""
    body = rule_body(meeting)
    enrolled = set(enrolled_ids)
    present = rules.present_at([p for p in lines if p.member_id in enrolled], at)
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


# the agenda of the meeting page and of the record, one query a kind of row (issue 14): each compiled
# once per connection (seongdong_gov.precompiled) and keyed by the meeting, where prefetching compiled
# an IN list a page
_ITEMS = Precompiled(
    lambda meeting_id: (
        AgendaItem.objects.filter(meeting_id=meeting_id)
        .select_related("written", "election__winner__person")
        # which kinds of row an item has: the queries of a kind no item has are not run (most agendas
        # have no named ballot, recusal, declaration or challenge; each query is a round trip)
        .annotate(
            has_votes=Exists(Vote.objects.filter(item_id=OuterRef("pk"))),
            has_ballots=Exists(NamedBallot.objects.filter(vote__item_id=OuterRef("pk"))),
            has_recusals=Exists(Recusal.objects.filter(item_id=OuterRef("pk"))),
            has_declarations=Exists(InterestDeclaration.objects.filter(item_id=OuterRef("pk"))),
            has_challenges=Exists(RecusalChallenge.objects.filter(item_id=OuterRef("pk"))),
        )
        .order_by("order")
    )
)
_VOTES = Precompiled(
    lambda meeting_id: Vote.objects.filter(item__meeting_id=meeting_id).order_by("taken_at", "pk")
)
_BALLOTS = Precompiled(
    lambda meeting_id: (
        NamedBallot.objects.filter(vote__item__meeting_id=meeting_id)
        .select_related("membership__person")
        .order_by("membership__person__name", "pk")
    )
)
_RECUSALS = Precompiled(
    lambda meeting_id: Recusal.objects.filter(item__meeting_id=meeting_id).select_related(
        "membership__person"
    )
)
_ATTACHMENTS = Precompiled(lambda meeting_id: Attachment.objects.filter(meeting_id=meeting_id))
_MINUTES = Precompiled(lambda meeting_id: Minutes.objects.filter(meeting_id=meeting_id))
_OBSERVERS = Precompiled(lambda meeting_id: Observer.objects.filter(meeting_id=meeting_id))
_CORRECTIONS = Precompiled(
    lambda minutes_id: MinutesCorrection.objects.filter(minutes_id=minutes_id).order_by("created_at", "pk")
)


def minutes_of(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes (one at most), or None."""
    if not has(meeting, "minutes"):
        return None
    return next(iter(_MINUTES.rows(meeting_id=meeting.pk)), None)


def corrections_of(minutes: Minutes) -> list[MinutesCorrection]:
    """The corrections appended to (locked) minutes, oldest first."""
    return _CORRECTIONS.rows(minutes_id=minutes.pk)


def observers_of(meeting: Meeting) -> list[Observer]:
    return _OBSERVERS.rows(meeting_id=meeting.pk) if has(meeting, "observers") else []


def grouped_by(rows, attname: str) -> dict[int | None, list]:
    """Rows by the value of one of their attributes (a foreign key's id), in their order."""
    out: dict[int | None, list] = {}
    for row in rows:
        out.setdefault(getattr(row, attname), []).append(row)
    return out


def any_of(items: list[AgendaItem], flag: str) -> bool:
    """Whether any of the items (from `items_with_votes`) has rows of a kind (`has_votes`, `has_ballots`,
    `has_recusals`, `has_declarations`, `has_challenges`)."""
    return any(getattr(item, flag) for item in items)


def items_with_votes(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in order (with 서면의결 and election, its winner's person), each with
    `vote_list` (by time, each vote with its `ballot_list` by name, with member and person) and
    `recusal_list` (with member and person). At most four queries whatever the number of items or votes
    (one, if no item has a vote or a recusal)."""
    pk = meeting.pk
    items = _ITEMS.rows(meeting_id=pk)
    ballots = grouped_by(_BALLOTS.rows(meeting_id=pk), "vote_id") if any_of(items, "has_ballots") else {}
    votes = _VOTES.rows(meeting_id=pk) if any_of(items, "has_votes") else []
    for v in votes:
        v.ballot_list = ballots.get(v.pk, [])
    votes_of = grouped_by(votes, "item_id")
    recusals = grouped_by(_RECUSALS.rows(meeting_id=pk), "item_id") if any_of(items, "has_recusals") else {}
    for item in items:
        item.vote_list = votes_of.get(item.pk, [])
        item.recusal_list = recusals.get(item.pk, [])
    return items


def agenda_of(meeting: Meeting) -> tuple[list[AgendaItem], list[Attachment]]:
    """The agenda as the meeting page shows it: `items_with_votes`, each item also with its
    `attachment_list`; and the meeting's own attachments (those on no item). Five queries."""
    items = items_with_votes(meeting)
    rows = _ATTACHMENTS.rows(meeting_id=meeting.pk) if has(meeting, "attachments") else []
    attachments = grouped_by(rows, "item_id")
    for item in items:
        item.attachment_list = attachments.get(item.pk, [])
    return items, attachments.get(None, [])


def meeting_detail_data(meeting: Meeting, *, show_agenda: bool, show_minutes_draft: bool) -> dict:
    """Fixed number of queries whatever the number of items, members or votes."""
    # plain values (the page writes names, offices and times; no model methods): ~5 ms less for 100
    enrolled = enrolled_rows(meeting)
    attendances = attendance_rows(meeting)
    items, attachments = agenda_of(meeting) if show_agenda else ([], [])
    run_of_show(meeting, items)
    minutes = minutes_of(meeting)
    if minutes and not show_minutes_draft and minutes.status == Minutes.Status.DRAFT:
        minutes = None
    by_member = {a.membership_id: a for a in attendances}
    rows = [(m, by_member.get(m.membership_id)) for m in enrolled]
    return {
        "panel": quorum_of(meeting, [m.membership_id for m in enrolled], presences(attendances)),
        "rows": rows,
        "items": items,
        "minutes": minutes,
        "observers": observers_of(meeting),
        "attachments": attachments,
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


# 내 회의's two lists, compiled once per connection and number of bodies (seongdong_gov.precompiled)
_UPCOMING = Precompiled(
    lambda body_ids, member_body_ids, since: (
        Meeting.objects.filter(pk__in=meeting_ids_of_bodies(body_ids), starts_at__gte=since)
        # whether the user is a member of one of the meeting's bodies (the 이해충돌 신고 link,
        # meetings.selectors.interests.declaring_meeting_ids), in the same query
        .annotate(
            of_my_membership=Exists(meeting_ids_of_bodies(member_body_ids).filter(meeting_id=OuterRef("pk")))
        )
        .order_by("starts_at", "pk")[: UPCOMING_MAX + 1]
    )
)
_PAST = Precompiled(
    lambda body_ids, before: (
        Meeting.objects.filter(pk__in=meeting_ids_of_bodies(body_ids), starts_at__lt=before)
        .select_related("minutes")
        # what 내 회의 writes (meetings.markup.past_html): not the minutes' frozen record, some 30 KB of
        # JSON a locked meeting, twenty a page
        .only("pk", "title", "starts_at", "minutes__status")
        .order_by("-starts_at", "-pk")
    )
)


def my_upcoming(roles: Roles, *, today: dt.date) -> tuple[list[Meeting], bool]:
    """The member portal's upcoming meetings of the member's bodies (from today's Seoul midnight), the
    next UPCOMING_MAX in date order (each with `of_my_membership`), and whether there are more. One query
    on the indexed starts_at."""
    ids = roles.body_ids
    if not ids:
        return [], False
    rows = _UPCOMING.rows(
        body_ids=sorted(ids), member_body_ids=sorted(roles.member_body_ids), since=_seoul_midnight(today)
    )
    return rows[:UPCOMING_MAX], len(rows) > UPCOMING_MAX


def my_past(roles: Roles, *, today: dt.date, start: int, stop: int) -> list[Meeting]:
    """The member portal's past meetings `[start:stop]`, latest first, with their minutes: the view shows
    them a page at a time (one page and whether there is another, no count), so every past meeting stays
    reachable and none is loaded in bulk."""
    ids = roles.body_ids
    if not ids:
        return []
    return _PAST.rows(window=(start, stop), body_ids=sorted(ids), before=_seoul_midnight(today))


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
