"""Working-day calendar exceptions (휴무일, extra working days) that staff declare."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.models import CalendarException
from seongdong_gov.audit import audit_record, snapshot


def calendar_exception_save(*, actor, date: dt.date, kind: str, reason: str) -> CalendarException:
    """Staff declare a closure (휴무일) or an extra working day; every app's working-day calendar
    (committees.workdays.load_calendar) then follows it. One exception per date. Side effects: AuditEntry."""
    if not reason.strip():
        raise ValidationError({"reason": _("사유를 적으세요.")})
    with transaction.atomic():
        existing = CalendarException.objects.select_for_update().filter(date=date).first()
        before = snapshot(existing) if existing else None
        exc = existing or CalendarException(date=date)
        exc.kind, exc.reason = kind, reason.strip()
        exc.full_clean()
        exc.save()
        audit_record(actor=actor, action="calendar_exception", obj=exc, before=before, after=snapshot(exc))
    return exc


def calendar_exception_delete(*, actor, exception: CalendarException) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="delete", obj=exception, before=snapshot(exception))
        exception.delete()
