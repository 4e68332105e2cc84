"""Home-page panels: staff see terms ending soon, vacant appointed seats and members whose attendance
over the last 12 months is below 50 % and bodies whose appointed members in office are above 6/10 of
one gender; a member sees their own certificates."""

from __future__ import annotations

from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments import rules, selectors
from appointments.models import Certificate
from committees import selectors as committee_selectors
from seongdong_gov.dashboard import per_request

PANEL_ROWS = 10


def _rows_and_total(qs) -> tuple[list, int]:
    """The first PANEL_ROWS rows and the number of all rows in one query: a window count runs over the
    whole result before LIMIT, so the panel needs no separate COUNT."""
    rows = list(qs.annotate(panel_total=Window(Count("pk")))[:PANEL_ROWS])
    return rows, (rows[0].panel_total if rows else 0)


def _staff_alerts(request, today) -> dict:
    """Terms ending soon and vacant appointed seats (rows and totals), once per request: the staff's panel
    and their to-do list show the same rows."""

    def build():
        ending, ending_total = _rows_and_total(selectors.ending_within(today, rules.ALERT_DAYS))
        vacant, vacant_total = _rows_and_total(selectors.vacant_appointed_seats(today))
        return {
            "ending": ending,
            "ending_total": ending_total,
            "vacant": vacant,
            "vacant_total": vacant_total,
        }

    return per_request(request, "appointments.staff_alerts", build)


def panels(request, roles):
    today = timezone.localdate()
    out = []
    if roles.is_governance_staff:
        low = selectors.low_attendance(today)
        # each list capped at PANEL_ROWS rows beside its total, linking to the full list: one query per
        # list (rows and a window count), so the panel costs the same whatever the number of rows
        out.append(
            (
                "appointments/_panel_alerts.html",
                {
                    **_staff_alerts(request, today),
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
    alerts = _staff_alerts(request, timezone.localdate())
    items = [
        {
            "text": _("임기 만료 예정: %(b)s %(p)s (%(d)s)")
            % {"b": m.body.name, "p": m.person.name, "d": f"{m.end.year}. {m.end.month}. {m.end.day}."},
            "url": m.body.get_absolute_url(),
        }
        for m in alerts["ending"]
    ]
    items += [
        {
            "text": _("공석: %(b)s %(s)s %(n)s")
            % {"b": s.group.body.name, "s": s.group.label, "n": s.number},
            "url": reverse("appointments:alerts") + "?list=vacant",
        }
        for s in alerts["vacant"]
    ]
    title = _("할 일: 위촉")
    return [("_todo.html", {"id": "todo-appointments", "title": title, "items": items})]
