"""Home-page panels: staff see terms ending soon, vacant appointed seats and members whose attendance
over the last 12 months is below 50 %; a member sees their own certificates."""

from __future__ import annotations

from django.utils import timezone

from appointments import rules, selectors
from appointments.models import Certificate


def panels(request, roles):
    today = timezone.localdate()
    out = []
    if roles.is_governance_staff:
        out.append(
            (
                "appointments/_panel_alerts.html",
                {
                    "ending": selectors.ending_within(today, rules.ALERT_DAYS),
                    "vacant": selectors.vacant_appointed_seats(today),
                    "low_attendance": selectors.low_attendance(today),
                    "can_end": roles.is_admin,
                    "alert_days": rules.ALERT_DAYS,
                    "today": today,
                },
            )
        )
    if roles.person_id:
        mine = list(
            Certificate.objects.filter(appointment__membership__person_id=roles.person_id)
            .select_related("appointment__membership__body")
            .order_by("-year", "-sequence")
        )
        if mine:
            out.append(("appointments/_panel_my_certificates.html", {"my_certificates": mine}))
    return out
