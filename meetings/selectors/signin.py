"""The sign-in sheet (참석자 서명부): who signs, in seat order, as plain rows any renderer can use."""

from __future__ import annotations

from committees.models import Membership
from meetings.models import Meeting
from meetings.selectors.meetings import enrolled_rows, observers_of
from seongdong_gov.choices import choice_labels

BLANK_OBSERVER_ROWS = 5


def _row(kind: str, *, name="", affiliation="", seat="", body="", role="") -> dict:
    return {"kind": kind, "name": name, "affiliation": affiliation, "seat": seat, "body": body, "role": role}


def signin_rows(meeting: Meeting, *, blank_rows: int = BLANK_OBSERVER_ROWS) -> list[dict]:
    """One row per enrolled member in seat order (body, seat group, seat number), then the observers on
    record, then `blank_rows` empty rows for observers who come unannounced. Each row is a dict of plain
    strings: no (1-based, blank for blank rows), kind ("member", "observer" or "blank"), name,
    affiliation (소속·직위), seat (the member's seat group), body, role; the signature column is left
    empty by every renderer (the page and `meetings.documents.signin_sheet`'s HWPX and PDF). Three
    queries."""
    roles = choice_labels(Membership.Role)
    rows = [
        _row(
            "member",
            name=m.name,
            affiliation=m.office,
            seat=m.seat_group_label,
            body=m.body.name,
            role=roles.get(m.role, m.role),
        )
        for m in enrolled_rows(meeting)
    ]
    rows += [_row("observer", name=o.name, affiliation=o.affiliation) for o in observers_of(meeting)]
    rows += [_row("blank") for _ in range(blank_rows)]
    for n, row in enumerate(rows, start=1):
        row["no"] = "" if row["kind"] == "blank" else str(n)
    return rows
