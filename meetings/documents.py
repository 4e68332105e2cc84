"""Documents the meetings app prints as PDF."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from meetings import selectors
from meetings.models import Minutes


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes (every field of 공공기록물법 시행령 제18조②) as an A4 PDF."""
    # Imported here: WeasyPrint loads its native libraries (Pango, fonts) on import, which only this
    # path needs.
    from weasyprint import CSS, HTML

    meeting = minutes.meeting
    data = selectors.meeting_detail_data(meeting, show_agenda=True, show_minutes_draft=True)
    html = render_to_string("meetings/minutes_pdf.html", {"meeting": meeting, **data, "minutes": minutes})
    # The stylesheet (A4, NanumMyeongjo) is read from disk: WeasyPrint must not fetch it over HTTP.
    css = CSS(filename=finders.find("meetings/print.css"))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css])
