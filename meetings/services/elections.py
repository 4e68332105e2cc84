"""Elections (호선) of a chair or vice-chair at a meeting."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Membership
from committees.selectors import current_q
from meetings import rules, selectors
from meetings.models import AgendaItem, Election, ElectionCandidate
from meetings.services.guard import meeting_for_write
from meetings.services.voting import decidability_refusal
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.submissions import submission_claim


def election_record(
    *,
    actor,
    item: AgendaItem,
    role: str,
    counts: dict[int, int],
    taken: dt.time,
    submission_key: str | None = None,
    now: dt.datetime | None = None,
) -> Election:
    """호선: the candidate with a majority of those voting wins; the role is recorded on the winner's
    membership. Refused where the meeting's state allows no election (유회, locked minutes) or before it
    starts. Side effects: Election, candidates, Membership.role, AuditEntries, the submission key."""
    with transaction.atomic():
        meeting_for_write(meeting_id=item.meeting_id, action="election", now=now)
        submission_claim(key=submission_key)
        return _election_write(actor=actor, item=item, role=role, counts=counts, taken=taken)


def _election_write(
    *, actor, item: AgendaItem, role: str, counts: dict[int, int], taken: dt.time
) -> Election:
    """The election itself, under the guard election_record holds."""
    if item.kind != AgendaItem.Kind.ELECTION:
        raise ValidationError(_("선거 안건에서만 선출 결과를 기록합니다."))
    if Election.objects.filter(item=item).exists():
        raise ValidationError(_("이 안건의 선출 결과는 이미 기록되었습니다."))
    if not counts:
        raise ValidationError(_("후보자와 득표 수를 적으세요."))
    enrolled_ids = {m.pk for m in selectors.enrolled_memberships(item.meeting)}
    if set(counts) - enrolled_ids:
        raise ValidationError(_("후보자는 이 회의의 재적위원이어야 합니다."))
    ctx = selectors.vote_context(item.meeting, item, selectors.at_meeting_time(item.meeting, taken))
    # an election is a vote: the opening quorum and the deciding attendance must hold at that moment,
    # as for vote_record; an election that cannot decide elects nobody, so it is refused, not recorded
    refusal = decidability_refusal(ctx)
    if refusal:
        raise ValidationError(refusal)
    body = ctx["body"]
    check = rules.can_decide(
        enrolled=ctx["enrolled"],
        present=len(ctx["present"]),
        eligible=len(ctx["eligible"]),
        opening_rule=body.quorum_rule,
        deciding_rule=body.deciding_attendance_rule,
    )
    if not check.ok:
        raise ValidationError(
            _(
                "표결 시점의 출석(%(present)d명)이 의결에 필요한 출석(%(needed)d명)에 미달하여 선출할 수 없습니다."
            )
            % {"present": len(ctx["present"]), "needed": check.needed}
        )
    try:
        winner_id = rules.election_winner(counts, voting=len(ctx["eligible"]))
    except rules.VoteError as exc:
        raise ValidationError(str(exc)) from exc
    election = Election.objects.create(item=item, role=role, winner_id=winner_id, voting=len(ctx["eligible"]))
    ElectionCandidate.objects.bulk_create(
        ElectionCandidate(election=election, membership_id=m, votes=v) for m, v in counts.items()
    )
    audit_record(
        actor=actor,
        action="election_record",
        obj=election,
        after={**snapshot(election), "candidates": {str(m): v for m, v in counts.items()}},
    )
    membership = Membership.objects.select_for_update().get(pk=winner_id)
    # one holder of an elected office at a time: whoever held it in this body steps back to 위원
    on = timezone.localdate(item.meeting.starts_at)
    previous = (
        Membership.objects.select_for_update()
        .filter(current_q(on), body_id=membership.body_id, role=role)
        .exclude(pk=winner_id)
    )
    for old in previous:
        old_before = snapshot(old)
        old.role = Membership.Role.MEMBER
        old.save(update_fields=["role"])
        audit_record(
            actor=actor, action="election_role_passed", obj=old, before=old_before, after=snapshot(old)
        )
    before = snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(actor=actor, action="election", obj=membership, before=before, after=snapshot(membership))
    return election
