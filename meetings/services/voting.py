"""Votes (표결): the outcome and its reason are computed by meetings.rules from the counts at the moment
of the vote (issue 10 §3)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.models import Membership
from meetings import rules, selectors
from meetings.models import AgendaItem, Meeting, NamedBallot, Vote
from meetings.services.guard import meeting_for_write
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.submissions import submission_claim, submission_done

CHAIR_ROLES = frozenset(
    {Membership.Role.CHAIR, Membership.Role.CO_CHAIR_OFFICIAL, Membership.Role.CO_CHAIR_CIVIL}
)


def decidability_refusal(ctx: dict) -> str | None:
    """Why no vote (or election) can be taken at this moment, in words, or None: the opening quorum
    no longer holds, or everyone present is recused (meetings.rules.can_decide). A vote that fails the
    deciding attendance is recorded as rejected, not refused (지방자치법 제73조①: 부결)."""
    body = ctx["body"]
    check = rules.can_decide(
        enrolled=ctx["enrolled"],
        present=len(ctx["present"]),
        eligible=len(ctx["eligible"]),
        opening_rule=body.quorum_rule,
        deciding_rule=body.deciding_attendance_rule,
    )
    if check.reason == rules.NO_QUORUM:
        return _(
            "표결 시점의 출석(%(present)d명)이 의사정족수(%(needed)d명)에 미달하여 표결할 수 없습니다."
        ) % {
            "present": len(ctx["present"]),
            "needed": check.needed,
        }
    if check.reason == rules.NO_ELIGIBLE_VOTERS:
        return _("표결 시점에 출석한 위원이 모두 회피·제척되어 표결할 수 없습니다.")
    return None


def vote_record(
    *,
    actor,
    item: AgendaItem,
    method: str,
    taken: dt.time,
    yes: int = 0,
    no: int = 0,
    abstain: int = 0,
    chair_casting: bool | None = None,
    chair_voted: bool = False,
    ballots: dict[int, str] | None = None,
    submission_key: str | None = None,
    now: dt.datetime | None = None,
) -> Vote:
    """Record a vote at the moment `taken`; the outcome and its reason are computed by
    meetings.rules.vote_result under the rule body's opening quorum, deciding attendance, decision,
    tie and casting-vote rules (issue 10 §3), and stored in words ("부결: 재적 과반수 출석 미달").

    Named votes take `ballots` {membership_id: choice} and derive the totals and whether the chair
    voted; secret and show-of-hands keep totals only and take `chair_voted` from the form ("위원장 표결
    참여"). Refused: no opening quorum or nobody eligible at that moment, impossible counts, a ballot
    from a member absent or recused; refused on a meeting whose state allows no vote (유회, cancelled, locked minutes) or before it starts;
    everything is checked under the meeting's row lock, so a vote cannot slip in beside a lock.
    Side effects: Vote (+ NamedBallots), AuditEntry, the submission key claimed."""
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=item.meeting_id, action="vote", now=now)
        submission_claim(key=submission_key)
        vote = _vote_write(
            actor=actor,
            meeting=meeting,
            item=item,
            method=method,
            taken_at=selectors.at_meeting_time(meeting, taken),
            yes=yes,
            no=no,
            abstain=abstain,
            chair_casting=chair_casting,
            chair_voted=chair_voted,
            ballots=ballots,
        )
        submission_done(key=submission_key, result=f"vote:{vote.pk}")
    return vote


def _vote_write(
    *,
    actor,
    meeting: Meeting,
    item: AgendaItem,
    method: str,
    taken_at: dt.datetime,
    yes: int,
    no: int,
    abstain: int,
    chair_casting: bool | None,
    chair_voted: bool,
    ballots: dict[int, str] | None,
    electronic: bool = False,
    ctx: dict | None = None,
) -> Vote:
    """The vote itself, under the guard the caller holds (vote_record; ballot_box_close for an
    electronic vote, which passes the `ctx` it already computed at the same moment)."""
    ctx = ctx or selectors.vote_context(meeting, item, taken_at)
    if method == Vote.Method.NAMED:
        ballots = ballots or {}
        outside = set(ballots) - set(ctx["eligible"])
        if outside:
            raise ValidationError(_("표결 시점에 출석하지 않았거나 회피한 위원의 표가 있습니다."))
        yes = sum(1 for c in ballots.values() if c == "yes")
        no = sum(1 for c in ballots.values() if c == "no")
        abstain = sum(1 for c in ballots.values() if c == "abstain")
        # a named vote shows whether the chair voted: no need to ask
        chair_voted = Membership.objects.filter(
            pk__in=list(ballots), body=ctx["body"], role__in=CHAIR_ROLES
        ).exists()
    elif ballots:
        raise ValidationError(_("기명 표결에서만 위원별 표를 기록합니다."))
    refusal = decidability_refusal(ctx)
    if refusal:
        raise ValidationError(refusal)
    body = ctx["body"]
    try:
        result = rules.vote_result(
            yes=yes,
            no=no,
            abstain=abstain,
            enrolled=ctx["enrolled"],
            present=len(ctx["present"]),
            voting=len(ctx["eligible"]),
            **rules.body_vote_rules(body),
            chair_voted=chair_voted,
            chair_casting=chair_casting,
        )
    except rules.VoteError as exc:
        raise ValidationError(str(exc)) from exc
    decided_by_chair = result.reason in (rules.TIE_BROKEN_BY_CHAIR_YES, rules.TIE_BROKEN_BY_CHAIR_NO)
    with transaction.atomic():
        vote = Vote.objects.create(
            item=item,
            method=method,
            taken_at=taken_at,
            yes=yes,
            no=no,
            abstain=abstain,
            enrolled=ctx["enrolled"],
            present=len(ctx["present"]),
            voting=result.voting,
            required=result.required,
            chair_casting=chair_casting if decided_by_chair else None,
            passed=result.passed,
            outcome_label=result.label,
            electronic=electronic,
        )
        if method == Vote.Method.NAMED:
            NamedBallot.objects.bulk_create(
                NamedBallot(vote=vote, membership_id=m, choice=c) for m, c in ballots.items()
            )
        audit_record(actor=actor, action="vote", obj=item, after={**snapshot(vote), "reason": result.reason})
    return vote
