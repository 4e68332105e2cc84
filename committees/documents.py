"""위원 명단 (the roster of a body, seat by seat) as HWPX, PDF and XLSX.

One list of rows feeds all three formats, so the spreadsheet and the papers never disagree. Contact
columns are added only when the caller says the viewer may see them (committees.permissions).
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils import translation
from django.utils.translation import gettext as _

from committees.models import Body, Membership
from committees.selectors import GroupRows
from seongdong_gov.documents import Document
from seongdong_gov.rules import date_dots
from seongdong_gov.spreadsheets import xlsx_append_row


def roster_rows(groups: list[GroupRows], *, show_contacts: bool) -> list[list[str]]:
    """Header plus one row per active seat (a vacant seat says so), in seat order."""
    header = [_("연번"), _("구분"), _("직책"), _("성명"), _("소속"), _("임기"), _("분야"), _("추천 주체")]
    if show_contacts:
        header += [_("전화번호"), _("이메일")]
    rows = [header]
    # the labels once, not `get_role_display()` per row (it rebuilds the choices dict each call)
    role_labels = {value: str(label) for value, label in Membership.Role.choices}
    n = 0
    for g in groups:
        for row in g.rows:
            n += 1
            m = row.membership
            if m is None:
                line = [str(n), g.group.label, "", _("(공석)"), "", "", g.group.field, g.group.recommender]
                line += ["", ""] if show_contacts else []
            else:
                person = m.person
                term = f"{date_dots(m.start)} ~ {date_dots(m.end) if m.end else ''}".strip()
                affiliation = " ".join(p for p in (person.affiliation, person.title) if p)
                line = [
                    str(n),
                    g.group.label,
                    role_labels.get(m.role, m.role),
                    person.name,
                    affiliation,
                    term,
                    g.group.field,
                    g.group.recommender,
                ]
                line += [person.phone, person.email] if show_contacts else []
            rows.append(line)
    return rows


def _title(body: Body, on: dt.date) -> str:
    return _("%(body)s 위원 명단 (%(date)s 현재)") % {"body": body.name, "date": date_dots(on)}


def roster_document(body: Body, groups: list[GroupRows], *, on: dt.date, show_contacts: bool) -> Document:
    with translation.override("ko"):
        doc = Document(title=_("위원 명단"), header_text=body.name)
        doc.heading(_title(body, on), level=1)
        widths = [10, 24, 14, 18, 28, 34, 18, 22] + ([24, 34] if show_contacts else [])
        doc.table(roster_rows(groups, show_contacts=show_contacts), col_widths_mm=widths)
    return doc


def roster_xlsx(body: Body, groups: list[GroupRows], *, on: dt.date, show_contacts: bool) -> bytes:
    """The roster as a workbook; names and affiliations are user text, written as inert text cells."""
    from openpyxl import Workbook  # only the export needs openpyxl; it loads in ~100 ms

    with translation.override("ko"):
        wb = Workbook()
        ws = wb.active
        ws.title = str(_("위원 명단"))
        xlsx_append_row(ws, [_title(body, on)])
        rows = roster_rows(groups, show_contacts=show_contacts)
        xlsx_append_row(ws, rows[0])
        for row in rows[1:]:
            xlsx_append_row(ws, [int(row[0]), *row[1:]])  # the serial number stays a number
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
