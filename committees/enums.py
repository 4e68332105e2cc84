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


class DecisionRule(StrEnum):
    """의결 정족수 of a body (Body.decision_rule)."""

    PRESENT_MAJORITY = "present_majority"
    TWO_THIRDS_PRESENT = "two_thirds_present"
    ENROLLED_MAJORITY = "enrolled_majority"


class TieRule(StrEnum):
    """What a tie means in a body (Body.tie_rule)."""

    REJECT = "reject"
    CHAIR_DECIDES = "chair_decides"
