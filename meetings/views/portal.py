"""내 회의: a member's own meetings, written resolutions to answer, and the calendar feed address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from committees.permissions import roles_for
from meetings import selectors
from meetings.markup import past_html, upcoming_html
from meetings.models import FeedToken
from meetings.views._live import member_panel
from seongdong_gov.pagination import paginate_window

PAST_PER_PAGE = 20


@login_required
def portal(request):
    """내 회의: the next upcoming meetings of the user's bodies, the past ones a page at a time
    (`?page=`, 이전/다음 without a count: the count read every past meeting of the member's bodies),
    and the personal calendar feed."""
    roles, now = roles_for(request.user), timezone.now()
    today = timezone.localdate(now)
    upcoming, more_upcoming = selectors.my_upcoming(roles, today=today)
    past = paginate_window(
        request,
        lambda start, stop: selectors.my_past(roles, today=today, start=start, stop=stop),
        per_page=PAST_PER_PAGE,
    )
    return render(
        request,
        "meetings/portal.html",
        {
            "upcoming_html": upcoming_html(upcoming, selectors.declaring_meeting_ids(upcoming)),
            "more_upcoming": more_upcoming,
            **past,
            "past_html": past_html(past["page_obj"]),
            "token": FeedToken.objects.filter(user=request.user).first(),
            "written": selectors.my_written_resolutions(roles),
            "evote_boxes": selectors.my_open_boxes(roles),
            "now": now,
            # each sitting's panel as its poll answers it, so the first poll changes nothing on the page
            "live": [
                (meeting.pk, member_panel(roles, meeting, now=now)[0])
                for meeting in selectors.my_live_meetings(roles, now=now)
            ],
        },
    )
