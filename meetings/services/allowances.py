"""Attendance allowance payment lists: prepare from the attendance, confirm once; final afterwards."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting, PaymentLine, PaymentList
from meetings.selectors.allowances import HELD_STATES, payment_lines_compute
from seongdong_gov.audit import audit_record, snapshot


def _refuse_if_confirmed(payment_list: PaymentList | None) -> None:
    if payment_list is not None and payment_list.is_confirmed:
        raise ValidationError(_("확정된 참석수당 지급 명세는 바꿀 수 없습니다."))


def payment_list_prepare(*, actor, meeting: Meeting) -> PaymentList:
    """(Re)compute the draft payment list of a held meeting from its attendance (the frozen record once
    the minutes are locked). Refused before the meeting is held and after the list is confirmed.
    Side effects: the PaymentList and its PaymentLines replaced; an AuditEntry."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in HELD_STATES:
            raise ValidationError(_("개최된 회의만 참석수당 지급 명세를 작성할 수 있습니다."))
        payment_list = PaymentList.objects.select_for_update().filter(meeting=meeting).first()
        _refuse_if_confirmed(payment_list)
        now = timezone.now()
        source, lines = payment_lines_compute(meeting, paid_on=timezone.localdate(now))
        if payment_list is None:
            payment_list = PaymentList(meeting=meeting)
        payment_list.source = source
        # the tax table in force on the payment day applies (소득세법 시행령 제50조①): the list is paid now
        payment_list.paid_on = timezone.localdate(now)
        payment_list.prepared_at = now
        payment_list.save()
        payment_list.lines.all().delete()
        PaymentLine.objects.bulk_create(PaymentLine(payment_list=payment_list, **line) for line in lines)
        audit_record(
            actor=actor,
            action="payment_list_prepare",
            obj=payment_list,
            after={"source": source, "lines": len(lines), "amount": sum(line["amount"] for line in lines)},
        )
    return payment_list


def payment_list_confirm(*, actor, meeting: Meeting) -> PaymentList:
    """Confirm the meeting's payment list: from now on it is final (no prepare, no second confirm),
    checked here under a row lock so two secretaries cannot both confirm.
    Side effects: the PaymentList's status, confirmation time and confirmer; an AuditEntry."""
    with transaction.atomic():
        payment_list = PaymentList.objects.select_for_update().filter(meeting=meeting).first()
        if payment_list is None:
            raise ValidationError(_("먼저 참석수당 지급 명세를 작성하세요."))
        _refuse_if_confirmed(payment_list)
        before = snapshot(payment_list)
        payment_list.status = PaymentList.Status.CONFIRMED
        payment_list.confirmed_at = timezone.now()
        payment_list.confirmed_by = actor if getattr(actor, "pk", None) else None
        payment_list.save()
        audit_record(
            actor=actor,
            action="payment_list_confirm",
            obj=payment_list,
            before=before,
            after=snapshot(payment_list),
        )
    return payment_list
