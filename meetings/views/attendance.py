"""The attendance sheet (출결): one row per enrolled member, saved all together; "모두 출석" first, then
the exceptions; and the printable sign-in sheet (참석자 서명부)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors, services
from meetings.forms import AttendanceForm
from meetings.forms.attendance import sheet_rows


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    video_counts = selectors.rule_body(meeting).video_attendance_counts
    initial = selectors.attendance_initial(meeting)
    if request.method != "POST":
        rows = sheet_rows(initial=initial, video_counts=video_counts)
        return render(request, "meetings/attendance.html", {"meeting": meeting, "rows": rows})
    forms = [
        AttendanceForm(
            request.POST, prefix=f"m{m.pk}", membership=m, initial=values, video_counts=video_counts
        )
        for m, values in initial
    ]
    if all([f.is_valid() for f in forms]):  # every row validated, so every wrong row shows its message
        rows = [{"membership": f.membership, **f.cleaned_data} for f in forms]
        try:
            services.attendance_save(actor=request.user, meeting=meeting, rows=rows)
        except ValidationError as exc:
            # one sheet, many rows: the refusal names its member, so it is shown above the sheet
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("출결을 저장했습니다."))
            return redirect(meeting)
    rows = sheet_rows(bound=forms, video_counts=video_counts)
    # the bound forms too: what was refused, and why, stays inspectable (the bad-input probe reads them)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "rows": rows, "forms": forms})


@login_required
@require_POST
def attendance_all_present(request, pk: int):
    """One click marks every enrolled member present; the sheet opens again for the exceptions."""
    meeting = permissions.meeting_for_manage(request, pk)
    try:
        changed = services.attendance_mark_all_present(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("위원 %(n)d명을 출석으로 기록했습니다. 불참·지각·조기 퇴장을 고치세요.") % {"n": changed},
        )
    return redirect(reverse("meetings:attendance", args=[meeting.pk]))


@login_required
def signin_sheet(request, pk: int):
    """참석자 서명부, printed and signed at the door: members in seat order, then observers and blanks."""
    meeting = permissions.meeting_for_manage(request, pk)
    return render(
        request, "meetings/signin_sheet.html", {"meeting": meeting, "rows": selectors.signin_rows(meeting)}
    )
