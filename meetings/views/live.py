"""The sitting, live (issue 15 §3), for those who take part: the secretary marks the item under
discussion and makes or revokes the room's screen link; a member's phone polls the item every 2 s."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meetings import permissions, selectors, services
from meetings.forms import CurrentItemForm
from meetings.views._common import post_action
from meetings.views._live import fragment_response, member_panel
from seongdong_gov.forms import form_view


def _current_message(meeting) -> str:
    if meeting.current_item_id is None:
        return _("진행 중인 안건 표시를 지웠습니다.")
    return _("진행 중인 안건: %(item)s") % {"item": meeting.current_item}


@login_required
@require_http_methods(["GET", "POST"])
def live_control(request, pk: int):
    """회의 진행: the item under discussion (a POST changes it) and the room's screen link."""
    meeting = permissions.meeting_for_manage(request, pk)
    form = CurrentItemForm(request.POST or None, meeting=meeting, initial={"item": meeting.current_item_id})
    here = reverse("meetings:live_control", args=[meeting.pk])
    return form_view(
        request,
        form,
        lambda d: services.meeting_current_item_set(actor=request.user, meeting=meeting, item=d["item"]),
        success_url=here,
        message=_current_message,
        title=_("회의 진행") + f" · {meeting.title}",
        back=meeting.get_absolute_url(),
        template="meetings/live_control.html",
        context={"meeting": meeting, "link": selectors.live_link(meeting), "submit_label": _("지정")},
    )


@never_cache
@login_required
@require_POST
def screen_link_create(request, pk: int):
    """A new screen link, shown on this response only (only its digest is kept); any old one is revoked."""
    meeting = permissions.meeting_for_manage(request, pk)
    try:
        token = services.screen_link_create(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("meetings:live_control", pk=meeting.pk)
    url = request.build_absolute_uri(reverse("screen:page", args=[token]))
    return render(request, "meetings/screen_link.html", {"meeting": meeting, "url": url})


@login_required
@require_POST
def screen_link_revoke(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    return post_action(
        request,
        lambda: services.screen_link_revoke(actor=request.user, meeting=meeting),
        redirect_to=reverse("meetings:live_control", args=[meeting.pk]),
        message=_("회의장 화면 주소를 폐기했습니다. 그 주소로는 더 이상 화면을 볼 수 없습니다."),
    )


def fragment_login_required(view):
    """login_required, except that a poll (htmx) whose session has ended gets `HX-Refresh` rather than the
    login page: htmx would swap that page into the panel; reloaded, the portal sends the user to log in."""
    guarded = login_required(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated and request.headers.get("HX-Request") == "true":
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
        return guarded(request, *args, **kwargs)

    return wrapped


@never_cache
@fragment_login_required
@require_safe
def member_live(request, pk: int):
    """The member's phone: the item under discussion of a meeting in reach (404 otherwise), polled every
    2 s; 204 when nothing changed since the version the phone holds (`?v=`). Once the sitting is over
    the answer carries no poll: every poll renews the session, which must not outlive the meeting."""
    roles = permissions.roles_of(request)
    meeting = permissions.meeting_for_user(roles, pk)
    return fragment_response(request, *member_panel(roles, meeting, now=timezone.now()))
