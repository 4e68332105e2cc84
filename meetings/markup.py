"""The meeting page's attendance table, written in Python (issue 14): a meeting of 100 members is 100
rows, which Django's template language wrote in ~6 ms. `attendance_rows_html` writes what
templates/meetings/detail.html wrote, escaping every value."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from committees.models import Membership
from meetings.models import Attendance
from seongdong_gov.widgets import escape_html as e


def _hm(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""


def attendance_rows_html(rows: list[tuple[Membership, Attendance | None]]) -> SafeString:
    """One `<tr>` a member: name (and office), body, status (and deputy), arrival–departure."""
    deputy = e(_("대리"))
    out = []
    for m, a in rows:
        name = e(m.person.name)
        if m.role != Membership.Role.MEMBER:
            name += f" ({e(m.get_role_display())})"
        if a:
            status = e(a.get_status_display())
            if a.deputy_name:
                status += f" ({deputy}: {e(a.deputy_name)})"
            times = _hm(a.arrived_at) + (f"–{_hm(a.left_at)}" if a.left_at else "")
        else:
            status, times = "—", ""
        out.append(
            f"<tr><td>{name}</td><td>{e(m.body.name)}</td><td>{status}</td>\n        <td>{times}</td></tr>"
        )
    return mark_safe("".join(out))
