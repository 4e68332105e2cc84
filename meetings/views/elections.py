"""Elections (호선) at a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import markup, permissions, selectors, services
from meetings.forms import ElectionForm
from seongdong_gov.forms import apply_validation_error


@login_required
@require_http_methods(["GET", "POST"])
def election_record(request, pk: int):
    """선거 (호선): candidates and their votes; the winner is computed and their role recorded. The
    success message names the winner, which form_view's fixed message cannot, hence its own flow."""
    meeting = permissions.meeting_for_manage(request, pk)
    form = ElectionForm(request.POST or None, meeting=meeting, enrolled=selectors.enrolled_rows(meeting))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            election = services.election_record(
                actor=request.user,
                item=d["item"],
                role=d["role"],
                counts=form.counts(),
                taken=d["taken"],
                submission_key=d["submission_key"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("%(p)s 위원이 %(r)s(으)로 선출되었습니다.")
                % {"p": election.winner.person.name, "r": election.get_role_display()},
            )
            return redirect("meetings:election", pk=meeting.pk)
    return render(
        request,
        "meetings/election.html",
        {
            "meeting": meeting,
            "form": form,
            "candidate_rows": markup.candidate_rows_html(form),
            "elections": selectors.elections_of(meeting),
        },
    )
