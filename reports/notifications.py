"""E-mail to the units' reporting officers: due, overdue (sent by `send_report_reminders`), returned
with the comment, accepted. Text in templates/reports/mail/; queued through `committees.notifications`
in the caller's transaction."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from committees.enums import NotificationKind as Kind
from committees.models import OrgUnit
from committees.notifications import Outcome, notify
from reports.models import Report, ReportingField
from seongdong_gov.mail import absolute_url
from seongdong_gov.rules import date_dots


def _officers(unit: OrgUnit) -> list:
    return [u for u in unit.reporting_officers.all() if u.is_active]


def edit_url(unit: OrgUnit, field: ReportingField, month: dt.date) -> str:
    """Where the officers write (or fix) the month's report."""
    return absolute_url(reverse("reports:edit", args=[unit.pk, field.code, month.year, month.month]))


def notify_reminder(
    *, unit: OrgUnit, field: ReportingField, month: dt.date, deadline: dt.date, overdue: bool
) -> Outcome:
    """마감 임박 or 마감 경과, to the unit's reporting officers."""
    kind = Kind.REPORT_OVERDUE if overdue else Kind.REPORT_DUE
    context = {
        "unit": unit,
        "field": field,
        "month": month,
        "deadline": date_dots(deadline),
        "url": edit_url(unit, field, month),
    }
    return notify(
        kind=kind, template=f"reports/mail/{kind}", context=context, users=_officers(unit), about=unit
    )


def notify_returned(report: Report, *, comment: str, actor=None) -> Outcome:
    """The unit's officers learn that the report came back, why, and where to fix it."""
    context = {
        "unit": report.unit,
        "field": report.field,
        "month": report.month,
        "comment": comment,
        "url": edit_url(report.unit, report.field, report.month),
    }
    return notify(
        kind=Kind.REPORT_RETURNED,
        template="reports/mail/report_returned",
        context=context,
        users=_officers(report.unit),
        about=report,
        actor=actor,
    )


def notify_accepted(report: Report, *, comment: str = "", actor=None) -> Outcome:
    context = {
        "unit": report.unit,
        "field": report.field,
        "month": report.month,
        "comment": comment,
        "url": absolute_url(report.get_absolute_url()),
    }
    return notify(
        kind=Kind.REPORT_ACCEPTED,
        template="reports/mail/report_accepted",
        context=context,
        users=_officers(report.unit),
        about=report,
        actor=actor,
    )
