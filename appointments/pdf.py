"""Certificate PDFs (appendix 1 of the plan) rendered by the project's document renderer: one HTML document, one page per
certificate, so a batch is a single render (no merging of separate PDFs)."""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string

from appointments import rules
from appointments.models import Certificate, SealImage
from seongdong_gov import documents

DEFAULT_TEXT = (
    "「찾아가는 동 주민센터」 사업의 성공적 추진과\n주민 중심의 복지생태계 및 공동체 형성을 위하여\n"
    "귀하를 민관거버넌스 {body} 위원으로\n위촉합니다."
)


def appointment_text(body) -> str:
    """The body's own wording, else the plan's (appendix 1) with the body's name."""
    text = (body.appointment_text or "").strip()
    return text or DEFAULT_TEXT.format(body=body.name)


def _seal_data_uri(seal: SealImage | None) -> str:
    if seal is None or not seal.image:
        return ""
    try:
        with seal.image.open("rb") as fh:
            data = fh.read()
    except OSError:
        return ""
    mime = mimetypes.guess_type(seal.image.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


# Lines of the body text that fit the frame at full size (17pt, about 22 Hangul besides spaces per
# line); a longer custom text is set smaller so the issue date and issuer keep their place at the foot.
FULL_SIZE_LINES = 4
CHARS_PER_LINE = 22


def page_context(cert: Certificate) -> dict:
    m = cert.appointment.membership
    end = m.end
    lines = appointment_text(m.body).splitlines()
    visual_lines = sum(max(1, -(-len(line.replace(" ", "")) // CHARS_PER_LINE)) for line in lines)
    return {
        "number": cert.number,
        "name": rules.spaced(m.person.name),
        "lines": lines,
        "dense": visual_lines > FULL_SIZE_LINES,
        "start": rules.date_dots(m.start),
        "end": rules.date_dots(end) if end else "",
        "years": rules.term_years_label(m.start, end) if end else "",
        "issued": rules.date_long(cert.issued_on),
        "is_reissue": cert.reissue_of_id is not None,
    }


TEMPLATE = "appointments/certificate_pdf.html"


def document_context(certs: Sequence[Certificate], seal: SealImage | None) -> dict:
    return {
        "pages": [page_context(c) for c in certs],
        "issuer_title": settings.CERTIFICATE_ISSUER_TITLE,
        "issuer_name": rules.spaced(settings.CERTIFICATE_ISSUER_NAME),
        "seal": _seal_data_uri(seal),
    }


def render_html(certs: Sequence[Certificate], seal: SealImage | None) -> str:
    return render_to_string(TEMPLATE, document_context(certs, seal))


def render_pdf(certs: Sequence[Certificate], seal: SealImage | None = None, **options) -> bytes:
    """One page per certificate, no page numbers (each page is a document of its own)."""
    return documents.render_pdf(TEMPLATE, document_context(certs, seal), **options)
