"""Demo appointments: the appointed members of 추진운영위원회 (2016 and 2026 cohorts) with their
recommendation and approval records, and the 2016 위촉식 certificates issued as one batch
(제2016-001호 … 제2016-008호). Idempotent: existing records are kept."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from appointments import services
from appointments.models import Appointment, Certificate, SealImage
from committees.models import Body, Membership, SeatGroup

D = dt.date
COHORTS = {
    # start: (recommended on, approval number (fictional), approval date)
    D(2016, 1, 15): (D(2015, 12, 28), "자치행정과-510", D(2016, 1, 12)),
    D(2026, 1, 15): (D(2025, 12, 29), "자치행정과-402", D(2026, 1, 13)),
}
CEREMONY_2016 = "2016 추진운영위원회 위촉식"


def _recommender(group: SeatGroup) -> str:
    return group.recommender or group.qualification or group.label


SEAL_LABEL = "견본 직인 (시연용)"


def sample_seal_png(size: int = 240) -> bytes:
    """A red round seal reading 성동구청장인 with 견본 across it, drawn with Pillow in the shipped serif:
    enough to see where the seal sits on a certificate, and plainly not an official seal."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow comes with WeasyPrint; only the demo draws

    red = (200, 30, 30, 255)
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    line = max(size // 24, 2)
    draw.ellipse((line, line, size - line, size - line), outline=red, width=line)
    font_path = Path(settings.BASE_DIR) / "static" / "fonts" / "NanumMyeongjoBold.ttf"
    big = ImageFont.truetype(str(font_path), size // 5)
    small = ImageFont.truetype(str(font_path), size // 8)
    for text, font, y in (("성동구", big, 0.30), ("청장인", big, 0.56), ("견본", small, 0.82)):
        draw.text((size / 2, size * y), text, fill=red, font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _sample_seal() -> None:
    """An active seal for the demo unless one exists (a real one uploaded by an administrator wins)."""
    if SealImage.objects.filter(is_active=True).exists():
        return
    seal = SealImage(label=SEAL_LABEL)
    seal.image.save("sample-seal.png", ContentFile(sample_seal_png()), save=True)


def load(stdout=None) -> dict:
    body = Body.objects.filter(name="추진운영위원회").first()
    if body is None:
        return {"appointments": 0, "certificates": 0}
    for start, (recommended_on, number, approved) in COHORTS.items():
        memberships = (
            Membership.objects.filter(body=body, start=start, seat__group__kind=SeatGroup.Kind.APPOINTED)
            .filter(appointment__isnull=True)
            .select_related("seat__group", "body")
            .order_by("seat__group__order", "seat__number")
        )
        for m in memberships:
            services.appointment_record(
                actor=None,
                membership=m,
                recommended_by=_recommender(m.seat.group),
                recommended_on=recommended_on,
                approval_number=number,
                approval_date=approved,
            )
    first = D(2016, 1, 15)
    pending = list(
        Appointment.objects.filter(membership__body=body, membership__start=first, certificates__isnull=True)
        .select_related("membership__person")
        .order_by("membership__seat__group__order", "membership__seat__number")
    )
    if pending:
        services.certificate_issue(actor=None, appointments=pending, issued_on=first, ceremony=CEREMONY_2016)
    _sample_seal()
    return {"appointments": Appointment.objects.count(), "certificates": Certificate.objects.count()}
