"""The polled fragment both live views share (the room's screen, the member's phone)."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

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


def live_fragment(request: HttpRequest, template: str, context: dict, *, poll_url: str | None, poll_id: str):
    """The fragment; 204 No Content when the poller already holds this version (htmx then swaps nothing,
    so a screen reader in the region hears only real changes)."""
    html, version = live_html(template, context, poll_url=poll_url, poll_id=poll_id)
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    return HttpResponse(html)
