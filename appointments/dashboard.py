"""Home-page panels: staff see terms ending soon, vacant appointed seats and members whose attendance
over the last 12 months is below 50 % and bodies whose appointed members in office are above 6/10 of
one gender; a member sees their own certificates."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments import rules, selectors
from appointments.models import Certificate
from committees import selectors as committee_selectors

PANEL_ROWS = 10


def panels(request, roles):
    today = timezone.localdate()
    out = []
    if roles.is_governance_staff:
        ending = selectors.ending_within(today, rules.ALERT_DAYS)
        vacant = selectors.vacant_appointed_seats(today)
        low = selectors.low_attendance(today)
        # each list capped at PANEL_ROWS rows beside its total, linking to the full list: a count and a
        # slice per queryset, so the panel costs the same whatever the number of rows
        out.append(
            (
                "appointments/_panel_alerts.html",
                {
                    "ending": ending[:PANEL_ROWS],
                    "ending_total": ending.count(),
                    "vacant": vacant[:PANEL_ROWS],
                    "vacant_total": vacant.count(),
                    "low_attendance": low[:PANEL_ROWS],
                    "low_total": len(low),
                    # one aggregate query for all bodies (committees.selectors.gender_breaches)
                    "gender_breaches": committee_selectors.gender_breaches(today),
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


def todo_panels(request, roles):
    """Staff's appointment to-dos: terms ending within ALERT_DAYS (prepare a successor or reappointment)
    and vacant appointed seats (recommend someone)."""
    if not roles.is_governance_staff:
        return []
    today = timezone.localdate()
    items = [
        {
            "text": _("임기 만료 예정: %(b)s %(p)s (%(d)s)")
            % {"b": m.body.name, "p": m.person.name, "d": f"{m.end.year}. {m.end.month}. {m.end.day}."},
            "url": m.body.get_absolute_url(),
        }
        for m in selectors.ending_within(today, rules.ALERT_DAYS)[:PANEL_ROWS]
    ]
    items += [
        {
            "text": _("공석: %(b)s %(s)s %(n)s")
            % {"b": s.group.body.name, "s": s.group.label, "n": s.number},
            "url": reverse("appointments:alerts") + "?list=vacant",
        }
        for s in selectors.vacant_appointed_seats(today)[:PANEL_ROWS]
    ]
    title = _("할 일: 위촉")
    return [("_todo.html", {"id": "todo-appointments", "title": title, "items": items})]
