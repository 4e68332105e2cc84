"""Minutes (회의록): the printable page and PDF, the draft, approval and locking, corrections."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import documents, permissions, selectors, services
from meetings.forms import MinutesCorrectionForm, MinutesForm
from meetings.views._common import post_action
from seongdong_gov.forms import form_view


@login_required
def minutes_view(request, pk: int):
    """Printable minutes with every field of 공공기록물법 시행령 제18조②; `?format=pdf` for the PDF."""
    meeting, minutes, manage = permissions.minutes_for_user(request, pk)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(documents.minutes_pdf(minutes), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
        return response
    context = {
        "meeting": meeting,
        "manage": manage,
        "minutes": minutes,
        "record": selectors.record_for(meeting, minutes),
    }
    return render(request, "meetings/minutes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    return form_view(
        request,
        MinutesForm(request.POST or None, initial=selectors.minutes_initial(meeting)),
        lambda d: services.minutes_save(
            actor=request.user,
            meeting=meeting,
            remarks=d["remarks"],
            is_public=d["is_public"],
            nondisclosure_reason=d["nondisclosure_reason"],
        ),
        success_url=reverse("meetings:minutes", args=[meeting.pk]),
        message=_("회의록 초안을 저장했습니다."),
        title=_("회의록 작성"),
        back=meeting.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_correct(request, pk: int):
    """Locked minutes change only by a recorded correction, shown beside the locked text."""
    minutes = permissions.minutes_for_manage(request, pk)
    meeting = minutes.meeting
    url = reverse("meetings:minutes", args=[meeting.pk])
    return form_view(
        request,
        MinutesCorrectionForm(request.POST or None),
        lambda d: services.minutes_correct(actor=request.user, minutes=minutes, **d),
        success_url=url,
        message=_("정정 기록을 남겼습니다."),
        title=_("회의록 정정") + f" · {meeting.title}",
        back=url,
    )


@login_required
@require_POST
def minutes_status(request, pk: int, action: str):
    minutes = permissions.minutes_for_manage(request, pk)
    actions = {
        "approve": lambda: services.minutes_approve(actor=request.user, minutes=minutes),
        "lock": lambda: services.minutes_lock(actor=request.user, minutes=minutes),
    }
    if action not in actions:
        raise Http404
    return post_action(request, actions[action], redirect_to=reverse("meetings:minutes", args=[pk]))
