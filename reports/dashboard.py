from __future__ import annotations

from django.utils import timezone

from reports import rules, selectors


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
