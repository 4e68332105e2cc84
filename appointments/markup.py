"""A body's 위촉 현황 table and the certificate register's rows, written in Python (issue 14): 100 appointed
members are 100 rows of eight cells with dates, links and certificates, which Django's template language
wrote in ~12 ms; a register page of 50 certificates took ~10 ms more as a template than as this.
`appointment_rows_html` and `register_rows_html` write what templates/appointments/body.html and
register.html wrote, escaping every value."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from appointments.models import Certificate
from appointments.rules import period_label
from committees.models import Membership
from seongdong_gov.markup import day_text, url_maker
from seongdong_gov.widgets import escape_html as e


def appointment_rows_html(memberships: list[Membership], *, is_admin: bool) -> SafeString:
    """One `<tr>` an appointed membership: seat, member, term (and how it ended), recommendation,
    approval, 신규/연임/보궐, certificates and the record's links; or the link to record it."""
    if not memberships:
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
    out = []
    for m in memberships:
        a = getattr(m, "appointment", None)
        term = f"{day_text(m.start)} ~ {day_text(m.end)}"
        if a and a.end_kind:
            term += f' <span class="badge text-bg-secondary">{e(a.get_end_kind_display())}</span>'
        cells = [
            f"<tr><td>{e(m.seat.group.label)} {m.seat.number}</td>",
            f'<th scope="row">{e(m.person.name)}</th><td>{term}</td>',
        ]
        if a:
            recommended = e(a.recommended_by)
            if a.recommended_on:
                recommended += f'<br><span class="small">{day_text(a.recommended_on)}</span>'
            approval = e(a.approval_number) if a.approval_number else "-"
            if a.approval_date:
                approval += f'<br><span class="small">{day_text(a.approval_date)}</span>'
            if a.is_reappointment:
                kind = words["reappointed"]
                if a.reappointment_reason:
                    kind += f" ({words['over']}: {e(a.reappointment_reason)})"
            else:
                kind = words["new"]
            if a.replaces_id:
                kind += f" · {words['by_election']}"
            certificates = [
                f'<a href="{cert_url(c.pk)}">{e(c.number)}</a>' if is_admin else e(c.number)
                for c in a.certificate_list
            ]
            links = f'<a href="{edit_url(a.pk)}">{words["edit"]}</a>'
            if is_admin and not a.end_kind:
                links += f' · <a href="{end_url(a.pk)}">{words["end"]}</a>'
            cells.append(
                f"<td>{recommended}</td><td>{approval}</td><td>{kind}</td>"
                f"<td>{', '.join(certificates) or words['none']}</td>"
                f'<td class="d-print-none small text-nowrap">{links}</td>'
            )
        else:
            cells.append(
                f'<td colspan="4" class="text-danger">{words["missing"]}</td>'
                f'<td class="d-print-none small"><a href="{record_url(m.pk)}">{words["record"]}</a></td>'
            )
        cells.append("</tr>")
        out.append("".join(cells))
    return mark_safe("\n".join(out))


def register_rows_html(certificates, *, is_admin: bool) -> SafeString:
    """One `<tr>` a certificate of the register's page (`appointments.selectors.register`, its joins
    selected): number, member, body, term, issue date and ceremony, the reissue it replaces; for an
    administrator, its PDF and the reissue link."""
    rows: list[Certificate] = list(certificates)
    if not rows:
        return mark_safe(f'<tr><td colspan="7">{e(_("발급된 위촉장이 없습니다."))}</td></tr>')
    pdf_url, reissue_url = url_maker("appointments:certificate_pdf"), url_maker("appointments:reissue")
    reissue_word = e(_("재발급"))
    out = []
    for c in rows:
        m = c.appointment.membership
        issued = day_text(c.issued_on)
        if c.ceremony:
            issued += f" · {e(c.ceremony)}"
        note = ""
        if c.reissue_of_id:
            note = f"{e(_('%(number)s 재발급') % {'number': c.reissue_of.number})}: {e(c.reissue_reason)}"
        cells = [
            f'<tr><th scope="row">{e(c.number)}</th><td>{e(m.person.name)}</td><td>{e(m.body.name)}</td>'
            f"<td>{e(period_label(m.start, m.end))}</td><td>{issued}</td><td>{note}</td>"
        ]
        if is_admin:
            cells.append(
                f'<td class="text-nowrap"><a href="{pdf_url(c.pk)}">PDF</a>'
                f' · <a href="{reissue_url(c.pk)}">{reissue_word}</a></td>'
            )
        cells.append("</tr>")
        out.append("".join(cells))
    return mark_safe("".join(out))
