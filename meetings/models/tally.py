"""A derived, rebuildable snapshot of attendance (issue 14 §2): the staff and admin home show the
appointed members below half over the last 12 months, and aggregating every attendance line of that
window on each view made the home page's cost grow with the district. The snapshot holds only the
below-half rows of one window; meetings.services.attendance rebuilds it when it is stale."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Body, Person
from seongdong_gov.choices import FastChoicesDisplay


class AttendanceTally(FastChoicesDisplay, models.Model):
    """Per person and body, the held meetings and those attended over the stamp's window, kept only
    where fewer than half were attended (terms served back to back on a body count together)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    attended = models.PositiveIntegerField()
    held = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("출석 집계")
        constraints = [
            models.UniqueConstraint(fields=["person", "body"], name="attendance_tally_unique_person_body"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.body_id}: {self.attended}/{self.held}"


class AttendanceTallyStamp(FastChoicesDisplay, models.Model):
    """The one row (pk 1) saying which window the tally holds, when it was built and whether a write
    since (attendance, a meeting's state) made it stale. Its row lock serialises the rebuilds."""

    window_start = models.DateField()
    window_end = models.DateField()
    computed_at = models.DateTimeField()
    valid = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("출석 집계 기준")

    def __str__(self) -> str:
        return f"{self.window_start}–{self.window_end} ({'valid' if self.valid else 'stale'})"
