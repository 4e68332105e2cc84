"""Reads for the printed meeting documents (notice, agenda pack, sign-in sheet): a fixed number of
queries whatever the number of items or members."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from committees.models import Body
from committees.selectors import current_holding
from meetings.models import AgendaItem, Attachment, Meeting
from meetings.selectors.meetings import run_of_show


def document_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order with its attachments, each item timed (slot_start / slot_end). Two queries."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("original_name")))
        .order_by("order")
    )
    run_of_show(meeting, items)
    return items


def document_attachments(meeting: Meeting) -> list[Attachment]:
    return list(Attachment.objects.filter(meeting=meeting).select_related("item").order_by("original_name"))


def secretary_contact(meeting: Meeting) -> str:
    """The office to contact about a meeting: the host body's (else the first body's) secretary,
    by post (the current holder and the post's unit) or by person, with a phone number when known."""
    body: Body | None = meeting.host_body or next(iter(meeting.bodies.all()), None)
    if body is None:
        return ""
    if body.secretary_post_id:
        post = body.secretary_post
        holding = current_holding(post, timezone.localdate(meeting.starts_at))
        person = holding.person if holding else None
        office = f"{post.unit.name} {post.name}"
    else:
        person = body.secretary_person
        office = ""
    parts = [office, person.name if person else "", person.phone if person else ""]
    return " ".join(p for p in parts if p)
