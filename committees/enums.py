"""Choice values that the rules and the models share, written once.

Plain `StrEnum`s, so `rules.py` modules can import them without Django's ORM or app registry; the
models' `TextChoices` reuse these values and add the labels.
"""

from __future__ import annotations

from enum import StrEnum


class QuorumRule(StrEnum):
    """개의 정족수 of a body (Body.quorum_rule)."""

    ENROLLED_MAJORITY = "enrolled_majority"
    NONE = "none"
    ENROLLED_ONE_THIRD = "enrolled_one_third"


class DecisionRule(StrEnum):
    """의결 정족수 of a body (Body.decision_rule)."""

    PRESENT_MAJORITY = "present_majority"
    TWO_THIRDS_PRESENT = "two_thirds_present"
    ENROLLED_MAJORITY = "enrolled_majority"


class TieRule(StrEnum):
    """What a tie means in a body (Body.tie_rule)."""

    REJECT = "reject"
    CHAIR_DECIDES = "chair_decides"


class DecidingAttendanceRule(StrEnum):
    """The attendance a vote needs at its moment (의결 출석 요건, Body.deciding_attendance_rule)."""

    SAME_AS_OPENING = "same_as_opening"
    ENROLLED_MAJORITY = "enrolled_majority"
    NONE = "none"


class CastingVoteRule(StrEnum):
    """Whether a chair who has voted may still decide a tie (Body.casting_vote_rule)."""

    SECOND_VOTE = "second_vote"
    IF_NOT_VOTED = "if_not_voted"


class WrittenRule(StrEnum):
    """How a written resolution passes (서면의결, Body.written_rule)."""

    ENROLLED_MAJORITY_YES = "enrolled_majority_yes"
    REPLIES_THEN_YES = "replies_then_yes"


class NotificationKind(StrEnum):
    """What the product e-mails (OutboundMessage.kind, NotificationPreference.kind)."""

    MEETING_NOTICE = "meeting_notice"
    MEETING_RESCHEDULED = "meeting_rescheduled"
    MEETING_CANCELLED = "meeting_cancelled"
    WRITTEN_OPEN = "written_open"
    AGENDA_PUBLISHED = "agenda_published"
    MINUTES_APPROVED = "minutes_approved"
    MEETING_REMINDER = "meeting_reminder"
    CONVENING_SATISFIED = "convening_satisfied"
    REPORT_DUE = "report_due"
    REPORT_OVERDUE = "report_overdue"
    REPORT_RETURNED = "report_returned"
    REPORT_ACCEPTED = "report_accepted"
    TERM_ENDING = "term_ending"
    CERTIFICATE_READY = "certificate_ready"


# Legal notices: the convening notice (소집 통지), its changes, and the request for a written resolution
# are how a body is lawfully convened or asked to decide; a member cannot opt out of being convened.
MANDATORY_NOTIFICATIONS = frozenset(
    {
        NotificationKind.MEETING_NOTICE,
        NotificationKind.MEETING_RESCHEDULED,
        NotificationKind.MEETING_CANCELLED,
        NotificationKind.WRITTEN_OPEN,
    }
)
