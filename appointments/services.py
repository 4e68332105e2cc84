"""Writes for appointments and the certificate register. Keyword-only, one transaction each, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from appointments import notifications, rules
from appointments.models import Appointment, Certificate, CertificateCounter
from committees.models import Membership, Person, Seat, SeatGroup
from committees.services import Result, membership_appoint, membership_end
from seongdong_gov.audit import audit_record, snapshot


def previous_consecutive_terms(membership: Membership) -> int:
    """Terms the person served on the same body back to back right before this membership."""
    periods = list(
        Membership.objects.filter(
            body_id=membership.body_id, person_id=membership.person_id, end__isnull=False
        )
        .exclude(pk=membership.pk)
        .values_list("start", "end")
    )
    return rules.consecutive_terms(periods, membership.start)


def scheduled_term_end(appointment: Appointment) -> dt.date:
    """The end of the term an appointment was made for (not an early resignation or dismissal):
    a replacement inherits it from its predecessor, back to the first full term."""
    chain = []
    current: Appointment | None = appointment
    while current is not None:
        chain.append(current)
        current = current.replaces
    first = chain[-1].membership
    return rules.term_end(first.start, first.body.term_years)


def planned_end(*, body, start: dt.date, replaces: Appointment | None = None) -> dt.date:
    """The end an appointment starting on `start` must have (never typed by staff): a full term of
    Body.term_years, or for a replacement the end of the predecessor's scheduled term."""
    predecessor_end = None
    if replaces is not None:
        if replaces.membership.body_id != body.pk:
            raise ValidationError({"replaces": _("전임자는 같은 기구의 위원이어야 합니다.")})
        predecessor_end = scheduled_term_end(replaces)
    try:
        return rules.expected_end(start, body.term_years, predecessor_end)
    except ValueError as exc:
        raise ValidationError(
            {
                "replaces": _("전임자의 임기(%(end)s 종료)가 보궐 위촉일 전에 끝났습니다.")
                % {"end": rules.date_dots(predecessor_end)}
            }
        ) from exc


def _reappointment_reason(membership: Membership, reason: str) -> tuple[int, str]:
    """(previous consecutive terms, reason to store); a reason is required beyond the body's limit."""
    body = membership.body
    previous = previous_consecutive_terms(membership)
    check = rules.reappointment_check(previous, body.reappointment_limit)
    reason = reason.strip()
    if check.needs_reason and not reason:
        raise ValidationError(
            {
                "reappointment_reason": _(
                    "%(body)s의 연임 허용 횟수(%(limit)d회)를 넘는 %(n)d번째 연임입니다. 사유를 기록하세요."
                )
                % {"body": body, "limit": check.limit, "n": check.number}
            }
        )
    return previous, reason if check.needs_reason else ""


def appointment_record(
    *,
    actor,
    membership: Membership,
    recommended_by: str = "",
    recommended_on: dt.date | None = None,
    approval_number: str = "",
    approval_date: dt.date | None = None,
    reappointment_reason: str = "",
    replaces: Appointment | None = None,
) -> Appointment:
    """Record the appointment behind an appointed membership.

    Checks: appointed seats only; the membership's end equals the full term (Body.term_years) or, for a
    replacement, the predecessor's end (an earlier end is accepted only when the membership was ended
    with a recorded reason); a reappointment beyond Body.reappointment_limit needs a reason.
    Side effects: a membership without an end gets the computed term end (AuditEntry); one Appointment,
    one AuditEntry.
    """
    if membership.seat.group.kind != SeatGroup.Kind.APPOINTED:
        raise ValidationError(_("당연직 위원은 위촉 기록과 위촉장이 없습니다."))
    if Appointment.objects.filter(membership=membership).exists():
        raise ValidationError(_("이 재임에는 이미 위촉 기록이 있습니다. 위촉 기록 수정을 이용하세요."))
    expected = planned_end(body=membership.body, start=membership.start, replaces=replaces)
    ended_early = bool(membership.end and membership.end < expected and membership.end_reason)
    if membership.end is not None and membership.end != expected and not ended_early:
        raise ValidationError(
            {
                "membership": _("임기 종료일은 %(expected)s이어야 합니다 (재임 기록: %(actual)s).")
                % {"expected": rules.date_dots(expected), "actual": rules.date_dots(membership.end)}
            }
        )
    previous, reason = _reappointment_reason(membership, reappointment_reason)
    with transaction.atomic():
        if membership.end is None:
            before = snapshot(membership)
            membership.end = expected
            membership.save(update_fields=["end"])
            audit_record(
                actor=actor, action="term_set", obj=membership, before=before, after=snapshot(membership)
            )
        appointment = Appointment(
            membership=membership,
            recommended_by=recommended_by.strip() or membership.seat.group.recommender,
            recommended_on=recommended_on,
            approval_number=approval_number.strip(),
            approval_date=approval_date,
            is_reappointment=previous > 0,
            reappointment_reason=reason,
            replaces=replaces,
        )
        appointment.full_clean()
        appointment.save()
        audit_record(actor=actor, action="appoint", obj=appointment, after=snapshot(appointment))
    return appointment


def appointment_create(
    *,
    actor,
    seat: Seat,
    person: Person,
    role: str,
    start: dt.date,
    replaces: Appointment | None = None,
    recommended_by: str = "",
    recommended_on: dt.date | None = None,
    approval_number: str = "",
    approval_date: dt.date | None = None,
    reappointment_reason: str = "",
    gender_exception_reason: str = "",
    note: str = "",
) -> Result:
    """Appoint a person to an appointed seat and record the appointment, in one transaction.

    The end is computed (planned_end), never typed. Seat, period and gender-balance checks are
    committees.services.membership_appoint's; the term and reappointment checks are appointment_record's.
    Side effects: one Membership and one Appointment with their AuditEntries; nothing if any check fails.
    Returns the appointment with membership_appoint's warnings (cross-membership cap).
    """
    if seat.group.kind != SeatGroup.Kind.APPOINTED:
        raise ValidationError({"seat": _("위촉직 좌석을 고르세요. 당연직은 직위의 인사 발령으로 채웁니다.")})
    end = planned_end(body=seat.group.body, start=start, replaces=replaces)
    with transaction.atomic():
        result = membership_appoint(
            actor=actor,
            seat=seat,
            person=person,
            role=role,
            start=start,
            end=end,
            gender_exception_reason=gender_exception_reason,
            note=note,
        )
        appointment = appointment_record(
            actor=actor,
            membership=result.obj,
            recommended_by=recommended_by,
            recommended_on=recommended_on,
            approval_number=approval_number,
            approval_date=approval_date,
            reappointment_reason=reappointment_reason,
            replaces=replaces,
        )
    return Result(appointment, result.warnings)


def appointment_update(
    *,
    actor,
    appointment: Appointment,
    recommended_by: str,
    recommended_on: dt.date | None,
    approval_number: str,
    approval_date: dt.date | None,
    reappointment_reason: str,
) -> Appointment:
    """Correct the recommendation, approval and reappointment reason of a recorded appointment.

    Dates and predecessor are not edited here (the term follows from them; end or re-record instead).
    Side effects: one AuditEntry with the changed fields.
    """
    _previous, reason = _reappointment_reason(appointment.membership, reappointment_reason)
    with transaction.atomic():
        before = snapshot(appointment)
        appointment.recommended_by = recommended_by.strip()
        appointment.recommended_on = recommended_on
        appointment.approval_number = approval_number.strip()
        appointment.approval_date = approval_date
        appointment.reappointment_reason = reason
        appointment.full_clean()
        appointment.save(
            update_fields=[
                "recommended_by",
                "recommended_on",
                "approval_number",
                "approval_date",
                "reappointment_reason",
            ]
        )
        audit_record(
            actor=actor, action="update", obj=appointment, before=before, after=snapshot(appointment)
        )
    return appointment


def appointment_end(
    *, actor, appointment: Appointment, kind: str, on: dt.date, ground: str = ""
) -> Appointment:
    """End an appointment by expiry, resignation or dismissal (해촉, ground required).

    Side effects: the membership ends on `on` (committees.services.membership_end); end kind and
    ground recorded on the appointment; AuditEntries for both.
    """
    ground = ground.strip()
    if kind not in Appointment.EndKind.values:
        raise ValidationError({"kind": _("종료 구분을 선택하세요.")})
    if appointment.end_kind:
        raise ValidationError(_("이미 종료된 위촉입니다."))
    if kind == Appointment.EndKind.DISMISSAL and not ground:
        raise ValidationError({"ground": _("해촉은 근거를 기록해야 합니다.")})
    if kind == Appointment.EndKind.EXPIRY and appointment.membership.end and on != appointment.membership.end:
        raise ValidationError({"on": _("임기 만료일은 임기 종료일과 같아야 합니다.")})
    with transaction.atomic():
        before = snapshot(appointment)
        label = Appointment.EndKind(kind).label
        membership_end(
            actor=actor,
            membership=appointment.membership,
            end=on,
            reason=f"{label}: {ground}" if ground else str(label),
        )
        appointment.end_kind = kind
        appointment.end_ground = ground
        appointment.full_clean()
        appointment.save(update_fields=["end_kind", "end_ground"])
        audit_record(actor=actor, action="end", obj=appointment, before=before, after=snapshot(appointment))
    return appointment


def _allocate(year: int, count: int) -> int:
    """Reserve `count` consecutive sequence numbers for `year`; returns the first.

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers), so two
    administrators issuing at once get distinct numbers; the unique constraint backs it up.
    """
    CertificateCounter.objects.get_or_create(year=year)
    counter = CertificateCounter.objects.select_for_update().get(year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def certificate_issue(
    *, actor, appointments: Iterable[Appointment], issued_on: dt.date, ceremony: str = ""
) -> list[Certificate]:
    """Issue the original certificate of each appointment, numbered in the given order.

    Refuses appointments that already have a certificate (use certificate_reissue).
    Side effects: numbers allocated from the year's counter; one Certificate and one AuditEntry each;
    the member is e-mailed that the certificate is ready (outbox, same transaction).
    """
    appointments = list(appointments)
    if not appointments:
        raise ValidationError(_("발급할 위촉을 하나 이상 선택하세요."))
    with transaction.atomic():
        # Lock the appointments (in pk order, so two batches cannot deadlock) before looking for their
        # certificates: a second administrator issuing the same appointment at the same moment waits
        # here, then sees the first one's certificate and gets the message below instead of a 500.
        list(
            Appointment.objects.select_for_update()
            .filter(pk__in=[a.pk for a in appointments])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        issued = set(
            Certificate.objects.filter(appointment__in=appointments, reissue_of__isnull=True).values_list(
                "appointment_id", flat=True
            )
        )
        if issued:
            names = ", ".join(str(a.membership.person) for a in appointments if a.pk in issued)
            raise ValidationError(
                _("이미 위촉장이 발급된 위원이 있습니다: %(names)s. 재발급으로 처리하세요.")
                % {"names": names}
            )
        first = _allocate(issued_on.year, len(appointments))
        out = []
        for offset, appointment in enumerate(appointments):
            seq = first + offset
            try:
                with transaction.atomic():
                    cert = Certificate.objects.create(
                        year=issued_on.year,
                        sequence=seq,
                        number=rules.certificate_number(issued_on.year, seq),
                        appointment=appointment,
                        issued_on=issued_on,
                        ceremony=ceremony.strip(),
                        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
                    )
            except IntegrityError as exc:  # the unique original per appointment: the lock's backstop
                raise ValidationError(
                    _("이미 위촉장이 발급된 위원이 있습니다: %(names)s. 재발급으로 처리하세요.")
                    % {"names": appointment.membership.person}
                ) from exc
            audit_record(actor=actor, action="issue", obj=cert, after=snapshot(cert))
            notifications.notify_certificate_ready(cert, actor=actor)
            out.append(cert)
    return out


def certificate_reissue(*, actor, certificate: Certificate, issued_on: dt.date, reason: str) -> Certificate:
    """Reissue (재발급) a lost or damaged certificate under a new number linked to the original.

    Side effects: one Certificate (reissue_of = the original), one AuditEntry. Nothing is deleted.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("재발급 사유를 입력하세요.")})
    original = certificate.reissue_of or certificate
    with transaction.atomic():
        seq = _allocate(issued_on.year, 1)
        cert = Certificate.objects.create(
            year=issued_on.year,
            sequence=seq,
            number=rules.certificate_number(issued_on.year, seq),
            appointment_id=original.appointment_id,
            issued_on=issued_on,
            ceremony=original.ceremony,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            reissue_of=original,
            reissue_reason=reason,
        )
        audit_record(actor=actor, action="reissue", obj=cert, after=snapshot(cert), note=original.number)
    return cert
