"""iCalendar: one meeting as .ics, and the personal feed reached by its secret token.

Both answer a conditional GET (If-None-Match / If-Modified-Since) with 304 from the version alone:
calendar apps poll, and an unchanged feed then costs one aggregate query and no rendering."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from committees.permissions import roles_for
from meetings import ical, permissions, selectors, services
from meetings.models import FeedToken

FEED_CACHE_SECONDS = 600


@login_required
@require_POST
def feed_renew(request):
    services.feed_token_renew(actor=request.user)
    messages.success(request, _("새 달력 구독 주소를 만들었습니다. 이전 주소는 더 이상 쓸 수 없습니다."))
    return redirect("meetings:portal")


def _conditional(request, version: selectors.FeedVersion, render, filename: str) -> HttpResponse:
    """304 when the client holds this version, else the calendar rendered by `render()`; both carry
    the validators (the same semantics as django.views.decorators.http.condition, with the version
    computed once instead of once per header)."""
    etag = quote_etag(version.etag)
    last_modified = int(version.last_modified.timestamp()) if version.last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(render(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # a feed URL is a secret: shared caches must not keep it
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_safe
def meeting_ics(request, pk: int):
    meeting = permissions.meeting_for_user(request, pk)
    return _conditional(
        request,
        selectors.meeting_version(meeting),
        lambda: ical.calendar_for([meeting], meeting.title),
        f"meeting-{meeting.pk}.ics",
    )


@require_safe
def feed(request, token: str):
    """The personal feed: no login (calendar apps cannot log in); the secret token is the key.
    Bounded to the past 12 months and every future meeting (selectors.feed_meetings)."""
    ft = FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if ft is None:
        raise Http404
    roles, today = roles_for(ft.user), timezone.localdate()
    meetings = selectors.feed_meetings(roles, today=today)
    version = selectors.feed_version(meetings, scope=selectors.feed_scope(roles), today=today)

    def render() -> str:
        # The version names exactly what the feed holds (scope, window, count, latest save), so a feed
        # rendered for it is reused: a calendar app that polls without If-None-Match, and every user of
        # the same scope, then costs the version query instead of rendering every event again. The
        # cache is per process and only ever saves work; nothing depends on it.
        key = f"meetings:feed:{version.etag}:{get_language()}"
        body = cache.get(key)
        if body is None:
            body = ical.calendar_for(meetings, _("내 회의"))
            cache.set(key, body, FEED_CACHE_SECONDS)
        return body

    return _conditional(request, version, render, "meetings.ics")
