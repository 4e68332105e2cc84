"""iCalendar: one meeting as .ics, and the personal feed reached by its secret token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees.permissions import roles_for
from meetings import ical, permissions, selectors, services
from meetings.models import FeedToken


@login_required
@require_POST
def feed_renew(request):
    services.feed_token_renew(actor=request.user)
    messages.success(request, _("새 달력 구독 주소를 만들었습니다. 이전 주소는 더 이상 쓸 수 없습니다."))
    return redirect("meetings:portal")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def meeting_ics(request, pk: int):
    meeting = permissions.meeting_for_user(request, pk)
    return _ics(ical.calendar_for([meeting], meeting.title), f"meeting-{meeting.pk}.ics")


def feed(request, token: str):
    """The personal feed: no login (calendar apps cannot log in); the secret token is the key."""
    ft = FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if ft is None:
        raise Http404
    meetings = selectors.visible_meetings(roles_for(ft.user)).order_by("starts_at")
    return _ics(ical.calendar_for(meetings, _("내 회의")), "meetings.ics")
