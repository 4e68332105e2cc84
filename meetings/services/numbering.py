"""회의록 번호: minutes are numbered per host body and year ("추진운영위원회 2026-3")."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from committees.models import Body
from meetings import selectors
from meetings.models import Minutes


def minutes_number_assign(*, minutes: Minutes) -> str:
    """Give `minutes` the next number of its meeting's rule body (the host) in the meeting's year, once:
    minutes that already carry a number keep it. Called by minutes_approve inside its transaction.

    The body's row is locked while the highest number is read, so two approvals of the same body never
    compute the same number; the unique constraint on (body, year, seq) backs it in the database.
    Side effects: the number fields on `minutes` (saved)."""
    if minutes.number_seq is not None:
        return minutes.number
    with transaction.atomic():
        body = selectors.rule_body(minutes.meeting)
        Body.objects.select_for_update().filter(pk=body.pk).first()
        year = timezone.localdate(minutes.meeting.starts_at).year
        last = Minutes.objects.filter(number_body=body, number_year=year).aggregate(m=Max("number_seq"))["m"]
        minutes.number_body, minutes.number_year, minutes.number_seq = body, year, (last or 0) + 1
        minutes.number = f"{body.name} {year}-{minutes.number_seq}"
        minutes.save(update_fields=["number", "number_body", "number_year", "number_seq"])
    return minutes.number
