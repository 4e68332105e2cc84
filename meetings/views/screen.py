"""The meeting room's screen (issue 15 §3): no login, the secret link is the key, and it shows only that
meeting, what a projector in the room shows anyway. Unknown or revoked links are 404 at once (each request
looks the link up again). Rendered without the request: nothing reads or sets a session cookie; never
cached, never indexed, the token never sent on as a referrer."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from meetings import selectors
from meetings.views._live import live_fragment, live_html

POLL_ID = "screen-state"


def screen_response(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)  # Cache-Control: no-store (and no-cache, private)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapped


def _state(token: str) -> tuple[dict, str]:
    meeting = selectors.screen_meeting(token)
    if meeting is None:
        raise Http404
    return selectors.live_state(meeting, now=timezone.now()), reverse("screen:state", args=[token])


@screen_response
def screen_page(request, token: str):
    state, poll_url = _state(token)
    html, _version = live_html("meetings/_screen_state.html", state, poll_url=poll_url, poll_id=POLL_ID)
    return HttpResponse(
        render_to_string("meetings/screen.html", {"meeting": state["meeting"], "state": html})
    )


@screen_response
def screen_state(request, token: str):
    """Polled every 2 s: six queries whatever the size of the body (see selectors.live_state). An
    unknown or revoked link answers 404 with a notice and no poll: the screen swaps it in and stops."""
    try:
        state, poll_url = _state(token)
    except Http404:
        return HttpResponse(render_to_string("meetings/_screen_gone.html"), status=404)
    return live_fragment(request, "meetings/_screen_state.html", state, poll_url=poll_url, poll_id=POLL_ID)
