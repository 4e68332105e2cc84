"""내 회의: a member's own meetings, written resolutions to answer, and the calendar feed address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from committees.permissions import roles_for
from meetings import selectors
from meetings.models import FeedToken


@login_required
def portal(request):
    """내 회의: upcoming and past meetings of the user's bodies, and the personal calendar feed."""
    roles = roles_for(request.user)
    upcoming, past = selectors.my_meetings(roles, timezone.localdate())
    return render(
        request,
        "meetings/portal.html",
        {
            "upcoming": upcoming,
            "past": past,
            "token": FeedToken.objects.filter(user=request.user).first(),
            "written": selectors.my_written_resolutions(roles),
            "now": timezone.now(),
        },
    )
