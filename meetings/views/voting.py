"""Votes (표결): by show of hands or secret ballot (totals), and named votes (one choice per member).
A recorded vote redirects back to its page with `?vote=<pk>`, which shows the computed result: a reload
or a second click never records it again (the form's one-time key refuses a repeat in the service)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import permissions, selectors, services
from meetings.forms import NamedBallotForm, NamedVoteSetupForm, VoteForm
from meetings.models import Vote
from seongdong_gov.forms import apply_validation_error
from seongdong_gov.submissions import duplicate_of


def _record(request, form, **values):
    """Record a vote from a valid form; a refusal goes back onto the form. A repeat of a form already
    recorded (a double click) shows the vote the first click recorded."""
    try:
        vote = services.vote_record(actor=request.user, **values)
    except ValidationError as exc:
        first = duplicate_of(exc)
        if first and first.startswith("vote:"):
            messages.info(request, _("이미 기록된 표결입니다. 같은 요청은 한 번만 기록합니다."))
            return Vote(pk=int(first.removeprefix("vote:")))
        apply_validation_error(form, exc)
        return None
    messages.success(
        request,
        _("%(i)s 표결을 기록했습니다. 결과: %(r)s") % {"i": vote.item.title, "r": vote.outcome_label},
    )
    return vote


def _shown(request, name: str, meeting, vote):
    return redirect(reverse(f"meetings:{name}", args=[meeting.pk]) + f"?vote={vote.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def vote_create(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    form = VoteForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        vote = _record(
            request,
            form,
            item=d["item"],
            method=d["method"],
            taken=d["taken"],
            yes=d["yes"],
            no=d["no"],
            abstain=d["abstain"],
            chair_casting=d["chair_casting"],
            submission_key=d["submission_key"],
            chair_voted=d["chair_voted"],
        )
        if vote:
            return _shown(request, "vote", meeting, vote)
    vote = selectors.vote_of(meeting, request.GET.get("vote"))
    return render(request, "meetings/vote.html", {"meeting": meeting, "form": form, "vote": vote})


@login_required
@require_http_methods(["GET", "POST"])
def vote_named(request, pk: int):
    """기명 표결: pick the item and the moment (GET), then record each eligible member's choice (POST).
    Eligible = present at that moment and not recused on the item; the outcome is computed."""
    meeting = permissions.meeting_for_manage(request, pk)
    posted = request.method == "POST"
    if posted:
        fixed = NamedVoteSetupForm(request.POST, meeting=meeting, hidden=True, prefix="v")
        ready = fixed.is_valid()
        data = fixed.cleaned_data if ready else {}
        setup = NamedVoteSetupForm(initial=data, meeting=meeting)
        if not ready:
            messages.error(request, _("안건과 표결 시각을 다시 고르세요."))
    else:
        setup = NamedVoteSetupForm(request.GET if "item" in request.GET else None, meeting=meeting)
        ready = setup.is_valid()
        data = setup.cleaned_data if ready else {}
        fixed = NamedVoteSetupForm(initial=data, meeting=meeting, hidden=True, prefix="v") if ready else None
    roster = ballots = None
    if ready:
        item, taken = data["item"], data["taken"]
        roster = selectors.vote_roster(meeting, item, taken)
        ballots = NamedBallotForm(request.POST if posted else None, eligible=roster["eligible"], prefix="v")
        if posted and ballots.is_valid():
            vote = _record(
                request,
                ballots,
                item=item,
                method="named",
                taken=taken,
                ballots=ballots.ballots(),
                chair_casting=ballots.cleaned_data["chair_casting"],
                submission_key=ballots.cleaned_data["submission_key"],
            )
            if vote:
                return _shown(request, "vote_named", meeting, vote)
    vote = selectors.vote_of(meeting, request.GET.get("vote"))
    return render(
        request,
        "meetings/vote_named.html",
        {
            "meeting": meeting,
            "setup": setup,
            "fixed": fixed,
            "roster": roster,
            "ballots": ballots,
            "vote": vote,
            "named": vote and sorted(vote.ballots.all(), key=lambda b: b.membership_id),
        },
    )
