"""Reads for meeting series (회의 일정 계획): staff, and the secretaries of the series' bodies."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, QuerySet

from committees.models import Body
from committees.permissions import Roles
from meetings.models import Meeting, MeetingSeries, SeriesHost


def managed_series(roles: Roles) -> QuerySet[MeetingSeries]:
    """Staff manage every series; a secretary those with at least one of their bodies."""
    if roles.is_governance_staff:
        return MeetingSeries.objects.all()
    return MeetingSeries.objects.filter(
        pk__in=MeetingSeries.objects.filter(bodies__in=roles.secretary_body_ids).values("pk")
    )


def with_bodies_and_hosts(qs: QuerySet[MeetingSeries]) -> QuerySet[MeetingSeries]:
    return qs.prefetch_related(
        "bodies", Prefetch("hosts", queryset=SeriesHost.objects.select_related("body").order_by("order"))
    )


def series_list(roles: Roles) -> QuerySet[MeetingSeries]:
    """Three queries: the series with their meeting count and last generated date, their bodies, and
    their hosts with each host's body."""
    return with_bodies_and_hosts(
        managed_series(roles).annotate(
            meeting_count=Count("meetings", distinct=True), generated_until=Max("meetings__original_date")
        )
    ).order_by("name")


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
