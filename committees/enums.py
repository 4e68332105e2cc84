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
