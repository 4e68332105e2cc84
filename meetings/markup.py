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


class MeetingUrls:
    """The URLs of one meeting's pages by route name, for the meeting page's thirty buttons and links
    (`{{ urls.vote }}` is `{% url 'meetings:vote' meeting.pk %}`): each route reversed once per process
    (`url_maker`; thirty reverse() calls were a tenth of the page's time). An unknown name fails as
    `{% url %}` does."""

    def __init__(self, pk: int):
        self.pk = pk

    def __getitem__(self, name: str) -> str:
        return url_maker(f"meetings:{name}")(self.pk)


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


def meeting_rows_html(meetings) -> SafeString:
    """회의 목록's page of meetings, a `<tr>` each: date and time (and the badge of a moved or flagged
    date), the title linked, the bodies and the host, the place, the status; or the row that says the
    list is empty. Fifty rows through the template were most of the page's time."""
    if not meetings:
        return mark_safe(f'<tr><td colspan="5">{e(_("회의가 없습니다."))}</td></tr>')
    detail = url_maker("meetings:detail")
    host_word, moved_text = e(_("주관")), _("%(d)s %(r)s → 변경")
    statuses = {value: e(label) for value, label in Meeting.Status.choices}
    out = []
    for m in meetings:
        when = f"{day_text(m.starts_at)} {hm(m.starts_at)}"
        if m.moved:
            badge = moved_text % {"d": e(day_text(m.original_date)), "r": e(m.moved_reason)}
            when += f' <span class="badge text-bg-warning">{badge}</span>'
        elif m.date_flagged:
            when += f' <span class="badge text-bg-danger">{e(m.moved_reason)}</span>'
        bodies = ", ".join(e(b.name) for b in m.bodies.all())
        if m.host_body:
            bodies += f' <span class="text-muted small">({host_word}: {e(m.host_body.name)})</span>'
        out.append(
            f'<tr><td>{when}</td>\n      <th scope="row"><a href="{detail(m.pk)}">{e(m.title)}</a></th>\n'
            f"      <td>{bodies}</td>\n"
            f"      <td>{e(m.place or '—')}</td><td>{statuses.get(m.status) or e(m.status)}</td></tr>"
        )
    return mark_safe("\n    ".join(out))


def candidate_rows_html(form) -> SafeString:
    """선거's candidate table (`ElectionForm`): one `<tr>` a member with its vote input, which a re-shown
    POST fills with the value entered and marks with the field's errors. A bound field each cost the
    100-member page a third of its time."""
    errors = form.errors if form.is_bound else {}
    out = []
    for m in form.enrolled:
        name = form.add_prefix(f"c_{m.membership_id}")
        field = form.fields[name]
        value = form.data.get(name) if form.is_bound else form.initial.get(name, field.initial)
        id_ = e(form.auto_id % name)
        invalid = error = ""
        if errors.get(name):
            invalid = f' aria-invalid="true" aria-describedby="{id_}_error"'
            error = (
                f'<div id="{id_}_error" class="invalid-feedback">{" ".join(e(x) for x in errors[name])}</div>'
            )
        out.append(
            f'<tr><th scope="row" class="fw-normal"><label for="{id_}">{e(field.label)}</label></th>\n'
            f'        <td><input type="number" name="{e(name)}" id="{id_}" value="{e("" if value is None else value)}"'
            f' min="0" max="{field.max_value}" class="form-control form-control-sm{" is-invalid" if error else ""}"'
            f"{invalid}>{error}</td></tr>"
        )
    return mark_safe("\n      ".join(out))


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
