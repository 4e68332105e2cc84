"""A body's 위촉 현황 table, written in Python (issue 14): 100 appointed members are 100 rows of eight
cells with dates, links and certificates, which Django's template language wrote in ~12 ms.
`appointment_rows_html` writes what templates/appointments/body.html wrote, escaping every value."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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
