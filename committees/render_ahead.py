"""The body's roster (위원 명단) rendered ahead by the worker (`seongdong_gov.render_ahead`): after a change
to the body, its seats or its members, and every morning (the roster is dated), both versions (with and
without contacts) as their download (`committees.views.body_roster`) would render them. The resolvers
read nothing (they run inside the change's transaction): a seat or a person is a key the worker resolves."""

from __future__ import annotations

from django.utils import timezone

from committees import documents, selectors
from committees.models import Body, Membership, Person, Seat, SeatGroup
from seongdong_gov import render_ahead

KIND = "body"
SEAT_GROUP = "seat-group"
PERSON = "person"


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


def render_seat_group(pk: int) -> None:
    group = SeatGroup.objects.filter(pk=pk).first()
    if group is not None:
        render_body(group.body_id)


def render_person(pk: int) -> None:
    """The rosters the person is on today (names, affiliations and contacts are printed): one task a
    body (a 동장 may sit on seventeen)."""
    bodies = (
        selectors.memberships_on(timezone.localdate()).filter(person_id=pk).values_list("body_id", flat=True)
    )
    render_ahead.enqueue((KIND, body_id) for body_id in bodies)


def daily() -> list[render_ahead.Key]:
    """Every morning: every active body's roster (dated today)."""
    return [
        (KIND, pk) for pk in Body.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    ]


def register() -> None:
    render_ahead.register_resolver(Body, lambda body: [(KIND, body.pk)])
    render_ahead.register_resolver(SeatGroup, lambda group: [(KIND, group.body_id)])
    render_ahead.register_resolver(Seat, lambda seat: [(SEAT_GROUP, seat.group_id)])
    render_ahead.register_resolver(Membership, lambda membership: [(KIND, membership.body_id)])
    render_ahead.register_resolver(Person, lambda person: [(PERSON, person.pk)])
    render_ahead.register_renderer(KIND, render_body)
    render_ahead.register_renderer(SEAT_GROUP, render_seat_group)
    render_ahead.register_renderer(PERSON, render_person)
    render_ahead.register_daily(daily)
