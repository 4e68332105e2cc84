"""The body's roster (위원 명단) rendered ahead by the worker (`seongdong_gov.render_ahead`): after a change
to the body, its seats or its members, and every morning (the roster is dated), both versions (with and
without contacts) as their download (`committees.views.body_roster`) would render them."""

from __future__ import annotations

from django.utils import timezone

from committees import documents, selectors
from committees.models import Body, Membership, Person, Seat, SeatGroup
from seongdong_gov import render_ahead

KIND = "body"


def render_body(pk: int) -> None:
    body = Body.objects.filter(pk=pk).first()
    if body is None:
        return
    today = timezone.localdate()
    groups = selectors.body_composition(body, today)
    for show_contacts in (True, False):
        doc = documents.roster_document(body, groups, on=today, show_contacts=show_contacts)
        doc.to_pdf()
        doc.to_hwpx()


def _of_person(person: Person) -> list[render_ahead.Key]:
    # the rosters the person is on today (names, affiliations and contacts are printed)
    today = timezone.localdate()
    bodies = selectors.memberships_on(today).filter(person=person).values_list("body_id", flat=True)
    return [(KIND, pk) for pk in bodies]


def daily() -> list[render_ahead.Key]:
    """Every morning: every active body's roster (dated today)."""
    return [(KIND, pk) for pk in Body.objects.filter(is_active=True).values_list("pk", flat=True)]


def register() -> None:
    render_ahead.register_resolver(Body, lambda body: [(KIND, body.pk)])
    render_ahead.register_resolver(SeatGroup, lambda group: [(KIND, group.body_id)])
    render_ahead.register_resolver(Seat, lambda seat: [(KIND, seat.group.body_id)])
    render_ahead.register_resolver(Membership, lambda membership: [(KIND, membership.body_id)])
    render_ahead.register_resolver(Person, _of_person)
    render_ahead.register_renderer(KIND, render_body)
    render_ahead.register_daily(daily)
