"""The meeting's documents rendered ahead by the worker (`seongdong_gov.render_ahead`): after a change to a
meeting or anything on it, its sign-in sheet, notice, agenda pack and minutes, as their downloads
(`meetings.views.documents`) would render them, so a download finds its PDF rendered.

The resolvers read nothing: they run inside the change's transaction (a failed read there would abort
it on PostgreSQL). What needs a read (the meeting of a vote whose item is not in memory, the coming
meetings of a body or a person) is a key of its own that the worker resolves.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from committees.models import Membership, Person
from committees.selectors import memberships_on
from meetings import documents, selectors
from meetings.models import Meeting, Minutes
from seongdong_gov import render_ahead

KIND = "meeting"
BODY_MEETINGS = "body-meetings"
PERSON_MEETINGS = "person-meetings"
# the meetings whose documents a morning's run and a change of membership render: those of the coming
# weeks (their sign-in sheets and notices are printed before them)
AHEAD_DAYS = 30
# the links from a meetings-app object towards its meeting, tried in this order
_TOWARDS_MEETING = ("item", "vote", "election", "minutes", "resolution")


def _forward(obj, name: str):
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.many_to_one or (field.one_to_one and field.concrete) else None


def _meeting_key(obj) -> render_ahead.Key | None:
    """The meeting of a meetings-app object, from what is in memory: its own id, or a related object the
    service loaded; else a key the worker resolves ("meeting-of:<model>", the related object's id)."""
    if isinstance(obj, Meeting):
        return (KIND, obj.pk)
    if getattr(obj, "meeting_id", None):
        return (KIND, obj.meeting_id)
    for name in _TOWARDS_MEETING:
        field = _forward(obj, name)
        if field is None or getattr(obj, field.attname) is None:
            continue
        if field.is_cached(obj):
            return _meeting_key(getattr(obj, name))
        return (f"meeting-of:{field.related_model._meta.model_name}", getattr(obj, field.attname))
    return None


def _meeting_of(model):
    """In the worker: a `meeting-of:<model>` key, followed one link (one read) at a time to its meeting."""

    def render(pk: int) -> None:
        obj = model.objects.filter(pk=pk).first()
        key = _meeting_key(obj) if obj is not None else None
        if key is not None:
            render_ahead.render(*key)

    return render


def near_meetings(body_ids: list[int] | None, today: dt.date | None = None) -> list[int]:
    """The meetings of `body_ids` (None: of every body) in the coming `AHEAD_DAYS`, soonest first."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.filter(
        starts_at__date__gte=today, starts_at__date__lte=today + dt.timedelta(days=AHEAD_DAYS)
    ).exclude(status=Meeting.Status.CANCELLED)
    if body_ids is not None:
        meetings = meetings.filter(bodies__in=body_ids)
    return list(dict.fromkeys(meetings.order_by("starts_at", "pk").values_list("pk", flat=True)))


def render_meeting(pk: int) -> None:
    """Render the meeting's PDFs and HWPX files into the documents cache, as their downloads would."""
    meeting = Meeting.objects.select_related("host_body").prefetch_related("bodies").filter(pk=pk).first()
    if meeting is None:
        return
    minutes = selectors.minutes_of(meeting)
    made = []
    if minutes is None or minutes.status != Minutes.Status.LOCKED:
        made += [documents.signin_sheet(meeting), documents.notice(meeting), documents.agenda_pack(meeting)]
    for doc in made:
        doc.to_pdf()
        doc.to_hwpx()
    if minutes is not None:
        for fmt in ("pdf", "hwpx"):
            documents.minutes_file(meeting, minutes, fmt)


def _enqueue_body_meetings(body_ids: list[int]) -> None:
    # one task a meeting (short tasks: the mail on the same worker never waits long)
    render_ahead.enqueue((KIND, pk) for pk in near_meetings(body_ids))


def render_body_meetings(body_id: int) -> None:
    """The documents of the body's coming meetings (their sign-in sheets list its members)."""
    _enqueue_body_meetings([body_id])


def render_person_meetings(person_id: int) -> None:
    """The documents of the coming meetings of the bodies the person sits on today."""
    bodies = (
        memberships_on(timezone.localdate()).filter(person_id=person_id).values_list("body_id", flat=True)
    )
    _enqueue_body_meetings(list(bodies))


def daily() -> list[render_ahead.Key]:
    """Every morning: the coming weeks' meetings (their notices carry the day's date)."""
    return [(KIND, pk) for pk in near_meetings(None)]


def register() -> None:
    for model in apps.get_app_config("meetings").get_models():
        render_ahead.register_resolver(model, lambda obj: [key] if (key := _meeting_key(obj)) else [])
        render_ahead.register_renderer(f"meeting-of:{model._meta.model_name}", _meeting_of(model))
    # a member appointed or leaving, a person renamed: found in the worker, not in the change's transaction
    render_ahead.register_resolver(Membership, lambda membership: [(BODY_MEETINGS, membership.body_id)])
    render_ahead.register_resolver(Person, lambda person: [(PERSON_MEETINGS, person.pk)])
    render_ahead.register_renderer(KIND, render_meeting)
    render_ahead.register_renderer(BODY_MEETINGS, render_body_meetings)
    render_ahead.register_renderer(PERSON_MEETINGS, render_person_meetings)
    render_ahead.register_daily(daily)
