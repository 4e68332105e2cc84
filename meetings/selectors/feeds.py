"""Reads for the calendar feeds: a bounded window of meetings and its version in one query.

A calendar app polls its feed every few minutes; the version (count and latest change of the
window) lets an unchanged feed answer 304 without loading a single meeting."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet

from committees.permissions import Roles
from meetings.models import Meeting
from meetings.selectors.meetings import visible_meetings, year_ago

# the fields an event needs: the rest of a meeting row (reasons, flags) never reaches the feed
EVENT_FIELDS = ("uid", "title", "place", "starts_at", "ends_at", "status", "sequence", "updated_at")


@dataclass(frozen=True)
class FeedVersion:
    etag: str
    last_modified: dt.datetime | None


def feed_meetings(roles: Roles, *, today: dt.date) -> QuerySet[Meeting]:
    """The meetings of a user's feed: those of the past 12 months and all future ones, in date order.
    Older meetings stay on the meeting list and the body pages; a calendar app keeps what it had."""
    return (
        visible_meetings(roles)
        .filter(starts_at__gte=year_ago(today))
        .only(*EVENT_FIELDS)
        .order_by("starts_at", "pk")
    )


def feed_scope(roles: Roles) -> str:
    """What decides which meetings a feed holds besides the rows: staff see all, others their bodies."""
    if roles.is_governance_staff:
        return "staff"
    return ",".join(str(pk) for pk in sorted(roles.body_ids))


def feed_version(meetings: QuerySet[Meeting], *, scope: str, today: dt.date) -> FeedVersion:
    """One aggregate query over the feed's window. The ETag changes when a meeting in the window is
    saved (updated_at), when one enters or leaves it (count), when the window moves (the day) or when
    the user's bodies change (scope); Last-Modified is the latest save, for clients without ETags."""
    agg = meetings.order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    last = agg["last"]
    key = f"{scope}|{today.isoformat()}|{agg['n']}|{last.isoformat() if last else '-'}"
    return FeedVersion(etag=hashlib.sha256(key.encode()).hexdigest()[:32], last_modified=last)


def meeting_version(meeting: Meeting) -> FeedVersion:
    """One meeting's .ics: it changes exactly when the meeting is saved."""
    key = f"{meeting.pk}|{meeting.sequence}|{meeting.updated_at.isoformat()}"
    return FeedVersion(etag=hashlib.sha256(key.encode()).hexdigest()[:32], last_modified=meeting.updated_at)
