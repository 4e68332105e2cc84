"""이해충돌: members' declarations and 기피 신청, and the secretary's decisions on them.

Every write takes the meeting's row lock through the lifecycle guard first, so locked minutes (and
meetings past the stage an action belongs to) refuse it. What is decided lands in Recusal, the table the
vote base, the quorum panel and the minutes already read.

The rules chosen (documented in the README's 이해충돌 section):
- declarations are taken and may be changed until the meeting starts (rules.declaration_open);
- 제척 is automatic where the body's rules name the case: with Body.disqualify_parties on, a declaration
  «본인 또는 가족이 안건의 당사자» excludes the member from the item at once (rules.disqualifies), and
  withdrawing that declaration before the start removes that automatic 제척 again;
- 회피 is recorded by the secretary from a declaration (one click, confirmed);
- 기피 is decided by the body: the secretary records the decision; accepted → a recusal of kind 기피.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Membership
from meetings import rules, selectors
from meetings.models import AgendaItem, InterestDeclaration, Meeting, Recusal, RecusalChallenge
from meetings.models.interests import DESCRIPTION_MAX, REASONS_MAX
from meetings.services.guard import meeting_for_write
from seongdong_gov.audit import audit_record, snapshot

RECUSAL_REASON_MAX = 200


def _require_published_member(meeting: Meeting, item: AgendaItem, membership: Membership) -> None:
    if not meeting.agenda_published:
        raise ValidationError(_("안건이 공개되기 전에는 신고할 수 없습니다."))
    if item.kind in selectors.NO_DECLARATION_KINDS:
        raise ValidationError(_("이 안건은 이해충돌 신고 대상이 아닙니다."))
    if membership.pk not in {m.pk for m in selectors.enrolled_memberships(meeting)}:
        raise ValidationError(_("이 회의의 재적위원이 아닙니다."))


def _reason(prefix: str, text: str) -> str:
    line = f"{prefix}: {text}" if text else prefix
    return line[:RECUSAL_REASON_MAX]


def interest_declare(
    *,
    actor,
    item: AgendaItem,
    membership: Membership,
    has_interest: bool,
    kind: str = "",
    description: str = "",
    asks_step_aside: bool = False,
    now: dt.datetime | None = None,
) -> InterestDeclaration:
    """The member's answer for `item` (one per member and item, changed in place until the meeting
    starts). With the body's rule on, a declaration that the member or their family is a party is a 제척
    on the item at once; withdrawing it removes that automatic 제척.
    Side effects: InterestDeclaration, perhaps a Recusal created or removed, AuditEntries."""
    now = now or timezone.now()
    description = description.strip()
    if not has_interest:
        kind, description, asks_step_aside = "", "", False
    elif not kind or not description:
        raise ValidationError(
            {
                **({"kind": _("이해관계의 종류를 고르세요.")} if not kind else {}),
                **({"description": _("이해관계의 내용을 적으세요.")} if not description else {}),
            }
        )
    if kind and kind not in {k.value for k in rules.InterestKind}:
        raise ValidationError({"kind": _("이해관계의 종류를 목록에서 고르세요.")})
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError({"description": _("내용은 %(n)d자 이내로 적으세요.") % {"n": DESCRIPTION_MAX}})
    with transaction.atomic():
        meeting = meeting_for_write(meeting_id=item.meeting_id, action="interest_declare", now=now)
        if not rules.declaration_open(starts_at=meeting.starts_at, now=now):
            raise ValidationError(_("회의가 시작되어 이해충돌 신고를 바꿀 수 없습니다. 간사에게 알리세요."))
        _require_published_member(meeting, item, membership)
        declaration = (
            InterestDeclaration.objects.select_for_update().filter(item=item, membership=membership).first()
        )
        before = snapshot(declaration) if declaration else None
        if declaration is None:
            declaration = InterestDeclaration(item=item, membership=membership, declared_at=now)
        declaration.has_interest = has_interest
        declaration.kind = kind
        declaration.description = description
        declaration.asks_step_aside = asks_step_aside
        declaration.updated_at = now
        declaration.save()
        audit_record(
            actor=actor,
            action="interest_declare" if before is None else "interest_update",
            obj=declaration,
            before=before,
            after=snapshot(declaration),
        )
        _apply_disqualification(actor, meeting, declaration)
    return declaration


def _apply_disqualification(actor, meeting: Meeting, declaration: InterestDeclaration) -> None:
    """제척 by the body's rule follows the declaration: created when it names the member a party, removed
    when a declaration that had created it no longer does (only the automatic one: a recusal the secretary
    recorded stays)."""
    body = selectors.rule_body(meeting)
    wanted = rules.disqualifies(
        kind=declaration.kind,
        has_interest=declaration.has_interest,
        body_disqualifies_parties=body.disqualify_parties,
    )
    existing = Recusal.objects.filter(
        item_id=declaration.item_id, membership_id=declaration.membership_id
    ).first()
    if wanted and existing is None:
        Recusal.objects.create(
            item_id=declaration.item_id,
            membership=declaration.membership,
            kind=Recusal.Kind.DISQUALIFICATION,
            reason=_reason(declaration.get_kind_display(), declaration.description),
            declaration=declaration,
        )
        audit_record(
            actor=actor,
            action="recusal_disqualify",
            obj=declaration.item,
            note=f"{declaration.membership.person}: {declaration.get_kind_display()}",
        )
    elif (
        not wanted
        and existing is not None
        and existing.kind == Recusal.Kind.DISQUALIFICATION
        and existing.declaration_id == declaration.pk
        and existing.recorded_by_id is None
    ):
        existing.delete()
        audit_record(
            actor=actor,
            action="recusal_withdraw",
            obj=declaration.item,
            note=f"{declaration.membership.person}: {_('당사자 신고 철회')}",
        )


def challenge_file(
    *,
    actor,
    item: AgendaItem,
    filed_by: Membership,
    against: Membership,
    reasons: str,
    now: dt.datetime | None = None,
) -> RecusalChallenge:
    """기피 신청 by one member of the meeting against another, for one item. The body decides it
    (challenge_decide). Side effects: RecusalChallenge, AuditEntry."""
    now = now or timezone.now()
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError({"reasons": _("기피 사유를 적으세요.")})
    if len(reasons) > REASONS_MAX:
        raise ValidationError({"reasons": _("기피 사유는 %(n)d자 이내로 적으세요.") % {"n": REASONS_MAX}})
    if filed_by.pk == against.pk:
        raise ValidationError(
            {"against": _("자신에 대해서는 기피 신청을 할 수 없습니다. 회피 신청을 하세요.")}
        )
    try:
        with transaction.atomic():
            meeting = meeting_for_write(meeting_id=item.meeting_id, action="challenge_file", now=now)
            _require_published_member(meeting, item, filed_by)
            if against.pk not in {m.pk for m in selectors.enrolled_memberships(meeting)}:
                raise ValidationError({"against": _("이 회의의 재적위원이 아닙니다.")})
            challenge = RecusalChallenge.objects.create(
                item=item, filed_by=filed_by, against=against, reasons=reasons, filed_at=now
            )
            audit_record(
                actor=actor,
                action="challenge_file",
                obj=challenge,
                after=snapshot(challenge),
                note=f"{filed_by.person} → {against.person}",
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"against": _("이 위원에 대한 기피 신청이 이미 결정을 기다리고 있습니다.")}
        ) from exc
    return challenge


def recusal_from_declaration(*, actor, declaration: InterestDeclaration) -> Recusal:
    """회피: the secretary records the member's step-aside on the item from their declaration (with its kind
    and description as the reason). Side effects: Recusal, AuditEntry."""
    with transaction.atomic():
        meeting_for_write(meeting_id=declaration.item.meeting_id, action="interest_decide")
        declaration = InterestDeclaration.objects.select_related("membership__person", "item").get(
            pk=declaration.pk
        )
        if not declaration.has_interest:
            raise ValidationError(_("이해관계가 없다고 신고한 위원입니다."))
        if Recusal.objects.filter(item=declaration.item, membership=declaration.membership).exists():
            raise ValidationError(_("이미 회피·제척으로 기록된 위원입니다."))
        recusal = Recusal.objects.create(
            item=declaration.item,
            membership=declaration.membership,
            kind=Recusal.Kind.AVOIDANCE,
            reason=_reason(declaration.get_kind_display(), declaration.description),
            declaration=declaration,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="recusal_add",
            obj=declaration.item,
            after=snapshot(recusal),
            note=f"{declaration.membership.person}: {_('회피')}",
        )
    return recusal


def challenge_decide(
    *, actor, challenge: RecusalChallenge, decision: str, note: str = "", now: dt.datetime | None = None
) -> RecusalChallenge:
    """Record the body's decision on a 기피 신청: accepted → the member is recused on the item (kind 기피,
    the decision note or the reasons as its reason); rejected → recorded only. Decided once.
    Side effects: RecusalChallenge, perhaps a Recusal, AuditEntry."""
    now = now or timezone.now()
    note = note.strip()
    if decision not in (RecusalChallenge.Decision.ACCEPTED, RecusalChallenge.Decision.REJECTED):
        raise ValidationError({"decision": _("인용 또는 기각을 고르세요.")})
    with transaction.atomic():
        meeting_for_write(meeting_id=challenge.item.meeting_id, action="interest_decide", now=now)
        challenge = (
            RecusalChallenge.objects.select_for_update()
            .select_related("against__person", "item")
            .get(pk=challenge.pk)
        )
        if challenge.decision != RecusalChallenge.Decision.PENDING:
            raise ValidationError(_("이미 결정된 기피 신청입니다."))
        before = snapshot(challenge)
        if decision == RecusalChallenge.Decision.ACCEPTED:
            if Recusal.objects.filter(item=challenge.item, membership=challenge.against).exists():
                raise ValidationError(_("이미 회피·제척으로 기록된 위원입니다. 기각하고 그 사유를 적으세요."))
        challenge.decision = decision
        challenge.decision_note = note
        challenge.decided_by = actor
        challenge.decided_at = now
        challenge.save()
        if decision == RecusalChallenge.Decision.ACCEPTED:
            Recusal.objects.create(
                item=challenge.item,
                membership=challenge.against,
                kind=Recusal.Kind.CHALLENGE,
                reason=_reason(_("기피 인용"), note or challenge.reasons),
                challenge=challenge,
                recorded_by=actor,
            )
        audit_record(
            actor=actor,
            action=f"challenge_{decision}",
            obj=challenge,
            before=before,
            after=snapshot(challenge),
            note=f"{challenge.against.person}",
        )
    return challenge
