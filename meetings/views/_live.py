"""The polled fragments the live views share (the room's screen, the member's phone, the portal's panels)."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from meetings import permissions, selectors

POLL_TEMPLATE = "meetings/_live_poll.html"


def live_html(template: str, context: dict, *, poll_url: str | None, poll_id: str) -> tuple[str, str]:
    """The fragment's HTML (rendered without the request: no context processors, no session read) and
    its version, a digest of what it shows. The fragment polls its own URL every 2 s with `?v=`; without
    a `poll_url` it is the last answer and the polling stops."""
    inner = render_to_string(template, context)
    version = hashlib.sha256(inner.encode()).hexdigest()[:16]
    html = render_to_string(
        POLL_TEMPLATE,
        {"inner": mark_safe(inner), "poll_url": poll_url, "poll_id": poll_id, "version": version},
    )
    return html, version


def fragment_response(request: HttpRequest, html: str, version: str) -> HttpResponse:
    """The fragment; 204 No Content when the poller already holds this version (htmx then swaps nothing,
    so a screen reader in the region hears only real changes)."""
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    return HttpResponse(html)


def live_fragment(request: HttpRequest, template: str, context: dict, *, poll_url: str | None, poll_id: str):
    """The fragment of `template`, answered as fragment_response does."""
    return fragment_response(request, *live_html(template, context, poll_url=poll_url, poll_id=poll_id))


def member_panel(roles, meeting, *, now) -> tuple[str, str]:
    """The member's live panel of a meeting in reach, and its version: what the poll answers and what the
    portal shows in its first answer, so the page does not shift under a finger when the first poll
    lands (a tap meant for the ballot button would hit whatever moved there)."""
    show_agenda = permissions.can_manage(roles, meeting) or meeting.agenda_published
    live = selectors.is_live(meeting, now=now)
    return live_html(
        "meetings/_live_member.html",
        {**selectors.member_live_state(meeting, show_agenda=show_agenda), "live": live},
        poll_url=reverse("meetings:live", args=[meeting.pk]) if live else None,
        poll_id=f"live-{meeting.pk}",
    )
