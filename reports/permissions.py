"""Who sees which reports. Reporting officers reach only their own units' reports; governance staff
(자치행정과) reach all and review them. Anything outside a user's reach is a 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from committees.models import OrgUnit
from committees.permissions import Roles
from reports.models import Report, ReportAttachment, ReportingObligation


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
