from __future__ import annotations

from django.utils import timezone

from meetings import selectors


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
