"""Written resolutions (서면의결): staff open and count them; members answer in 내 회의."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors, services
from meetings.forms import WrittenAnswerForm, WrittenOpenForm
from meetings.views._common import post_action
from seongdong_gov.forms import form_view


@login_required
@require_http_methods(["GET", "POST"])
def written_open(request, pk: int):
    """서면의결 요청: only where the meeting's rule body allows written resolutions."""
    meeting = permissions.meeting_for_manage(request, pk)
    body = selectors.rule_body(meeting)
    return form_view(
        request,
        WrittenOpenForm(request.POST or None, meeting=meeting),
        lambda d: services.written_open(actor=request.user, **d),
        success_url=meeting,
        message=_("서면의결을 요청했습니다. 위원은 '내 회의'에서 응답합니다."),
        title=_("서면의결 요청"),
        template="meetings/written_open.html",
        context={"meeting": meeting, "allowed": body.allows_written_resolution, "body": body},
    )


@login_required
@require_POST
def written_count(request, pk: int):
    resolution = permissions.written_for_manage(request, pk)
    return post_action(
        request,
        lambda: services.written_count(actor=request.user, resolution=resolution),
        redirect_to=resolution.item.meeting,
        message=lambda counted: _("서면의결 결과: %(r)s") % {"r": counted.outcome_label},
    )


@login_required
@require_http_methods(["GET", "POST"])
def written_answer(request, pk: int):
    """A member answers a written resolution (찬성/반대/기권), and may change it until the deadline."""
    resolution, membership, answer = permissions.written_for_member(request, pk)
    form = WrittenAnswerForm(
        request.POST if request.method == "POST" else None, initial={"choice": answer and answer.choice}
    )
    return form_view(
        request,
        form,
        lambda d: services.written_answer(
            actor=request.user, resolution=resolution, membership=membership, choice=d["choice"]
        ),
        success_url=reverse("meetings:written_answer", args=[resolution.pk]),
        message=_("응답을 저장했습니다. 마감 전까지 바꿀 수 있습니다."),
        title=_("서면의결 응답"),
        template="meetings/written_answer.html",
        context={
            "resolution": resolution,
            "item": resolution.item,
            "meeting": resolution.item.meeting,
            "answer": answer,
            "open": selectors.written_accepts_answers(resolution),
        },
    )
