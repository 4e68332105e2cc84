from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from reports import rules, selectors, todo
from seongdong_gov.dashboard import per_request


def _last_month_rows(request, now):
    """Last month's units × fields matrix, built once per request: the staff's panel counts its overdue
    cells and their to-do list names them (four queries instead of eight)."""
    month = rules.previous_month(timezone.localdate())
    return per_request(request, "reports.last_month_rows", lambda: selectors.month_matrix(month, now=now)[1])


def panels(request, roles):
    """Home-page panels: 자치행정과 sees last month's overdue count; reporters a link to their list."""
    if roles.is_governance_staff:
        month = rules.previous_month(timezone.localdate())
        rows = _last_month_rows(request, timezone.now())
        return [
            ("reports/_panel.html", {"staff": True, "month": month, "missing": len(selectors.overdue(rows))})
        ]
    if roles.is_reporter:
        return [("reports/_panel.html", {"staff": False})]
    return []


def todo_panels(request, roles):
    """The reports to-do list: staff's overdue and returned reports; the reporter's due, overdue and
    returned reports of their units."""
    now, today = timezone.now(), timezone.localdate()
    if roles.is_governance_staff:
        items = todo.staff_items(now=now, today=today, rows=_last_month_rows(request, now))
        title = _("할 일: 사업성과 보고 (운영 담당)")
    elif roles.is_reporter:
        items = todo.reporter_items(roles.reporting_unit_ids, now=now, today=today)
        title = _("할 일: 사업성과 보고")
    else:
        return []
    rows = [{"text": text, "url": url} for text, url in items]
    return [("_todo.html", {"id": "todo-reports", "title": title, "items": rows})]
