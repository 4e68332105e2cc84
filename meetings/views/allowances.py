"""Attendance allowances (참석수당): the payment list of a meeting, its confirmation and exports; the
annual per-person totals for the finance office."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import allowance_exports, permissions
from meetings.selectors import allowances as selectors
from meetings.services import allowances as services
from meetings.views._common import post_action
from seongdong_gov.bounds import int_param

EXPORTS = {
    "xlsx": (
        allowance_exports.payment_list_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "hwpx": (allowance_exports.payment_list_hwpx, "application/hwp+zip"),
    "pdf": (allowance_exports.payment_list_pdf, "application/pdf"),
}


@login_required
def payment_list_view(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    payment_list = selectors.payment_list_of(meeting)
    lines = list(payment_list.lines.all()) if payment_list else []
    context = {
        "meeting": meeting,
        "payment_list": payment_list,
        "lines": lines,
        "totals": selectors.payment_totals(lines),
        "can_prepare": meeting.status in selectors.HELD_STATES,
    }
    return render(request, "meetings/allowances/payment_list.html", context)


@login_required
@require_POST
def payment_list_prepare(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    return post_action(
        request,
        lambda: services.payment_list_prepare(actor=request.user, meeting=meeting),
        redirect_to=reverse("meetings:allowances", args=[pk]),
        message=_("참석수당 지급 명세를 작성했습니다."),
    )


@login_required
@require_POST
def payment_list_confirm(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    return post_action(
        request,
        lambda: services.payment_list_confirm(actor=request.user, meeting=meeting),
        redirect_to=reverse("meetings:allowances", args=[pk]),
        message=_("참석수당 지급 명세를 확정했습니다."),
    )


@login_required
def payment_list_export(request, pk: int, fmt: str):
    meeting = permissions.meeting_for_manage(request, pk)
    payment_list = selectors.payment_list_of(meeting)
    if payment_list is None or fmt not in EXPORTS:
        raise Http404
    build, content_type = EXPORTS[fmt]
    response = HttpResponse(build(payment_list), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="allowances-{meeting.pk}.{fmt}"'
    return response


@login_required
def annual_totals(request):
    """Per person totals of a year's confirmed payment lists (지급명세서), for governance staff."""
    permissions.require_staff(request)
    year = int_param(request, "year", default=timezone.localdate().year, min=2000, max=2100)
    rows = selectors.annual_totals(year)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            allowance_exports.annual_totals_xlsx(year, rows), content_type=EXPORTS["xlsx"][1]
        )
        response["Content-Disposition"] = f'attachment; filename="allowances-{year}.xlsx"'
        return response
    return render(request, "meetings/allowances/annual.html", {"year": year, "rows": rows})
