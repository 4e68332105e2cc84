"""Convening requests (소집 요구) by members: open, sign, satisfied at the threshold."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import rules as committee_rules
from committees.models import Body, Membership
from meetings import notifications, rules, selectors
from meetings.models import ConveningRequest, ConveningSignature
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.submissions import submission_claim


def _current_member_of(body: Body, membership: Membership, on: dt.date) -> None:
    if membership.body_id != body.pk or not membership.is_current(on):
        raise ValidationError(_("이 기구의 현재 위원만 소집을 요구할 수 있습니다."))


def convening_request_open(
    *,
    actor,
    body: Body,
    membership: Membership,
    reason: str,
    today: dt.date | None = None,
    submission_key: str | None = None,
) -> ConveningRequest:
    """A member opens a convening request (소집 요구) and signs it first. The threshold is fixed at
    opening: ceil(재적 × the body's fraction) (1/3: 15 → 5). Side effects: request, signature,
    AuditEntry, the submission key claimed; e-mails when already satisfied."""
    today = today or timezone.localdate()
    _current_member_of(body, membership, today)
    if not reason.strip():
        raise ValidationError({"reason": _("소집 요구 사유를 적으세요.")})
    enrolled = selectors.enrolled_in(body, today)
    with transaction.atomic():
        submission_claim(key=submission_key)
        request = ConveningRequest.objects.create(
            body=body,
            reason=reason.strip(),
            enrolled=enrolled,
            threshold=committee_rules.convening_threshold(
                enrolled, body.convening_numerator, body.convening_denominator
            ),
        )
        ConveningSignature.objects.create(request=request, membership=membership)
        audit_record(actor=actor, action="convening_open", obj=request, after=snapshot(request))
        signed = _convening_check(actor=actor, request=request, today=today)
        if signed:
            notifications.notify_convening_satisfied(
                request, request.body, signed=signed, on=today, actor=actor
            )
    return request


def convening_request_sign(
    *, actor, request: ConveningRequest, membership: Membership, today: dt.date | None = None
) -> ConveningRequest:
    """A member signs. When signatures reach the threshold the request is satisfied once, and the chair,
    the secretary and the governance staff are told by e-mail. Signing twice is refused.
    Side effects: signature, AuditEntry, e-mails."""
    today = today or timezone.localdate()
    _current_member_of(request.body, membership, today)
    try:
        with transaction.atomic():
            request = ConveningRequest.objects.select_for_update().get(pk=request.pk)
            ConveningSignature.objects.create(request=request, membership=membership)
            audit_record(actor=actor, action="convening_sign", obj=request, note=str(membership.person))
            signed = _convening_check(actor=actor, request=request, today=today)
            if signed:
                notifications.notify_convening_satisfied(
                    request, request.body, signed=signed, on=today, actor=actor
                )
    except IntegrityError as exc:
        raise ValidationError(_("이미 서명했습니다.")) from exc
    return request


def _convening_check(*, actor, request: ConveningRequest, today: dt.date) -> int | None:
    """Mark the request satisfied once its signatures reach the threshold; returns the number of
    signatures when it just became satisfied (the e-mail goes out after the transaction), else None."""
    body = request.body
    signed = request.signatures.count()
    if request.satisfied_at is not None or not rules.convening_satisfied(
        signed,
        enrolled=request.enrolled,
        numerator=body.convening_numerator,
        denominator=body.convening_denominator,
    ):
        return None
    before = snapshot(request)
    request.satisfied_at = timezone.now()
    request.save(update_fields=["satisfied_at"])
    audit_record(
        actor=actor, action="convening_satisfied", obj=request, before=before, after=snapshot(request)
    )
    return signed
