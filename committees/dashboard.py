from __future__ import annotations

from django.db.models import Count, Q, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import selectors
from committees.models import Body, Membership
from seongdong_gov.models import OutboundMessage

PANEL_ROWS = 10


def _bodies_panel(bodies, *, managed: bool):
    """The first PANEL_ROWS bodies and the number of all of them in one query (a window count runs over
    the whole result before LIMIT), beside a link to the full list."""
    rows = list(bodies.annotate(panel_total=Window(Count("pk")))[:PANEL_ROWS])
    total = rows[0].panel_total if rows else 0
    return ("committees/_panel_bodies.html", {"bodies": rows, "total": total, "managed": managed})


def panels(request, roles):
    today = timezone.localdate()
    out = []
    if roles.is_governance_staff or roles.is_secretary:
        bodies = selectors.bodies_with_counts(today)
        if not roles.is_governance_staff:
            bodies = bodies.filter(pk__in=roles.secretary_body_ids)
        out.append(_bodies_panel(bodies, managed=True))
    if roles.person_id:
        mine = (
            Membership.objects.filter(person_id=roles.person_id)
            .filter(Q(end__isnull=True) | Q(end__gte=today))
            .select_related("body", "seat__group")
            .order_by("body__order", "start")
        )
        out.append(("committees/_panel_my_memberships.html", {"memberships": mine, "today": today}))
    if roles.is_reporter:
        out.append(("committees/_panel_units.html", {"units": request.user.reporting_units.order_by("name")}))
    if not out:
        out.append(_bodies_panel(Body.objects.filter(is_active=True), managed=False))
    return out


def todo_panels(request, roles):
    """Staff's mail to-do: messages the server refused or that still fail after retries."""
    if not roles.is_governance_staff:
        return []
    failed = list(
        OutboundMessage.objects.filter(status=OutboundMessage.Status.FAILED)
        .only("to", "subject")
        .order_by("-created_at")[:10]
    )
    items = [
        {
            "text": _("메일 발송 실패: %(to)s · %(s)s") % {"to": m.to, "s": m.subject},
            "url": reverse("committees:outbox") + "?status=failed",
        }
        for m in failed
    ]
    return [("_todo.html", {"id": "todo-mail", "title": _("할 일: 메일"), "items": items})]
