"""Reminder e-mails for monthly reports (run daily by `manage.py send_report_reminders`)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from committees.workdays import load_calendar
from reports import notifications, rules, selectors
from reports.models import ReminderLog, Report, ReportingObligation


def send_reminders(*, today: dt.date, days_before: int = 3) -> list[ReminderLog]:
    """For the month whose deadline falls in `today`'s month (the previous month), e-mail each unit
    that has not submitted: "due_soon" within `days_before` days of the deadline, "overdue" after it.

    Side effects: per (unit, field, month, kind), once: a ReminderLog row and one outbox message per
    reporting officer, in one transaction; the log's unique constraint refuses a second run's copy. The
    outbox, not this loop, deals with a mail server that is down, so nothing here waits on SMTP."""
    month = rules.previous_month(today)
    calendar = load_calendar()
    submitted = set(
        Report.objects.filter(month=month)
        .exclude(state=Report.State.DRAFT)
        .values_list("unit_id", "field_id")
    )
    already = set(ReminderLog.objects.filter(month=month).values_list("unit_id", "field_id", "kind"))
    sent = []
    obligations = ReportingObligation.objects.select_related("unit", "field").prefetch_related(
        "unit__reporting_officers"
    )
    for ob in obligations:
        if (ob.unit_id, ob.field_id) in submitted:
            continue
        deadline = selectors.deadline(ob.field, month, calendar)
        kind = rules.reminder_kind(deadline=deadline, today=today, days_before=days_before)
        if kind is None or (ob.unit_id, ob.field_id, kind) in already:
            continue
        recipients = sorted({u.email for u in ob.unit.reporting_officers.all() if u.email and u.is_active})
        if not recipients:
            continue  # no one to tell yet; tried again tomorrow
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    unit=ob.unit, field=ob.field, month=month, kind=kind, recipients=", ".join(recipients)
                )
                notifications.notify_reminder(
                    unit=ob.unit,
                    field=ob.field,
                    month=month,
                    deadline=deadline,
                    overdue=kind == ReminderLog.Kind.OVERDUE,
                )
        except IntegrityError:
            continue  # another run got there first
        sent.append(log)
    return sent
