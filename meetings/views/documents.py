"""The meeting's printed documents as HWPX or PDF: 소집 통지문, 회의자료, 참석자 서명부, 회의록.

Each is reached through the scoping helper of the page it belongs to: the notice and agenda pack as
the published agenda (members once published), the sign-in sheet by those who manage the meeting
(403 in reach, 404 out of reach), the minutes as the minutes page (members never get drafts).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from meetings import documents, permissions
from seongdong_gov.documents import file_response

FORMATS = ("hwpx", "pdf")


def _labels() -> dict[str, str]:
    return {
        "notice": _("소집통지문"),
        "agenda": _("회의자료"),
        "signin": _("참석자서명부"),
        "minutes": _("회의록"),
    }


@login_required
def meeting_document(request, pk: int, kind: str, fmt: str):
    if fmt not in FORMATS or kind not in _labels():
        raise Http404
    if kind == "minutes":
        meeting, minutes, _manage = permissions.minutes_for_user(request, pk)
        # locked minutes come from the cache after their first download (documents.minutes_file)
        content = documents.minutes_file(meeting, minutes, fmt)
        return file_response(content, f"{documents.filename_stem(meeting, _labels()[kind])}.{fmt}", fmt)
    if kind == "signin":
        meeting = permissions.meeting_for_manage(request, pk)
        doc = documents.signin_sheet(meeting)
    else:
        meeting = permissions.agenda_for_user(request, pk)
        doc = documents.notice(meeting) if kind == "notice" else documents.agenda_pack(meeting)
    return doc.response(fmt, documents.filename_stem(meeting, _labels()[kind]))
