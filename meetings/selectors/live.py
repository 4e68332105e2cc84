"""Reads for the sitting, live (issue 15 §3): the room's screen and the member's phone poll these every
two seconds, so each is a small fixed number of queries whatever the size of the body or the agenda."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count

from committees.permissions import Roles
from meetings.models import AgendaItem, BallotBox, Meeting, Vote
from meetings.selectors.meetings import (
    Panel,
    attendances_of,
    enrolled_memberships,
    meeting_ids_of_bodies,
    quorum_panel,
    run_of_show,
)
from seongdong_gov.precompiled import Precompiled

# the states in which a meeting may be sitting (the lifecycle's "current_item" action)
LIVE_STATES = (Meeting.Status.NOTICE_SENT, Meeting.Status.HELD, Meeting.Status.MINUTES_DRAFT)
# a sitting often runs past its planned end: the portal keeps showing it for this long after
OVERRUN = dt.timedelta(hours=2)
MAX_TOKEN_LENGTH = 100  # a token is 43 characters; anything much longer is not one


def screen_digest(token: str) -> str:
    """What is stored of a screen token. Looking a link up by its digest compares no secret byte by byte
    (nothing to time), and a database reader cannot rebuild the URL."""
    return hashlib.sha256(token.encode()).hexdigest()


def screen_meeting(token: str) -> Meeting | None:
    """The meeting whose live screen link is `token`, with its host body and bodies; None for an unknown
    or revoked token. Two queries."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        Meeting.objects.filter(
            screen_links__digest=screen_digest(token), screen_links__revoked_at__isnull=True
        )
        .select_related("host_body")
        .prefetch_related("bodies")
        .first()
    )


def live_link(meeting: Meeting):
    """The meeting's live screen link (who made it and when), or None. One query."""
    return meeting.screen_links.filter(revoked_at__isnull=True).select_related("created_by").first()


@dataclass(frozen=True)
class LiveItem:
    pk: int
    order: int
    title: str
    kind: str
    presenter: str
    slot_start: dt.datetime
    slot_end: dt.datetime


def live_items(meeting: Meeting) -> tuple[LiveItem | None, LiveItem | None]:
    """The item under discussion and the one after it, each with its run-of-show slot (meeting start +
    the planned minutes of the items before it, as on the agenda pack). One query."""
    if meeting.current_item_id is None:
        return None, None
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .only("pk", "order", "title", "kind", "presenter", "planned_minutes")
        .order_by("order")
    )
    run_of_show(meeting, items)
    for i, item in enumerate(items):
        if item.pk == meeting.current_item_id:
            following = items[i + 1] if i + 1 < len(items) else None
            return _live(item), _live(following) if following else None
    return None, None


def _live(item: AgendaItem) -> LiveItem:
    return LiveItem(
        item.pk,
        item.order,
        item.title,
        item.get_kind_display(),
        item.presenter,
        item.slot_start,
        item.slot_end,
    )


def last_vote(meeting: Meeting) -> Vote | None:
    """The meeting's latest recorded vote with its item: the result the screen shows. One query."""
    return (
        Vote.objects.filter(item__meeting=meeting).select_related("item").order_by("-taken_at", "-pk").first()
    )


@dataclass(frozen=True)
class VoteInProgress:
    """The electronic vote being taken (issue 15 §2): its box, item and how many have voted, never how."""

    box: BallotBox
    item: AgendaItem
    voted: int


def vote_in_progress(meeting: Meeting) -> VoteInProgress | None:
    """The open ballot box on the meeting's items (the first by agenda order if several), with the number
    of voter marks. One query: the marks are counted in it."""
    box = (
        BallotBox.objects.filter(item__meeting=meeting, closed_at=None, discarded_at=None)
        .select_related("item")
        .annotate(voted=Count("voter_marks"))
        .order_by("item__order", "pk")
        .first()
    )
    return None if box is None else VoteInProgress(box=box, item=box.item, voted=box.voted)


def live_state(meeting: Meeting, *, now: dt.datetime) -> dict:
    """What the room's screen shows: the bodies, the item under discussion and its slot, present /
    재적 / quorum at `now` (the meeting page's quorum panel, counted at this moment: a member who has
    left no longer counts), the electronic vote being taken (how many have voted, never how) and the last
    vote's result. Five queries, after the two of screen_meeting."""
    current, following = live_items(meeting)
    enrolled = enrolled_memberships(meeting)
    attendances = attendances_of(meeting)
    panel: Panel = quorum_panel(meeting, enrolled, attendances, at=now)
    return {
        "meeting": meeting,
        "bodies": sorted(meeting.bodies.all(), key=lambda b: (b.order, b.pk)),
        "current": current,
        "following": following,
        "panel": panel,
        "last_vote": last_vote(meeting),
        "vote_in_progress": vote_in_progress(meeting),
    }


def member_live_state(meeting: Meeting, *, show_agenda: bool) -> dict:
    """What a member's phone shows: the item under discussion and its slot (when the member may see the
    agenda) and the electronic vote being taken, with a link to the ballot. Two queries at most."""
    if not show_agenda:
        return {"meeting": meeting, "current": None, "vote_in_progress": None}
    current, _following = live_items(meeting)
    return {"meeting": meeting, "current": current, "vote_in_progress": vote_in_progress(meeting)}


def is_live(meeting: Meeting, *, now: dt.datetime) -> bool:
    """The meeting is sitting now, by the same rule as my_live_meetings."""
    return meeting.status in LIVE_STATES and meeting.starts_at <= now < meeting.ends_at + OVERRUN


_LIVE = Precompiled(
    lambda body_ids, now, since: Meeting.objects.filter(
        pk__in=meeting_ids_of_bodies(body_ids),
        status__in=LIVE_STATES,
        starts_at__lte=now,
        ends_at__gt=since,
    ).order_by("starts_at", "pk")
)


def my_live_meetings(roles: Roles, *, now: dt.datetime) -> list[Meeting]:
    """The meetings of the user's bodies sitting now (started, not yet OVERRUN past their planned end,
    in a state that may sit): the portal's live panels. One query, compiled once per connection and
    number of bodies (seongdong_gov.precompiled)."""
    ids = roles.body_ids
    if not ids:
        return []
    return _LIVE.rows(body_ids=sorted(ids), now=now, since=now - OVERRUN)
