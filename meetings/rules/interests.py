"""Conflict of interest (이해충돌) on agenda items, as plain values.

Civilian members of these bodies are 공무수행사인 under 공직자의 이해충돌 방지법 (제2조제2호라목): they report
a private interest in a matter and may ask to step aside (제5조 사적이해관계자 신고 및 회피 신청). The
kinds below follow that law's list of 사적이해관계자 (제2조제6호 가–아목); the bodies' own rules add 제척
(excluded by rule), 기피 (excluded on another member's challenge, decided by the body) and 회피 (the member
steps aside).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class InterestKind(StrEnum):
    """사적이해관계의 종류 (이해충돌 방지법 제2조제6호)."""

    PARTY = "party"  # 가목: 본인 또는 가족이 안건의 당사자
    OFFICER = "officer"  # 나목: 본인·가족이 임원·대표자·관리자로 재직하는 법인·단체
    ADVISER = "adviser"  # 다목: 본인·가족이 대리하거나 고문·자문하는 개인·법인·단체
    FORMER = "former"  # 라·마목: 위촉 전 2년 이내에 재직하거나 자문했던 법인·단체
    SHARES = "shares"  # 바목: 본인·가족이 일정 비율 이상의 주식·지분을 가진 법인·단체
    OTHER = "other"  # 아목: 그 밖의 사적 이해관계


class RecusalKind(StrEnum):
    """How a member came to be out of the vote on an item."""

    AVOIDANCE = "avoidance"  # 회피: the member steps aside
    DISQUALIFICATION = "disqualification"  # 제척: excluded by the body's rule
    CHALLENGE = "challenge"  # 기피: excluded on another member's challenge, decided by the body


class ChallengeDecision(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


def declaration_open(*, starts_at: dt.datetime, now: dt.datetime) -> bool:
    """Declarations are taken, and may be changed, until the meeting starts: 제5조 asks for the report
    before the member takes part in the matter, and from the start the secretary works from what was
    declared (recusals are recorded from then on by the secretary alone)."""
    return now < starts_at


def disqualifies(*, kind: str | None, has_interest: bool, body_disqualifies_parties: bool) -> bool:
    """제척 without a decision: where the body's rules say so (Body.disqualify_parties), a member who
    declares that they or their family are a party to the matter (가목) is excluded from it at once. Every
    other interest leads to a recusal only when the secretary records it (회피 from the declaration)."""
    return has_interest and body_disqualifies_parties and kind == InterestKind.PARTY


def unanswered_items(*, item_ids: list[int], answered_ids: set[int]) -> list[int]:
    """The items a member has not answered yet, in agenda order."""
    return [pk for pk in item_ids if pk not in answered_ids]
