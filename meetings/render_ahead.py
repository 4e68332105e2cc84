"""The meeting's documents rendered ahead by the worker (`seongdong_gov.render_ahead`): after a change to a
meeting or anything on it, its sign-in sheet, notice, agenda pack and minutes, as their downloads
(`meetings.views.documents`) would render them, so a download finds its PDF rendered."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from committees.models import Membership
from meetings import documents, selectors
from meetings.models import Meeting, Minutes
from seongdong_gov import render_ahead

KIND = "meeting"
BODY_MEETINGS = "body-meetings"
# the meetings whose documents a morning's run and a change of membership render: those of the coming
# weeks (their sign-in sheets and notices are printed before them)
AHEAD_DAYS = 30


def _meeting_id(obj, depth: int = 0) -> int | None:
    """The meeting a meetings-app object belongs to: its own, its item's, its vote's, its election's or
    its minutes' (objects of a service are in memory; at most a few related reads otherwise)."""
    if isinstance(obj, Meeting):
        return obj.pk
    if getattr(obj, "meeting_id", None):
        return obj.meeting_id
    if depth < 3:
        for name in ("item", "vote", "election", "minutes", "resolution"):
            related = getattr(obj, name, None) if _has_forward(obj, name) else None
            if related is not None:
                return _meeting_id(related, depth + 1)
    return None


def _has_forward(obj, name: str) -> bool:
    try:
        field = obj._meta.get_field(name)
    except Exception:
        return False
    return field.many_to_one or (field.one_to_one and field.concrete)


def _of_meeting_object(obj) -> list[render_ahead.Key]:
    pk = _meeting_id(obj)
    return [(KIND, pk)] if pk else []


def _near_meetings(body_ids: list[int], today: dt.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return list(
        Meeting.objects.filter(
            bodies__in=body_ids,
            starts_at__date__gte=today,
            starts_at__date__lte=today + dt.timedelta(days=AHEAD_DAYS),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("pk", flat=True)
        .distinct()[:50]
    )


def render_body_meetings(body_id: int) -> None:
    """The documents of the body's coming meetings (their sign-in sheets list its members)."""
    for pk in _near_meetings([body_id]):
        render_meeting(pk)


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


def daily() -> list[render_ahead.Key]:
    """Every morning: the coming weeks' meetings (their notices carry the day's date)."""
    from committees.models import Body

    ids = list(Body.objects.filter(is_active=True).values_list("pk", flat=True))
    return [(KIND, pk) for pk in _near_meetings(ids)]


def register() -> None:
    for model in apps.get_app_config("meetings").get_models():
        render_ahead.register_resolver(model, _of_meeting_object)
    # a member appointed or leaving: found in the worker, not in the change's transaction
    render_ahead.register_resolver(Membership, lambda membership: [(BODY_MEETINGS, membership.body_id)])
    render_ahead.register_renderer(KIND, render_meeting)
    render_ahead.register_renderer(BODY_MEETINGS, render_body_meetings)
    render_ahead.register_daily(daily)
