"""Reminder e-mails for monthly reports (run daily by `manage.py send_report_reminders`)."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from committees.workdays import load_calendar
from reports import rules, selectors
from reports.models import ReminderLog, Report, ReportingObligation
from seongdong_gov.rules import date_dots

logger = logging.getLogger(__name__)


def send_reminders(*, today: dt.date, days_before: int = 3) -> list[ReminderLog]:
    """For the month whose deadline falls in `today`'s month (the previous month), e-mail each unit
    that has not submitted: "due_soon" within `days_before` days of the deadline, "overdue" after it.
    Each (unit, field, month, kind) is sent once: the ReminderLog row is written in the same
    transaction as the send, and its unique constraint refuses a second one."""
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
        subject, body = _message(ob, month, deadline, kind)
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    unit=ob.unit, field=ob.field, month=month, kind=kind, recipients=", ".join(recipients)
                )
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except IntegrityError:
            continue  # another run got there first
        except (smtplib.SMTPException, OSError):
            # not recorded (the transaction rolled back), so tomorrow's run tries this one again
            logger.exception("reminder to %s failed", recipients)
            continue
        sent.append(log)
    return sent


def _message(ob, month: dt.date, deadline: dt.date, kind: str) -> tuple[str, str]:
    params = {
        "unit": ob.unit.name,
        "field": ob.field.name,
        "year": month.year,
        "month": month.month,
        "deadline": date_dots(deadline),
    }
    if kind == ReminderLog.Kind.OVERDUE:
        subject = _("[사업성과 보고] %(year)s년 %(month)s월 %(field)s 분야 보고 마감 경과") % params
        body = (
            _(
                "%(unit)s 담당자님,\n\n%(year)s년 %(month)s월 %(field)s 분야 사업성과 보고가 마감일(%(deadline)s)까지 "
                "제출되지 않았습니다. 빠른 시일 내에 제출해 주십시오.\n\n성동구 자치행정과"
            )
            % params
        )
    else:
        subject = (
            _("[사업성과 보고] %(year)s년 %(month)s월 %(field)s 분야 보고 마감 안내 (%(deadline)s)") % params
        )
        body = (
            _(
                "%(unit)s 담당자님,\n\n%(year)s년 %(month)s월 %(field)s 분야 사업성과 보고 마감일은 %(deadline)s "
                "23:59입니다. 기한 내 제출해 주십시오.\n\n성동구 자치행정과"
            )
            % params
        )
    return subject, body
