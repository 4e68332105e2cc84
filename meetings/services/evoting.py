"""Electronic votes (전자 투표, issue 15 §2): the secretary opens a ballot box on an item, the members present
and not recused vote on their own devices, the secretary closes it and the Vote is recorded by the same
rules as a vote typed in (meetings.services.voting._vote_write).

Secret ballots stay secret by construction (meetings.models.evoting): a SecretBallot row has no member
and no time, a VoterMark says only that a member voted, and the ballots are deleted once counted. For
the same reason a secret cast writes no AuditEntry (its actor and time would link the voter to the
ballot row written in the same instant); the VoterMark is the record that they voted, and opening,
closing (with the totals) and voiding are audited.

Limits, stated plainly: while a box is open, someone with direct access to the live database server
(system columns such as xmin or ctid, statement logs) could correlate a mark with the ballot written in
the same transaction; after the close the ballots are deleted and the marks rewritten, and the dead row
versions disappear when VACUUM (autovacuum) reclaims them."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Membership
from meetings import rules, selectors
from meetings.models import (
    AgendaItem,
    BallotBox,
    ElectronicBallot,
    NamedBallot,
    SecretBallot,
    Vote,
    VoterMark,
)
from meetings.selectors.evoting import receipt_digest
from meetings.services.guard import meeting_for_write
from meetings.services.voting import CHAIR_ROLES, _vote_write, decidability_refusal
from seongdong_gov.audit import audit_record, snapshot

VOTABLE_KINDS = (AgendaItem.Kind.DELIBERATION, AgendaItem.Kind.RESOLUTION)


def ballot_box_open(*, actor, item: AgendaItem, method: str, now: dt.datetime | None = None) -> BallotBox:
    """Open a ballot box on `item` (기명 or 무기명). Refused when the meeting is not sitting (held, minutes
    being drafted) or has not started, the item is not one that is voted on, the item already has a
    recorded vote, or a box is already open on it (also a database constraint).
    Side effects: BallotBox, AuditEntry."""
    now = now or timezone.now()
    if method not in BallotBox.Method.values:
        raise ValidationError({"method": _("기명 또는 무기명 중 하나를 고르세요.")})
    with transaction.atomic():
        meeting_for_write(meeting_id=item.meeting_id, action="evote_open", now=now)
        if item.kind not in VOTABLE_KINDS:
            raise ValidationError({"item": _("심의·의결 안건에서만 전자 투표를 할 수 있습니다.")})
        if Vote.objects.filter(item=item).exists():
            raise ValidationError({"item": _("이미 표결 결과가 기록된 안건입니다.")})
        if BallotBox.objects.filter(item=item, closed_at=None, discarded_at=None).exists():
            raise ValidationError({"item": _("이 안건에는 이미 진행 중인 전자 투표가 있습니다.")})
        try:
            with transaction.atomic():
                box = BallotBox.objects.create(
                    item=item, method=method, opened_at=now, opened_by=_user(actor)
                )
        except IntegrityError as exc:  # another secretary opened one in the same instant
            raise ValidationError({"item": _("이 안건에는 이미 진행 중인 전자 투표가 있습니다.")}) from exc
        audit_record(actor=actor, action="evote_open", obj=item, after=snapshot(box))
    return box


@dataclass(frozen=True)
class Cast:
    """What a cast did: the choice stored, whether it replaced an earlier one, and for a secret ballot
    the receipt to keep on the voter's device (None when an existing one was presented)."""

    choice: str
    changed: bool
    receipt: str | None = None


def ballot_cast(
    *,
    actor,
    box: BallotBox,
    membership: Membership,
    choice: str,
    receipt: str | None = None,
    now: dt.datetime | None = None,
) -> Cast:
    """A member votes (찬성/반대/기권) in an open box. Eligible: marked present and arrived by now, not
    left (left_at), not recused on the item. One VoterMark per member. Named: the ballot is written or
    replaced. Secret: a first vote inserts an anonymous ballot and returns a new receipt; a later one
    changes the ballot whose receipt digest matches `receipt`, and without it is refused (the vote was
    cast on another device). The box row is locked, so a close waits for the casts before it and refuses
    the ones after it; the unique VoterMark backs "once" even so.
    Side effects: VoterMark, ElectronicBallot or SecretBallot; an AuditEntry for named ballots only."""
    now = now or timezone.now()
    if choice not in NamedBallot.Choice.values:
        raise ValidationError({"choice": _("찬성·반대·기권 중 하나를 고르세요.")})
    with transaction.atomic():
        box = _open_box_locked(box.pk, now=now)
        refusal = selectors.cast_refusal(box=box, membership=membership, now=now)
        if refusal:
            raise ValidationError(refusal)
        voted = VoterMark.objects.filter(box=box, membership=membership).exists()
        if not voted:
            VoterMark.objects.create(box=box, membership=membership)
        if box.is_secret:
            return _secret_cast(box=box, choice=choice, receipt=receipt, voted=voted)
        return _named_cast(actor=actor, box=box, membership=membership, choice=choice, voted=voted)


def _secret_cast(*, box: BallotBox, choice: str, receipt: str | None, voted: bool) -> Cast:
    if not voted:
        receipt = secrets.token_urlsafe(32)
        SecretBallot.objects.create(box=box, choice=choice, receipt_digest=receipt_digest(receipt))
        return Cast(choice=choice, changed=False, receipt=receipt)
    changed = receipt and SecretBallot.objects.filter(box=box, receipt_digest=receipt_digest(receipt)).update(
        choice=choice
    )
    if not changed:
        raise ValidationError(
            _(
                "이미 투표했습니다. 무기명 투표는 누가 어떻게 투표했는지 남기지 않으므로, 처음 투표한 기기에서만 "
                "마감 전까지 바꿀 수 있습니다."
            )
        )
    return Cast(choice=choice, changed=True)


def _named_cast(*, actor, box: BallotBox, membership: Membership, choice: str, voted: bool) -> Cast:
    changed = voted and ElectronicBallot.objects.filter(box=box, membership=membership).update(choice=choice)
    if not changed:
        ElectronicBallot.objects.create(box=box, membership=membership, choice=choice)
    audit_record(
        actor=actor,
        action="evote_cast",
        obj=box,
        after={"membership": membership.pk, "choice": choice},
    )
    return Cast(choice=choice, changed=bool(changed))


def _open_box_locked(pk: int, *, now: dt.datetime) -> BallotBox:
    """The box, row-locked for the caller's transaction, refused unless it is open on a sitting meeting.
    The meeting's state is read, not locked: a hundred members voting at once wait only on the box."""
    box = BallotBox.objects.select_for_update(of=("self",)).select_related("item__meeting").get(pk=pk)
    if not box.is_open:
        raise ValidationError(_("투표가 마감되었습니다."))
    meeting = box.item.meeting
    if rules.action_refusal(action="evote_open", state=meeting.status, started=True, locked=False):
        raise ValidationError(
            _("현재 회의 상태(%(s)s)에서는 투표할 수 없습니다.") % {"s": meeting.get_status_display()}
        )
    return box


def ballot_box_close(
    *, actor, box: BallotBox, chair_casting: bool | None = None, now: dt.datetime | None = None
) -> Vote:
    """Close the box and record its Vote at this moment, by the rules a typed-in vote follows
    (_vote_write: quorum at the moment, deciding attendance, decision, tie and casting-vote rules).
    Refused without the opening quorum now (decidability_refusal). Named: ballots of members no longer
    eligible (left, recused since) are dropped, as a secretary would not record them. Secret: the
    ballots cannot be told apart, so if anyone who voted is no longer eligible the box cannot be closed;
    the secretary voids it and opens a new one. The secret ballots are then deleted.
    Side effects: Vote (electronic=True, + NamedBallots), the box closed, SecretBallots deleted,
    AuditEntries (the vote, the close)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=box.item.meeting_id, action="vote", now=now)
        box = _open_box_locked(box.pk, now=now)
        item = box.item
        ctx = selectors.vote_context(meeting, item, now)
        refusal = decidability_refusal(ctx)
        if refusal:
            raise ValidationError(refusal)
        common = {"actor": actor, "meeting": meeting, "item": item, "taken_at": now, "ctx": ctx}
        common |= {"chair_casting": chair_casting, "electronic": True}
        if box.is_secret:
            vote = _close_secret(box=box, ctx=ctx, common=common)
        else:
            ballots = {
                m: c
                for m, c in box.named_ballots.values_list("membership_id", "choice")
                if m in ctx["eligible"]
            }
            vote = _vote_write(
                method=Vote.Method.NAMED, yes=0, no=0, abstain=0, chair_voted=False, ballots=ballots, **common
            )
        before = snapshot(box)
        box.closed_at, box.closed_by, box.vote = now, _user(actor), vote
        box.save(update_fields=["closed_at", "closed_by", "vote"])
        audit_record(actor=actor, action="evote_close", obj=box, before=before, after=snapshot(box))
    return vote


def _close_secret(*, box: BallotBox, ctx: dict, common: dict) -> Vote:
    voters = set(box.voter_marks.values_list("membership_id", flat=True))
    gone = voters - set(ctx["eligible"])
    if gone:
        raise ValidationError(
            _(
                "투표한 위원 중 %(n)d명이 퇴장했거나 회피·제척되어 더 이상 투표할 수 없습니다. 무기명 투표는 "
                "그 표를 가려낼 수 없으므로 마감할 수 없습니다. 이 투표를 무효로 하고 다시 여세요."
            )
            % {"n": len(gone)}
        )
    choices = list(box.secret_ballots.values_list("choice", flat=True))
    chair_voted = Membership.objects.filter(pk__in=voters, body=ctx["body"], role__in=CHAIR_ROLES).exists()
    vote = _vote_write(
        method=Vote.Method.SECRET,
        yes=choices.count("yes"),
        no=choices.count("no"),
        abstain=choices.count("abstain"),
        chair_voted=chair_voted,
        ballots=None,
        **common,
    )
    # counted: only the totals and who voted remain (the rows stay in the heap until VACUUM). The marks
    # are rewritten in this transaction so their row versions no longer share a transaction id (xmin)
    # with the ballots they were cast with.
    box.secret_ballots.all().delete()
    box.voter_marks.update(box=box)
    return vote


def ballot_box_void(*, actor, box: BallotBox, now: dt.datetime | None = None) -> BallotBox:
    """Void an open box (무효): nothing is recorded, its ballots are deleted, and a new box may be opened
    on the item. Side effects: the box's discarded_at, ballots deleted, AuditEntry."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting_for_write(meeting_id=box.item.meeting_id, action="evote_void", now=now)
        box = BallotBox.objects.select_for_update().get(pk=box.pk)
        if not box.is_open:
            raise ValidationError(_("이미 마감되었거나 무효 처리된 투표입니다."))
        before = snapshot(box)
        box.discarded_at = now
        box.save(update_fields=["discarded_at"])
        box.secret_ballots.all().delete()
        box.named_ballots.all().delete()
        audit_record(actor=actor, action="evote_void", obj=box, before=before, after=snapshot(box))
    return box


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
