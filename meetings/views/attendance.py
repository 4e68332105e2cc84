"""The attendance sheet (출결): one row per enrolled member, saved all together."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import permissions, selectors, services
from meetings.forms import AttendanceForm


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    forms = [
        AttendanceForm(request.POST or None, prefix=f"m{m.pk}", membership=m, initial=initial)
        for m, initial in selectors.attendance_initial(meeting)
    ]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        rows = [{"membership": f.membership, **f.cleaned_data} for f in forms]
        try:
            services.attendance_save(actor=request.user, meeting=meeting, rows=rows)
        except ValidationError as exc:
            # one sheet, many rows: the refusal names its member, so it is shown above the sheet
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("출결을 저장했습니다."))
            return redirect(meeting)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "forms": forms})
