"""Votes (표결): the outcome is computed by meetings.rules from the counts at the moment of the vote."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from meetings import rules, selectors
from meetings.models import AgendaItem, Meeting, NamedBallot, Vote
from meetings.services.guard import meeting_for_write
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.submissions import submission_claim, submission_done


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
    ballots: dict[int, str] | None = None,
    submission_key: str | None = None,
    now: dt.datetime | None = None,
) -> Vote:
    """Record a vote; the outcome is computed by meetings.rules.vote_outcome. Named votes take
    `ballots` {membership_id: choice} and derive the totals; secret and show-of-hands keep totals only.
    Refused on a meeting whose state allows no vote (유회, cancelled, locked minutes) or before it starts;
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
            taken=taken,
            yes=yes,
            no=no,
            abstain=abstain,
            chair_casting=chair_casting,
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
    taken: dt.time,
    yes: int,
    no: int,
    abstain: int,
    chair_casting: bool | None,
    ballots: dict[int, str] | None,
) -> Vote:
    """The vote itself, under the guard vote_record holds."""
    taken_at = selectors.at_meeting_time(meeting, taken)
    ctx = selectors.vote_context(meeting, item, taken_at)
    if method == Vote.Method.NAMED:
        ballots = ballots or {}
        outside = set(ballots) - set(ctx["eligible"])
        if outside:
            raise ValidationError(_("표결 시점에 출석하지 않았거나 회피한 위원의 표가 있습니다."))
        yes = sum(1 for c in ballots.values() if c == "yes")
        no = sum(1 for c in ballots.values() if c == "no")
        abstain = sum(1 for c in ballots.values() if c == "abstain")
    elif ballots:
        raise ValidationError(_("기명 표결에서만 위원별 표를 기록합니다."))
    body = ctx["body"]
    try:
        outcome = rules.vote_outcome(
            yes=yes,
            no=no,
            abstain=abstain,
            enrolled=ctx["enrolled"],
            present=len(ctx["present"]),
            voting=len(ctx["eligible"]),
            quorum_rule=body.quorum_rule,
            decision_rule=body.decision_rule,
            tie_rule=body.tie_rule,
            chair_casting=chair_casting,
        )
    except rules.VoteError as exc:
        raise ValidationError(str(exc)) from exc
    vote = Vote.objects.create(
        item=item,
        method=method,
        taken_at=taken_at,
        yes=yes,
        no=no,
        abstain=abstain,
        enrolled=ctx["enrolled"],
        present=len(ctx["present"]),
        voting=outcome.voting,
        required=outcome.required,
        chair_casting=chair_casting if outcome.decided_by_chair else None,
        passed=outcome.passed,
        outcome_label=outcome.label,
    )
    if method == Vote.Method.NAMED:
        NamedBallot.objects.bulk_create(
            NamedBallot(vote=vote, membership_id=m, choice=c) for m, c in ballots.items()
        )
    audit_record(actor=actor, action="vote", obj=item, after=snapshot(vote))
    return vote
