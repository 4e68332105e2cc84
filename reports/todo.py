"""The reports part of the home page's to-do lists: staff's overdue and returned reports, the reporter's
due, overdue and returned reports (last month's, whose deadline falls in this month)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from reports import rules, selectors
from reports.models import Report

LIMIT = 10


def _edit(unit_id: int, field, month: dt.date) -> str:
    return reverse("reports:edit", args=[unit_id, field.code, month.year, month.month])


def _label(unit, field, month: dt.date) -> str:
    return f"{unit.name} · {field.name} · {month.year}. {month.month}."


def staff_items(*, now: dt.datetime, today: dt.date, rows: list | None = None) -> list[tuple[str, str]]:
    """(text, url): last month's missing reports past the deadline, then every returned report. `rows`:
    last month's matrix when the caller already has it (the home page's panel counts the same rows)."""
    month = rules.previous_month(today)
    if rows is None:
        _fields, rows = selectors.month_matrix(month, now=now)
    items = [
        (_("마감 경과 미제출: %(r)s") % {"r": _label(unit, cell.field, month)}, reverse("reports:dashboard"))
        for unit, cell in selectors.overdue(rows)[:LIMIT]
    ]
    items += [
        (_("반려 후 재제출 대기: %(r)s") % {"r": _label(r.unit, r.field, r.month)}, r.get_absolute_url())
        for r in returned(None)[:LIMIT]
    ]
    return items


def returned(unit_ids):
    qs = Report.objects.filter(state=Report.State.RETURNED).select_related("unit", "field").order_by("month")
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def reporter_items(unit_ids, *, now: dt.datetime, today: dt.date) -> list[tuple[str, str]]:
    """(text, url): last month's reports not handed in (due by the deadline, or overdue), then the unit's
    returned reports to fix."""
    month = rules.previous_month(today)
    _fields, rows = selectors.month_matrix(month, now=now, unit_ids=unit_ids)
    items = []
    for row in rows:
        for cell in row.cells:
            if cell is None:
                continue
            if cell.status in rules.OVERDUE:
                text = _("마감 경과: %(r)s") % {"r": _label(row.unit, cell.field, month)}
            elif cell.status in (rules.Status.NOT_DUE, rules.Status.DRAFT):
                text = _("%(d)s까지 제출: %(r)s") % {
                    "d": f"{cell.deadline.year}. {cell.deadline.month}. {cell.deadline.day}.",
                    "r": _label(row.unit, cell.field, month),
                }
            else:
                continue
            items.append((text, _edit(row.unit.pk, cell.field, month)))
    items += [
        (
            _("반려됨, 고쳐 다시 제출: %(r)s") % {"r": _label(r.unit, r.field, r.month)},
            _edit(r.unit_id, r.field, r.month),
        )
        for r in returned(unit_ids)[:LIMIT]
    ]
    return items
