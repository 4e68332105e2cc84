"""Minutes (회의록): the printable page and PDF, the draft, approval and locking, corrections."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

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


CONFIRM = {
    "approve": (
        gettext_lazy("회의록 승인"),
        gettext_lazy(
            "회의록을 승인하면 위원에게 공개되고 승인 알림 메일이 갑니다. 승인한 회의록의 본문은 더 이상 "
            "고칠 수 없으며, 다음 단계는 확정입니다."
        ),
        gettext_lazy("회의록을 승인했습니다. 위원에게 공개했습니다. 다음 단계: 확정."),
    ),
    "lock": (
        gettext_lazy("회의록 확정"),
        gettext_lazy(
            "회의록을 확정하면 그 시점의 재적·출결·표결·선출·안건이 그대로 보존되어, 이 회의의 안건·출결·표결·"
            "자료·회의록은 더 이상 바꿀 수 없고 정정 기록만 남길 수 있습니다. 되돌릴 수 없습니다."
        ),
        gettext_lazy("회의록을 확정했습니다. 이제 바꿀 수 없습니다."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def minutes_status(request, pk: int, action: str):
    """Approval and locking cannot be undone: GET shows what will happen, POST does it."""
    minutes = permissions.minutes_for_manage(request, pk)
    if action not in CONFIRM:
        raise Http404
    title, what, done = CONFIRM[action]
    url = reverse("meetings:minutes", args=[pk])
    if request.method == "GET":
        return render(
            request,
            "meetings/confirm.html",
            {"title": title, "what": what, "meeting": minutes.meeting, "back": url},
        )
    service = {"approve": services.minutes_approve, "lock": services.minutes_lock}[action]
    return post_action(
        request, lambda: service(actor=request.user, minutes=minutes), redirect_to=url, message=done
    )
