"""The body page's composition table, written in Python (issue 14): a body of 100 seats is 100 rows of
a dozen cells, links and dates each, which Django's template language wrote in ~20 ms (a lookup, an
escape and a filter call per cell, a `{% url %}` per link). `composition_html` writes the same table body
as templates/committees/body_detail.html wrote it, escaping every value (seongdong_gov.widgets.
escape_html); tests/committees/test_views.py reads what the page shows."""

from __future__ import annotations

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from committees.models import Body
from committees.selectors import GroupRows
from seongdong_gov.choices import choice_labels
from seongdong_gov.markup import day_text, hm, url_maker
from seongdong_gov.models import OutboundMessage
from seongdong_gov.widgets import escape_html as e
from seongdong_gov.widgets import text_html as text


def composition_html(
    body: Body, groups: list[GroupRows], *, show_contacts: bool, can_manage: bool, is_staff: bool
) -> SafeString:
    """The `<tbody>` of every seat group: one row a seat, its member in office or 공석."""
    if not groups:
        return mark_safe(f'<tbody><tr><td colspan="6">{e(_("정원 구성이 없습니다."))}</td></tr></tbody>')
    person_url = url_maker("committees:person_detail")
    edit_url = url_maker("committees:membership_edit")
    end_url = url_maker("committees:membership_end")
    appoint_url = reverse("appointments:create", args=[body.pk])
    group_url = url_maker("committees:seat_group_edit", body.pk)
    edit, end, vacant, appoint = e(_("수정")), e(_("종료")), e(_("공석")), e(_("위촉"))
    out = []
    for g in groups:
        group, rows = g.group, g.rows
        ex = group.is_ex_officio
        if ex:
            source = f"{e(_('직위'))}: {e(group.post)}"
        else:
            source = e(group.field)
            if group.recommender:
                source += f" · {e(group.recommender)}"
            if group.qualification:
                source += f'<br><span class="small text-muted">{e(group.qualification)}</span>'
        label = e(group.label)
        out.append("<tbody>")
        for i, row in enumerate(rows):
            cells = ["<tr>"]
            if i == 0:
                cells.append(f'<th scope="rowgroup" rowspan="{len(rows)}">{e(group.get_kind_display())}</th>')
            seat = label + (f" {row.seat.number}" if len(rows) > 1 else "")
            if is_staff and i == 0:
                aria = e(_("%(l)s 정원 구성 수정") % {"l": group.label})
                seat += f' <a class="small d-print-none" href="{group_url(group.pk)}" aria-label="{aria}">{edit}</a>'
            cells.append(f"<td>{seat}</td><td>{source}</td>")
            m = row.membership
            if m:
                p = m.person
                who = f'<a href="{person_url(p.pk)}">{e(p.name)}</a>'
                if p.title:
                    who += f' <span class="small text-muted">{e(p.affiliation)} {e(p.title)}</span>'
                cells.append(
                    f"<td>{who}</td><td>{e(m.get_role_display())}</td>"
                    f"<td>{day_text(m.start)} ~ {day_text(m.end)}</td>"
                )
                if show_contacts:
                    phone = f"<br>{e(p.phone)}" if p.phone else ""
                    cells.append(f'<td class="small">{e(p.email)}{phone}</td>')
                if can_manage:
                    ending = "" if ex else f' · <a href="{end_url(m.pk)}">{end}</a>'
                    cells.append(
                        f'<td class="d-print-none small"><a href="{edit_url(m.pk)}">{edit}</a>{ending}</td>'
                    )
            else:
                cells.append(f'<td class="vacant" colspan="3">{vacant}</td>')
                if show_contacts:
                    cells.append("<td></td>")
                if can_manage:
                    link = "" if ex else f'<a href="{appoint_url}?seat={row.seat.pk}">{appoint}</a>'
                    cells.append(f'<td class="d-print-none small">{link}</td>')
            cells.append("</tr>")
            out.append("".join(cells))
        out.append("</tbody>")
    return mark_safe("\n".join(out))


def chart_html(chart) -> dict[str, SafeString]:
    """The organisation chart (committees.charts.org_chart) as SVG shapes and as the nested list under
    it: 200 bodies were ~2,000 template nodes and 400 `{% url %}`s (~20 ms)."""
    body_url = url_maker("committees:body_detail")
    shapes = [f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>' for x1, y1, x2, y2 in chart.lines]
    for box in chart.boxes:
        b = box.body
        shapes.append(
            f'\n  <a href="{body_url(b.pk)}" class="depth-{box.depth}">\n'
            f'    <rect x="{box.x}" y="{box.y}" width="{chart.box_w}" height="{chart.box_h}" rx="8"/>\n'
            f'    <text x="{box.cx}" y="{box.y + 24}" text-anchor="middle">{e(b.name)}</text>\n'
            f'    <text class="sub" x="{box.cx}" y="{box.y + 43}" text-anchor="middle">'
            f"{e(b.get_kind_display())}</text>\n  </a>"
        )

    def item(node) -> str:
        kids = f"<ul>{''.join(item(k) for k in node.kids)}</ul>" if node.kids else ""
        return f'<li><a href="{body_url(node.body.pk)}">{e(node.body.name)}</a>{kids}</li>\n'

    return {"svg": mark_safe("".join(shapes)), "list": mark_safe("".join(item(r) for r in chart.roots))}


def body_rows_html(bodies) -> SafeString:
    """The body list's rows (templates/committees/body_list.html): each active body with its kind,
    parent, seats and members in office. 200 bodies took the template ~25 ms (a `{% url %}`, a display
    call and four lookups a row)."""
    body_url = url_maker("committees:body_detail")
    out = []
    for b in bodies:
        unit = f' <span class="text-muted small">({e(b.dong_unit)})</span>' if b.dong_unit else ""
        parent = e(b.parent) if b.parent else "—"
        out.append(
            f'<tr><th scope="row"><a href="{body_url(b.pk)}">{e(b.name)}</a>{unit}</th>'
            f"<td>{e(b.get_kind_display())}</td><td>{parent}</td>"
            f'<td class="text-end">{text(b.seat_total)}</td><td class="text-end">{text(b.member_total)}</td></tr>'
        )
    if not out:
        return mark_safe(f'<tr><td colspan="5">{e(_("등록된 기구가 없습니다."))}</td></tr>')
    return mark_safe("\n".join(out))


def outbox_rows_html(messages, *, csrf_token: str) -> SafeString:
    """The mail outbox's rows (templates/committees/outbox.html): 50 messages a page, each with its
    server answer and a resend form, which the template wrote with a `{% url %}`, a `{% csrf_token %}` and
    a dozen lookups a row (~10 ms)."""
    if not messages:
        return mark_safe(f'<tr><td colspan="7">{e(_("메일이 없습니다."))}</td></tr>')
    resend_url = url_maker("committees:outbox_resend")
    statuses = choice_labels(OutboundMessage.Status)
    retry, resend = e(_("재시도 예정")), e(_("다시 보내기"))
    token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{e(csrf_token)}">'
    out = []
    for m in messages:
        status = e(statuses.get(m.status, m.status))
        if m.status == OutboundMessage.Status.FAILED and m.next_attempt_at:
            status += f' <span class="small">({retry} {hm(m.next_attempt_at)})</span>'
        action = (
            ""
            if m.status == OutboundMessage.Status.SENDING
            else f'<form method="post" action="{resend_url(m.pk)}">{token}'
            f'<button class="btn btn-sm btn-outline-secondary" type="submit">{resend}</button></form>'
        )
        out.append(
            f"<tr><td>{day_text(m.created_at)} {hm(m.created_at)}</td><td>{e(m.to)}</td>"
            f"<td>{e(m.subject)}</td><td>{status}</td><td>{text(m.attempts)}</td>"
            f'<td class="small">{e(m.last_error)}</td><td>{action}</td></tr>'
        )
    return mark_safe("\n".join(out))
