"""Reads for the reports pages. Each function runs a fixed number of queries, whatever the number of
units, so the 자치행정과 dashboard stays fast (tests/reports/test_pages.py counts them)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, F, Q, Sum, When

from committees.models import OrgUnit
from committees.workdays import WorkingCalendar, load_calendar
from reports import rules
from reports.models import Indicator, IndicatorValue, Report, ReportingField, ReportingObligation

COUNTED_STATES = (Report.State.SUBMITTED, Report.State.ACCEPTED)


def roll_forward_for(field: ReportingField) -> bool:
    """Per-field choice, unless the office sets REPORTS_DEADLINE_ROLL_FORWARD globally."""
    forced = getattr(settings, "REPORTS_DEADLINE_ROLL_FORWARD", None)
    return field.roll_forward if forced is None else bool(forced)


def deadline(field: ReportingField, month: dt.date, calendar: WorkingCalendar) -> dt.date:
    return rules.deadline_for(month, calendar, roll_forward=roll_forward_for(field))


@dataclass
class Cell:
    field: ReportingField
    status: rules.Status
    deadline: dt.date
    report: Report | None = None


@dataclass
class Row:
    unit: OrgUnit
    cells: list[Cell | None] = field(default_factory=list)


def month_matrix(
    month: dt.date,
    *,
    now: dt.datetime,
    unit_ids=None,
    field_code: str = "",
    status: str = "",
    calendar: WorkingCalendar | None = None,
) -> tuple[list[ReportingField], list[Row]]:
    """Units × fields for `month` with each cell's status. Queries: calendar exceptions, fields,
    obligations (+units), the month's reports — four, for any number of units."""
    month = rules.month_start(month)
    calendar = calendar or load_calendar()
    fields = list(ReportingField.objects.all())
    if field_code:
        fields = [f for f in fields if f.code == field_code]
    obligations = ReportingObligation.objects.select_related("unit").filter(field__in=[f.pk for f in fields])
    reports = Report.objects.filter(month=month, field__in=[f.pk for f in fields])
    if unit_ids is not None:
        obligations = obligations.filter(unit_id__in=unit_ids)
        reports = reports.filter(unit_id__in=unit_ids)
    by_key = {(r.unit_id, r.field_id): r for r in reports}
    deadlines = {f.pk: deadline(f, month, calendar) for f in fields}
    units: dict[int, OrgUnit] = {}
    owed: set[tuple[int, int]] = set()
    for ob in obligations:
        units[ob.unit_id] = ob.unit
        owed.add((ob.unit_id, ob.field_id))
    rows = []
    for unit in sorted(units.values(), key=lambda u: (u.kind != OrgUnit.Kind.DIVISION, u.order, u.name)):
        row = Row(unit)
        for f in fields:
            if (unit.pk, f.pk) not in owed:
                row.cells.append(None)
                continue
            report = by_key.get((unit.pk, f.pk))
            st = rules.report_status(
                deadline=deadlines[f.pk],
                now=now,
                state=report.state if report else None,
                submitted_at=report.submitted_at if report else None,
            )
            row.cells.append(Cell(f, st, deadlines[f.pk], report))
        if status and not any(c and c.status == status for c in row.cells):
            continue
        rows.append(row)
    return fields, rows


def overdue(rows: list[Row]) -> list[Cell | tuple]:
    return [(row.unit, cell) for row in rows for cell in row.cells if cell and cell.status in rules.OVERDUE]


def status_counts(rows: list[Row]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        for cell in row.cells:
            if cell:
                counts[cell.status.value] += 1
    return dict(counts)


def unit_history(unit: OrgUnit, *, now: dt.datetime, months: int = 12) -> tuple[list[ReportingField], list]:
    """The last `months` months (newest first) × the unit's fields, with statuses."""
    calendar = load_calendar()
    today = rules.local_date(now)
    month_list = list(reversed(rules.months_back(rules.previous_month(today), months)))
    fields = [ob.field for ob in ReportingObligation.objects.filter(unit=unit).select_related("field")]
    reports = {(r.field_id, r.month): r for r in Report.objects.filter(unit=unit, month__in=month_list)}
    history = []
    for month in month_list:
        cells = []
        for f in fields:
            report = reports.get((f.pk, month))
            dl = deadline(f, month, calendar)
            st = rules.report_status(
                deadline=dl,
                now=now,
                state=report.state if report else None,
                submitted_at=report.submitted_at if report else None,
            )
            cells.append(Cell(f, st, dl, report))
        history.append((month, cells))
    return fields, history


# ---- consolidated report ---------------------------------------------------------------------------


@dataclass
class FieldSummary:
    field: ReportingField
    indicators: list[Indicator]
    rows: list[tuple[str, list[Decimal | None]]]  # unit name, value per indicator (this month)
    totals: list[Decimal]
    # indicator, total per month (oldest first); None for a month with no counted report (a gap, not 0)
    trend: list[tuple[Indicator, list[Decimal | None]]]
    narratives: list[tuple[str, Report]]


def consolidated(month: dt.date, *, months: int = 6) -> dict:
    """Figures for the 사업성과 회의 of the 10th: per field, this month's values by unit (submitted
    and accepted reports only) and each indicator's totals over the last `months` months. The web
    page, the PDF and the Excel workbook all render this one structure, so they cannot disagree."""
    month = rules.month_start(month)
    month_list = rules.months_back(month, months)
    fields = list(ReportingField.objects.select_related("lead_department"))  # named in every section
    indicators = list(Indicator.objects.filter(active=True).select_related("field"))
    # Summed in the database: this month's values by unit, earlier months by indicator only (the unit is
    # NULL for them), so the trend costs a row per indicator and month rather than one per unit.
    this_month = Q(report__month=month)
    values = (
        IndicatorValue.objects.filter(report__month__in=month_list, report__state__in=COUNTED_STATES)
        .annotate(
            unit=Case(When(this_month, then=F("report__unit_id"))),
            unit_name=Case(When(this_month, then=F("report__unit__name"))),
        )
        .values_list("indicator_id", "report__month", "unit", "unit_name")
        .annotate(total=Sum("value"))
        .order_by()
    )
    by_unit: dict[tuple[int, int], Decimal] = {}
    unit_names: dict[int, str] = {}
    trend: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    for indicator_id, m, unit_id, unit_name, total in values:
        trend[(indicator_id, m)] += total
        if unit_id is not None:
            by_unit[(unit_id, indicator_id)] = total
            unit_names[unit_id] = unit_name
    reports = list(
        Report.objects.filter(month=month, state__in=COUNTED_STATES)
        .select_related("unit")
        .order_by("unit__order", "unit__name")
    )
    summaries = []
    for f in fields:
        inds = [i for i in indicators if i.field_id == f.pk]
        unit_ids = sorted({u for (u, i) in by_unit if i in {x.pk for x in inds}}, key=lambda u: unit_names[u])
        rows = [(unit_names[u], [by_unit.get((u, i.pk)) for i in inds]) for u in unit_ids]
        totals = [sum((by_unit.get((u, i.pk)) or Decimal(0) for u in unit_ids), Decimal(0)) for i in inds]
        summaries.append(
            FieldSummary(
                field=f,
                indicators=inds,
                rows=rows,
                totals=totals,
                trend=[(i, [trend.get((i.pk, m)) for m in month_list]) for i in inds],
                narratives=[(r.unit.name, r) for r in reports if r.field_id == f.pk],
            )
        )
    return {"month": month, "months": month_list, "fields": summaries}


def review_meeting(month: dt.date):
    """The 사업성과 회의 that reviews `month`'s reports: the meeting marked for that purpose
    (Meeting.purpose, set from its series) held in the following month (the 10th, moved by the
    calendar), not cancelled. None when it has not been scheduled."""
    # Inline, as before: only this reader of reports needs the meetings app.
    from meetings.models import Meeting, MeetingPurpose

    start = rules.next_month(month)
    end = rules.next_month(start)
    lower = dt.datetime.combine(start, dt.time.min, tzinfo=rules.SEOUL)
    upper = dt.datetime.combine(end, dt.time.min, tzinfo=rules.SEOUL)
    return (
        Meeting.objects.filter(purpose=MeetingPurpose.PERFORMANCE_REVIEW)
        .filter(starts_at__gte=lower, starts_at__lt=upper)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )
