"""Rows written in Python (issue 14), where Django's template language cost milliseconds a page: the
meeting page's attendance table (100 members, ~6 ms) and 내 회의's lists (30 upcoming and 20 past
meetings). Each writes what its template wrote, escaping every value."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from committees.models import Membership
from meetings.models import Attendance, Meeting, Minutes
from meetings.selectors.meetings import AttendanceRow, EnrolledRow
from seongdong_gov.choices import choice_label
from seongdong_gov.markup import day_text, hm, url_maker
from seongdong_gov.widgets import escape_html as e


def attendance_rows_html(rows: list[tuple[EnrolledRow, AttendanceRow | None]]) -> SafeString:
    """One `<tr>` a member: name (and office), body, status (and deputy), arrival–departure."""
    deputy = e(_("대리"))
    out = []
    for m, a in rows:
        name = e(m.name)
        if m.role != Membership.Role.MEMBER:
            name += f" ({e(choice_label(Membership.Role, m.role))})"
        if a:
            status = e(choice_label(Attendance.Status, a.status))
            if a.deputy_name:
                status += f" ({deputy}: {e(a.deputy_name)})"
            times = hm(a.arrived_at) + (f"–{hm(a.left_at)}" if a.left_at else "")
        else:
            status, times = "—", ""
        out.append(
            f"<tr><td>{name}</td><td>{e(m.body.name)}</td><td>{status}</td>\n        <td>{times}</td></tr>"
        )
    return mark_safe("".join(out))


def _items(meetings, empty: str, line) -> SafeString:
    """`<li>` a meeting, written by `line`, or the one item that says the list is empty."""
    if not meetings:
        return mark_safe(f"<li>{e(empty)}</li>")
    return mark_safe("".join(f"<li>{line(m)}</li>" for m in meetings))


def upcoming_html(meetings: list[Meeting], declaring: set[int]) -> SafeString:
    """내 회의's upcoming meetings: the date, time and title linked, the status, and the 이해충돌 신고
    link where the agenda asks for declarations."""
    detail, interests = url_maker("meetings:detail"), url_maker("meetings:interests_mine")
    declare = e(_("이해충돌 신고"))

    def line(m) -> str:
        out = (
            f'<a href="{detail(m.pk)}">{day_text(m.starts_at)} {hm(m.starts_at)} {e(m.title)}</a>'
            f" · {e(m.get_status_display())}"
        )
        if m.pk in declaring:
            out += f' · <a href="{interests(m.pk)}" data-testid="interests-link-{m.pk}">{declare}</a>'
        return out

    return _items(meetings, _("예정된 회의가 없습니다."), line)


def past_html(meetings) -> SafeString:
    """내 회의's page of past meetings: the date and title linked, and the minutes once approved."""
    detail, minutes_url = url_maker("meetings:detail"), url_maker("meetings:minutes")
    minutes_word = e(_("회의록"))
    shown = (Minutes.Status.APPROVED, Minutes.Status.LOCKED)

    def line(m) -> str:
        out = f'<a href="{detail(m.pk)}">{day_text(m.starts_at)} {e(m.title)}</a>'
        minutes = getattr(m, "minutes", None)
        if minutes is not None and minutes.status in shown:
            out += f' · <a href="{minutes_url(m.pk)}">{minutes_word}</a>'
        return out

    return _items(meetings, _("지난 회의가 없습니다."), line)
