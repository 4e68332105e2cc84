"""A body's 위촉 현황 table and the certificate register's rows, written in Python (issue 14): 100 appointed
members are 100 rows of eight cells with dates, links and certificates, which Django's template language
wrote in ~12 ms; a register page of 50 certificates took ~10 ms more as a template than as this.
`appointment_rows_html` and `register_rows_html` write what templates/appointments/body.html and
register.html wrote, escaping every value; `body_index_rows_html` the 200 rows of 기구별 위촉 현황 (a
`{% url %}` and a `{% blocktranslate count %}` a row took ~20 ms in body_index.html), and
`alert_rows_html` the 50 rows of an alert list (~8 ms of lookups and filters in alerts.html)."""

from __future__ import annotations

from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from appointments.models import Appointment
from appointments.rules import period_label
from seongdong_gov.markup import day_text, url_maker
from seongdong_gov.widgets import escape_html as e
from seongdong_gov.widgets import text_html


def appointment_rows_html(rows: list[dict], *, is_admin: bool) -> SafeString:
    """One `<tr>` an appointed membership (dicts from `appointments.selectors.body_appointed_rows`): seat,
    member, term (and how it ended), recommendation, approval, 신규/연임/보궐, certificates and the
    record's links; or the link to record it."""
    if not rows:
        return mark_safe(f'<tr><td colspan="8">{e(_("위촉직 위원이 없습니다."))}</td></tr>')
    cert_url = url_maker("appointments:certificate_pdf")
    edit_url, end_url, record_url = (
        url_maker("appointments:edit"),
        url_maker("appointments:end"),
        url_maker("appointments:record"),
    )
    words = {
        k: e(v)
        for k, v in {
            "reappointed": _("연임"),
            "over": _("한도 초과"),
            "new": _("신규"),
            "by_election": _("보궐"),
            "none": _("미발급"),
            "edit": _("위촉 기록 수정"),
            "end": _("위촉 종료"),
            "missing": _("위촉 기록 없음"),
            "record": _("위촉 기록"),
        }.items()
    }
    end_kinds = {value: e(label) for value, label in Appointment.EndKind.choices}
    out = []
    for m in rows:
        term = f"{day_text(m['start'])} ~ {day_text(m['end'])}"
        a = m["a_pk"]
        if a and m["a_end_kind"]:
            term += f' <span class="badge text-bg-secondary">{end_kinds.get(m["a_end_kind"]) or e(m["a_end_kind"])}</span>'
        cells = [
            f"<tr><td>{e(m['group_label'])} {m['seat_number']}</td>",
            f'<th scope="row">{e(m["person_name"])}</th><td>{term}</td>',
        ]
        if a:
            recommended = e(m["a_recommended_by"])
            if m["a_recommended_on"]:
                recommended += f'<br><span class="small">{day_text(m["a_recommended_on"])}</span>'
            approval = e(m["a_approval_number"]) if m["a_approval_number"] else "-"
            if m["a_approval_date"]:
                approval += f'<br><span class="small">{day_text(m["a_approval_date"])}</span>'
            if m["a_is_reappointment"]:
                kind = words["reappointed"]
                if m["a_reappointment_reason"]:
                    kind += f" ({words['over']}: {e(m['a_reappointment_reason'])})"
            else:
                kind = words["new"]
            if m["a_replaces_id"]:
                kind += f" · {words['by_election']}"
            certificates = [
                f'<a href="{cert_url(pk)}">{e(number)}</a>' if is_admin else e(number)
                for pk, number in m["certificates"]
            ]
            links = f'<a href="{edit_url(a)}">{words["edit"]}</a>'
            if is_admin and not m["a_end_kind"]:
                links += f' · <a href="{end_url(a)}">{words["end"]}</a>'
            cells.append(
                f"<td>{recommended}</td><td>{approval}</td><td>{kind}</td>"
                f"<td>{', '.join(certificates) or words['none']}</td>"
                f'<td class="d-print-none small text-nowrap">{links}</td>'
            )
        else:
            cells.append(
                f'<td colspan="4" class="text-danger">{words["missing"]}</td>'
                f'<td class="d-print-none small"><a href="{record_url(m["pk"])}">{words["record"]}</a></td>'
            )
        cells.append("</tr>")
        out.append("".join(cells))
    return mark_safe("\n".join(out))


def register_rows_html(rows, *, is_admin: bool) -> SafeString:
    """One `<tr>` a certificate of the register's page (dicts from `appointments.selectors.register_page_rows`):
    number, member, body, term, issue date and ceremony, the reissue it replaces; for an administrator,
    its PDF and the reissue link."""
    rows = list(rows)
    if not rows:
        return mark_safe(f'<tr><td colspan="7">{e(_("발급된 위촉장이 없습니다."))}</td></tr>')
    pdf_url, reissue_url = url_maker("appointments:certificate_pdf"), url_maker("appointments:reissue")
    reissue_word = e(_("재발급"))
    out = []
    for c in rows:
        issued = day_text(c["issued_on"])
        if c["ceremony"]:
            issued += f" · {e(c['ceremony'])}"
        note = ""
        if c["reissue_of_id"]:
            note = f"{e(_('%(number)s 재발급') % {'number': c['original']})}: {e(c['reissue_reason'])}"
        cells = [
            f'<tr><th scope="row">{e(c["number"])}</th><td>{e(c["person"])}</td><td>{e(c["body"])}</td>'
            f"<td>{e(period_label(c['start'], c['end']))}</td><td>{issued}</td><td>{note}</td>"
        ]
        if is_admin:
            pk = c["pk"]
            cells.append(
                f'<td class="text-nowrap"><a href="{pdf_url(pk)}">PDF</a>'
                f' · <a href="{reissue_url(pk)}">{reissue_word}</a></td>'
            )
        cells.append("</tr>")
        out.append("".join(cells))
    return mark_safe("".join(out))


def body_index_rows_html(bodies) -> SafeString:
    """One `<tr>` a body (`appointments.selectors.bodies_with_appointed_seats`): its name linking its
    위촉 현황, and its appointed memberships without an appointment record ("-" for none)."""
    if not bodies:
        return mark_safe(f'<tr><td colspan="2">{e(_("위촉직 좌석이 있는 기구가 없습니다."))}</td></tr>')
    body_url = url_maker("appointments:body")
    out = []
    for b in bodies:
        n = b.unrecorded
        # the template's {% blocktranslate count n=… %}{{ n }}건{% plural %}{{ n }}건{% endblocktranslate %}
        count = (
            f'<span class="text-danger">{e(ngettext("%(n)s건", "%(n)s건", n) % {"n": localize(n)})}</span>'
            if n
            else "-"
        )
        out.append(
            f'<tr>\n    <th scope="row"><a href="{body_url(b.pk)}">{e(b.name)}</a></th>\n'
            f"    <td>{count}</td>\n  </tr>"
        )
    return mark_safe("".join(out))


def alert_rows_html(which: str, rows, *, can_end: bool) -> SafeString:
    """The `<tr>`s of an alert list's page (templates/appointments/alerts.html), as its loops wrote them:
    `ending` (memberships: body, member, term end), `vacant` (seats: body, seat) or `low`
    (`selectors.LowAttendance`: body, member, attendance, and for an administrator the link ending the
    appointment)."""
    body_url = url_maker("committees:body_detail")
    out = []
    if which == "ending":
        for m in rows:
            out.append(
                f'<tr><td><a href="{body_url(m.body_id)}">{e(m.body.name)}</a></td>'
                f'<th scope="row">{e(m.person.name)}</th><td>{day_text(m.end)}</td></tr>\n  '
            )
        columns = 3
    elif which == "vacant":
        for s in rows:
            body = s.group.body
            out.append(
                f'<tr><td><a href="{body_url(body.pk)}">{e(body.name)}</a></td>'
                f'<th scope="row">{e(s.group.label)} {text_html(s.number)}</th></tr>\n  '
            )
        columns = 2
    else:
        end_url, end_word = url_maker("appointments:end"), e(_("위촉 종료"))
        for row in rows:
            m = row.membership
            attendance = _("%(held)s회 중 %(attended)s회 출석 (%(percent)s%%)") % {
                "held": localize(row.held),
                "attended": localize(row.attended),
                "percent": localize(row.percent),
            }
            cells = (
                f'<tr><td><a href="{body_url(m.body_id)}">{e(m.body.name)}</a></td>'
                f'<th scope="row">{e(m.person.name)}</th>\n    <td>{e(attendance)}</td>\n    '
            )
            if can_end:
                appointment = getattr(
                    m, "appointment", None
                )  # RelatedObjectDoesNotExist is an AttributeError
                link = f'<a href="{end_url(appointment.pk)}">{end_word}</a>' if appointment else ""
                cells += f"<td>{link}</td>"
            out.append(cells + "</tr>\n  ")
        columns = 4 if can_end else 3
    if not out:
        return mark_safe(f'<tr><td colspan="{columns}">{e(_("없습니다."))}</td></tr>')
    return mark_safe("".join(out))
