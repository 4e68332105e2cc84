"""Who sees which reports. Reporting officers reach only their own units' reports; governance staff
(자치행정과) reach all and review them. Anything outside a user's reach is a 404."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from committees.models import OrgUnit
from committees.permissions import Roles
from reports import rules
from reports.models import Indicator, Report, ReportAttachment, ReportingField, ReportingObligation


def can_reach_unit(roles: Roles, unit_id: int) -> bool:
    return roles.is_governance_staff or unit_id in roles.reporting_unit_ids


def visible_reports(roles: Roles) -> QuerySet[Report]:
    if roles.is_governance_staff:
        return Report.objects.all()
    return Report.objects.filter(unit_id__in=roles.reporting_unit_ids)


def report_or_404(roles: Roles, pk: int) -> Report:
    report = visible_reports(roles).select_related("unit", "field").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def obligation_or_404(roles: Roles, unit_id: int, field_code: str) -> ReportingObligation:
    if not can_reach_unit(roles, unit_id):
        raise Http404
    obligation = (
        ReportingObligation.objects.select_related("unit", "field")
        .filter(unit_id=unit_id, field__code=field_code)
        .first()
    )
    if obligation is None:
        raise Http404
    return obligation


def unit_or_404(roles: Roles, unit_id: int) -> OrgUnit:
    if not can_reach_unit(roles, unit_id):
        raise Http404
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def attachment_or_404(roles: Roles, pk: int) -> ReportAttachment:
    attachment = ReportAttachment.objects.select_related("report").filter(pk=pk).first()
    if attachment is None or not can_reach_unit(roles, attachment.report.unit_id):
        raise Http404
    return attachment


def report_units_for_user(roles: Roles) -> QuerySet[OrgUnit]:
    """The units whose reports the user writes (a reporting officer's own; staff reach the page too,
    listing their own units if any). Anyone else: 404."""
    if not roles.reporting_unit_ids and not roles.is_governance_staff:
        raise Http404
    return OrgUnit.objects.filter(pk__in=sorted(roles.reporting_unit_ids)).order_by("order", "name")


def report_for_edit(
    roles: Roles, unit_id: int, field_code: str, year: int, month: int
) -> tuple[ReportingObligation, dt.date, Report | None]:
    """The obligation, month and (if any) report behind an edit page. A unit out of reach, a month
    out of range or in the future: 404."""
    obligation = obligation_or_404(roles, unit_id, field_code)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    month_date = dt.date(year, month, 1)
    if month_date > rules.month_start(timezone.localdate()):
        raise Http404
    report = (
        Report.objects.filter(unit=obligation.unit, field=obligation.field, month=month_date)
        .prefetch_related("values", "attachments")
        .first()
    )
    return obligation, month_date, report


def field_for_staff(code: str) -> ReportingField:
    """A reporting field by code (staff pages; the decorator checks the role)."""
    field = ReportingField.objects.filter(code=code).first()
    if field is None:
        raise Http404
    return field


def indicator_for_staff(field: ReportingField, pk: int | None) -> Indicator | None:
    """An indicator of `field`, or None for a new one; another field's indicator is a 404."""
    if pk is None:
        return None
    indicator = Indicator.objects.filter(pk=pk, field=field).first()
    if indicator is None:
        raise Http404
    return indicator
