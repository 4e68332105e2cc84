"""Choice values that reports' rules and models share, written once (plain `StrEnum`s, so
`reports/rules.py` needs no ORM; the models' `TextChoices` reuse the values and add the labels)."""

from __future__ import annotations

from enum import StrEnum


class ReportState(StrEnum):
    """The stored workflow state of a report (Report.state)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


class ReminderKind(StrEnum):
    """Which reminder a report obligation is due (ReminderLog.kind)."""

    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
