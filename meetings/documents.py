"""Documents the meetings app prints as PDF, through the one renderer (seongdong_gov.documents)."""

from __future__ import annotations

from meetings import selectors
from meetings.models import Minutes
from seongdong_gov import documents


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes (every field of 공공기록물법 시행령 제18조②) as an A4 PDF, from the same record the page
    shows: the frozen copy once locked."""
    meeting = minutes.meeting
    context = {"meeting": meeting, "minutes": minutes, "record": selectors.record_for(meeting, minutes)}
    return documents.render_pdf(
        "meetings/minutes_pdf.html", context, stylesheets=["meetings/print.css", documents.PAGE_NUMBERS]
    )
