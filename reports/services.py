"""State changes of monthly reports. Every service runs in one transaction, records a ReportEvent
(who, when, comment) and an audit entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import OrgUnit
from reports import notifications, rules
from reports.models import (
    Indicator,
    IndicatorValue,
    Report,
    ReportAttachment,
    ReportEvent,
    ReportingField,
)
from seongdong_gov.audit import audit_record, snapshot

NARRATIVE_FIELDS = ("achievements", "problems", "improvements")
_REPORT_FIELDS = ["state", "submitted_at", *NARRATIVE_FIELDS]


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def _require_state(report: Report, *states: str) -> None:
    if report.state not in states:
        raise ValidationError(
            _("이 보고는 현재 상태(%(state)s)에서 처리할 수 없습니다.")
            % {"state": report.get_state_display()},
            code="state",
        )


@transaction.atomic
def report_save_draft(
    *,
    actor,
    unit: OrgUnit,
    field: ReportingField,
    month: dt.date,
    values: dict[int, Decimal | None],
    narrative: dict[str, str],
    files: list | None = None,
) -> Report:
    """Create or update the report of `unit` × `field` × `month` while it is a draft or returned.

    Side effects: upserts indicator values (a None value deletes it), stores attachments, records a
    "saved" event and an audit entry. A submitted or accepted report cannot be changed.
    """
    month = rules.month_start(month)
    report, created = Report.objects.select_for_update().get_or_create(unit=unit, field=field, month=month)
    _require_state(report, Report.State.DRAFT, Report.State.RETURNED)
    before = None if created else snapshot(report, _REPORT_FIELDS)
    before_values = {v.indicator_id: v.value for v in report.values.all()}
    for name in NARRATIVE_FIELDS:
        if name in narrative:
            setattr(report, name, narrative[name] or "")
    report.updated_at = timezone.now()
    report.save()
    allowed = set(Indicator.objects.filter(field=field).values_list("pk", flat=True))
    for indicator_id, value in values.items():
        if indicator_id not in allowed:
            raise ValidationError(_("이 분야의 지표가 아닙니다."), code="indicator")
        if value is None:
            IndicatorValue.objects.filter(report=report, indicator_id=indicator_id).delete()
        else:
            IndicatorValue.objects.update_or_create(
                report=report, indicator_id=indicator_id, defaults={"value": value}
            )
    for upload in files or []:
        ReportAttachment.objects.create(
            report=report,
            file=upload,
            original_name=upload.name[:200],
            content_type=getattr(upload, "content_type", "") or "application/octet-stream",
            size=upload.size,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.SAVED, actor=_user(actor))
    after = snapshot(report, _REPORT_FIELDS)
    changed_values = {
        str(k): [str(before_values.get(k)), str(v)] for k, v in values.items() if before_values.get(k) != v
    }
    audit_record(
        actor=actor,
        action="report.create" if created else "report.save_draft",
        obj=report,
        before=before,
        after=after,
        note=f"values: {changed_values}" if changed_values else "",
    )
    return report


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_complete(report: Report) -> None:
    missing = list(
        Indicator.objects.filter(field_id=report.field_id, active=True)
        .exclude(values__report=report)
        .values_list("name", flat=True)
    )
    if missing:
        raise ValidationError(
            _("다음 지표의 실적을 입력해야 제출할 수 있습니다: %(names)s") % {"names": ", ".join(missing)},
            code="incomplete",
        )
    if not report.achievements.strip():
        raise ValidationError(_("주요 성과를 입력해야 제출할 수 있습니다."), code="incomplete")


@transaction.atomic
def report_submit(*, actor, report: Report, now: dt.datetime | None = None) -> Report:
    """Draft → submitted. Sets the submission time (on time or late is computed from it in
    Asia/Seoul). Requires a value for every active indicator and the 주요 성과 text."""
    report = _locked(report)
    _require_state(report, Report.State.DRAFT)
    _check_complete(report)
    before = snapshot(report, _REPORT_FIELDS)
    report.state = Report.State.SUBMITTED
    report.submitted_at = now or timezone.now()
    report.updated_at = timezone.now()
    report.save()
    ReportEvent.objects.create(
        report=report, kind=ReportEvent.Kind.SUBMITTED, actor=_user(actor), at=report.submitted_at
    )
    audit_record(
        actor=actor, action="report.submit", obj=report, before=before, after=snapshot(report, _REPORT_FIELDS)
    )
    return report


@transaction.atomic
def report_return(*, actor, report: Report, comment: str) -> Report:
    """Submitted → returned with a comment for the unit (the comment is required). Side effects:
    ReportEvent, audit entry, one outbox message per reporting officer with the comment and a link."""
    if not (comment or "").strip():
        raise ValidationError({"comment": _("반려 사유를 입력하세요.")}, code="required")
    report = _locked(report)
    _require_state(report, Report.State.SUBMITTED)
    before = snapshot(report, _REPORT_FIELDS)
    report.state = Report.State.RETURNED
    report.updated_at = timezone.now()
    report.save()
    ReportEvent.objects.create(
        report=report, kind=ReportEvent.Kind.RETURNED, actor=_user(actor), comment=comment.strip()
    )
    audit_record(
        actor=actor,
        action="report.return",
        obj=report,
        before=before,
        after=snapshot(report, _REPORT_FIELDS),
        note=comment,
    )
    notifications.notify_returned(report, comment=comment.strip(), actor=actor)
    return report


@transaction.atomic
def report_resubmit(*, actor, report: Report, comment: str = "") -> Report:
    """Returned → submitted. The first submission time stands (lateness is judged on it)."""
    report = _locked(report)
    _require_state(report, Report.State.RETURNED)
    _check_complete(report)
    before = snapshot(report, _REPORT_FIELDS)
    report.state = Report.State.SUBMITTED
    report.updated_at = timezone.now()
    report.save()
    ReportEvent.objects.create(
        report=report, kind=ReportEvent.Kind.RESUBMITTED, actor=_user(actor), comment=comment
    )
    audit_record(
        actor=actor,
        action="report.resubmit",
        obj=report,
        before=before,
        after=snapshot(report, _REPORT_FIELDS),
    )
    return report


@transaction.atomic
def report_accept(*, actor, report: Report, comment: str = "") -> Report:
    """Submitted → accepted by 자치행정과; the figures then count in the consolidated report. Side effects:
    ReportEvent, audit entry, one outbox message per reporting officer."""
    report = _locked(report)
    _require_state(report, Report.State.SUBMITTED)
    before = snapshot(report, _REPORT_FIELDS)
    report.state = Report.State.ACCEPTED
    report.updated_at = timezone.now()
    report.save()
    ReportEvent.objects.create(
        report=report, kind=ReportEvent.Kind.ACCEPTED, actor=_user(actor), comment=comment
    )
    audit_record(
        actor=actor, action="report.accept", obj=report, before=before, after=snapshot(report, _REPORT_FIELDS)
    )
    notifications.notify_accepted(report, comment=comment, actor=actor)
    return report


# ---- the consolidated report on the 사업성과 회의 agenda ------------------------------------------------


@dataclass(frozen=True)
class SaveOutcome:
    """What report_save did: the saved report, whether it went in, and if not why (the draft stays)."""

    report: Report
    submitted: bool
    refusal: str = ""


def report_save(
    *,
    actor,
    unit: OrgUnit,
    field: ReportingField,
    month: dt.date,
    values: dict[int, Decimal | None],
    narrative: dict[str, str],
    files: list | None = None,
    submit: bool,
) -> SaveOutcome:
    """Save the draft and, when `submit`, hand it in: a returned report is resubmitted, a draft
    submitted.

    Side effects: those of report_save_draft, then of report_submit or report_resubmit, in one
    transaction. A ValidationError from the draft saves nothing; one from the submission (e.g. a
    missing indicator value) is returned as the refusal, and the draft stays saved (the submission
    runs in a savepoint), so the reporter keeps what was typed and sees what is missing.
    """
    with transaction.atomic():
        report = report_save_draft(
            actor=actor, unit=unit, field=field, month=month, values=values, narrative=narrative, files=files
        )
        if not submit:
            return SaveOutcome(report, submitted=False)
        hand_in = report_resubmit if report.state == Report.State.RETURNED else report_submit
        try:
            with transaction.atomic():
                report = hand_in(actor=actor, report=report)
        except ValidationError as exc:
            return SaveOutcome(report, submitted=False, refusal=" ".join(exc.messages))
    return SaveOutcome(report, submitted=True)


def consolidated_file_names(month: dt.date) -> tuple[str, str]:
    """The names under which the month's consolidated report is attached (PDF, Excel). Not translated:
    the names identify the files to replace when the report is attached again."""
    stem = f"사업성과 종합보고 {month:%Y-%m}"
    return f"{stem}.pdf", f"{stem}.xlsx"


@transaction.atomic
def consolidated_attach_to_meeting(*, actor, month: dt.date, meeting, pdf: bytes, xlsx: bytes) -> list:
    """Attach the consolidated report of `month` (PDF and Excel) to `meeting`, the 사업성과 회의 that
    reviews it (see selectors.review_meeting), on its 보고 agenda item when it has one, through the
    meetings app's service (reports does not write meetings' rows).

    Attaching again replaces the files attached before for the same month, so the agenda always
    carries the latest figures. Side effects: meetings.Attachment rows and files, an audit entry.
    """
    # Inline, as the import of meetings.models was before: only this function of reports needs the
    # meetings app, and keeping it here leaves the module's imports to the reports owners.
    from meetings import selectors as meeting_selectors
    from meetings import services as meeting_services

    month = rules.month_start(month)
    names = consolidated_file_names(month)
    return meeting_services.attachment_replace_document(
        actor=actor,
        meeting=meeting,
        item=meeting_selectors.report_item(meeting, title_contains="사업성과"),
        documents=dict(zip(names, (pdf, xlsx), strict=True)),
        action="report.consolidated_attach",
        note=f"{month:%Y-%m}: {', '.join(names)}",
    )


# ---- fields, indicators, obligations (자치행정과 maintains them in the UI) ---------------------------


@transaction.atomic
def field_update(
    *,
    actor,
    field: ReportingField,
    lead_department: OrgUnit | None,
    lead_team: str,
    roll_forward: bool,
    units: list[OrgUnit],
) -> ReportingField:
    """Change a field's lead department and team, its deadline rule, and the set of units that must
    report it. Existing reports are kept when a unit stops owing the field."""
    from reports.models import ReportingObligation

    names = ["lead_department", "lead_team", "roll_forward"]
    before = snapshot(field, names)
    before_units = set(ReportingObligation.objects.filter(field=field).values_list("unit_id", flat=True))
    field.lead_department = lead_department
    field.lead_team = lead_team.strip()
    field.roll_forward = roll_forward
    field.save()
    wanted = {u.pk for u in units}
    ReportingObligation.objects.filter(field=field).exclude(unit_id__in=wanted).delete()
    for unit_id in sorted(wanted - before_units):
        ReportingObligation.objects.create(field=field, unit_id=unit_id)
    after = snapshot(field, names)
    before["units"] = sorted(before_units)
    after["units"] = sorted(wanted)
    audit_record(actor=actor, action="report.field_update", obj=field, before=before, after=after)
    return field


@transaction.atomic
def indicator_save(
    *,
    actor,
    field: ReportingField,
    indicator: Indicator | None = None,
    name: str,
    unit: str,
    order: int,
    active: bool,
) -> Indicator:
    """Create (indicator=None) or change an indicator of `field`. Indicators with recorded values are
    never deleted; `active=False` takes one out of new reports and the consolidated report."""
    names = ["name", "unit", "order", "active"]
    if indicator is None:
        indicator = Indicator(field=field)
        before = None
    else:
        if indicator.field_id != field.pk:
            raise ValidationError(_("이 분야의 지표가 아닙니다."), code="indicator")
        before = snapshot(indicator, names)
    indicator.name = name.strip()
    indicator.unit = unit.strip()
    indicator.order = order
    indicator.active = active
    indicator.save()
    audit_record(
        actor=actor,
        action="report.indicator_create" if before is None else "report.indicator_update",
        obj=indicator,
        before=before,
        after=snapshot(indicator, names),
    )
    return indicator
