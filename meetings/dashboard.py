from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.selectors import todo


def panels(request, roles):
    """Upcoming meetings of the user's bodies (two queries), for the home page."""
    if not (roles.is_governance_staff or roles.member_body_ids or roles.secretary_body_ids):
        return []
    now = timezone.now()
    meetings = (
        selectors.visible_meetings(roles)
        .filter(starts_at__gte=now)
        .exclude(status="cancelled")
        .order_by("starts_at")[:5]
    )
    return [("meetings/_panel.html", {"meetings": meetings})]


def todo_panels(request, roles):
    """The to-do lists that open the home page: the secretary's next step per meeting, the member's
    meetings, written resolutions and convening requests."""
    out = []
    if roles.secretary_body_ids:
        items = todo.secretary_todo(roles)
        out.append(("_todo.html", {"id": "todo-secretary", "title": _("할 일: 회의 진행"), "items": items}))
    if roles.person_id and roles.member_body_ids:
        items = todo.member_todo(roles)
        out.append(("_todo.html", {"id": "todo-member", "title": _("할 일: 위원"), "items": items}))
    return out
