from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from reports import rules, selectors, todo


def panels(request, roles):
    """Home-page panels: 자치행정과 sees last month's overdue count; reporters a link to their list."""
    if roles.is_governance_staff:
        month = rules.previous_month(timezone.localdate())
        _fields, rows = selectors.month_matrix(month, now=timezone.now())
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
        items, title = todo.staff_items(now=now, today=today), _("할 일: 사업성과 보고 (운영 담당)")
    elif roles.is_reporter:
        items = todo.reporter_items(roles.reporting_unit_ids, now=now, today=today)
        title = _("할 일: 사업성과 보고")
    else:
        return []
    rows = [{"text": text, "url": url} for text, url in items]
    return [("_todo.html", {"id": "todo-reports", "title": title, "items": rows})]
