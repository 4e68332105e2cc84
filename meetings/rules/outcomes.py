"""Why a vote carried or failed (issue 10 §3): the opening quorum and the attendance needed to decide as
two rules, the chair's casting vote, written resolutions by the body's rule, and Korean labels for each
reason. Pure functions on plain values, table-tested in tests/meetings/test_rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from committees import rules as committee_rules
from committees.enums import CastingVoteRule, DecidingAttendanceRule, WrittenRule
from meetings.rules.sitting import (
    ENROLLED_MAJORITY,
    PRESENT_MAJORITY,
    TIE_CHAIR_DECIDES,
    TIE_REJECT,
    TWO_THIRDS_PRESENT,
    VoteError,
    opening_quorum_needed,
    two_thirds_of,
    yes_required,
)

# --- Issue 10 §3: opening and deciding attendance, casting vote, written resolutions ---------------
# More Body choice values, from committees.enums like those above.
DECIDING_SAME_AS_OPENING = DecidingAttendanceRule.SAME_AS_OPENING
DECIDING_ENROLLED_MAJORITY = DecidingAttendanceRule.ENROLLED_MAJORITY
DECIDING_NONE = DecidingAttendanceRule.NONE
CASTING_SECOND_VOTE = CastingVoteRule.SECOND_VOTE
CASTING_IF_NOT_VOTED = CastingVoteRule.IF_NOT_VOTED
WRITTEN_ENROLLED_MAJORITY_YES = WrittenRule.ENROLLED_MAJORITY_YES
WRITTEN_REPLIES_THEN_YES = WrittenRule.REPLIES_THEN_YES

# Reason codes: why a vote carried or failed, stored or shown through `outcome_label`.
CAN_DECIDE = "can_decide"
NO_QUORUM = "no_quorum"
NO_ELIGIBLE_VOTERS = "no_eligible_voters"
PASSED = "passed"
TIE_BROKEN_BY_CHAIR_YES = "tie_broken_by_chair_yes"
TIE_BROKEN_BY_CHAIR_NO = "tie_broken_by_chair_no"
REJECTED_TIE = "rejected_tie"
REJECTED_DECIDING_ATTENDANCE = "rejected_deciding_attendance"
REJECTED_NO_MAJORITY_PRESENT = "rejected_no_majority_present"
REJECTED_NO_TWO_THIRDS_PRESENT = "rejected_no_two_thirds_present"
REJECTED_NO_MAJORITY_ENROLLED = "rejected_no_majority_enrolled"
REJECTED_NO_TWO_THIRDS_ENROLLED = "rejected_no_two_thirds_enrolled"
REJECTED_TOO_FEW_REPLIES = "rejected_too_few_replies"
REJECTED_NO_MAJORITY_REPLIES = "rejected_no_majority_replies"
REJECTED_NO_TWO_THIRDS_REPLIES = "rejected_no_two_thirds_replies"

PASSING_REASONS = frozenset({PASSED, TIE_BROKEN_BY_CHAIR_YES})


def deciding_attendance_needed(enrolled: int, rule: str, *, opening_rule: str) -> int:
    """Members who must be present at the moment of a vote for it to decide anything (의결정족수의 출석
    요건), from the body's `deciding_attendance_rule`; the yes votes needed are `yes_required`.

    - `same_as_opening` (default, today's behaviour): the opening quorum must still hold at the vote
      (개의정족수 유지; the sitting's `quorum_rule`);
    - `enrolled_majority`: a majority of 재적 present, floor(n/2)+1 (지방자치법 제73조①: "재적의원 과반수의
      출석과 출석의원 과반수의 찬성으로 의결"), even where the body opens with one third;
    - `none`: no attendance requirement for a vote.
    Recused members are present and count here, as for the opening quorum (법제처 해석 09-0129).
    """
    if enrolled < 0:
        raise ValueError("enrolled must not be negative")
    if rule == DECIDING_SAME_AS_OPENING:
        return opening_quorum_needed(enrolled, opening_rule)
    if rule == DECIDING_ENROLLED_MAJORITY:
        return committee_rules.majority_of(enrolled)
    if rule == DECIDING_NONE:
        return 0
    raise ValueError(f"unknown deciding attendance rule {rule!r}")


@dataclass(frozen=True)
class Decidability:
    ok: bool
    reason: str  # CAN_DECIDE, NO_QUORUM, REJECTED_DECIDING_ATTENDANCE or NO_ELIGIBLE_VOTERS
    needed: int  # members needed present for the check that failed (or the stricter one when ok)


def can_decide(
    *, enrolled: int, present: int, eligible: int, opening_rule: str, deciding_rule: str
) -> Decidability:
    """Whether a vote taken now can decide, checked at the moment of each vote (issue 10 §3).

    In this order: the opening quorum still holds (else `no_quorum`: the sitting cannot go on,
    지방자치법 제72조②), the deciding attendance is met (else `rejected_deciding_attendance`, 지방자치법
    제73조①), and somebody present may vote on the item (else `no_eligible_voters`: everyone present is
    recused). `present` = members present at that moment, recused included; `eligible` = those of them
    who may vote. Refused with `VoteError`: negative counts, or more eligible than present.
    """
    if min(enrolled, present, eligible) < 0:
        raise VoteError(_("인원 수는 0 이상이어야 합니다."))
    if eligible > present:
        raise VoteError(_("표결 가능 인원이 출석 인원보다 많을 수 없습니다."))
    opening = opening_quorum_needed(enrolled, opening_rule)
    if present < opening:
        return Decidability(False, NO_QUORUM, opening)
    deciding = deciding_attendance_needed(enrolled, deciding_rule, opening_rule=opening_rule)
    if present < deciding:
        return Decidability(False, REJECTED_DECIDING_ATTENDANCE, deciding)
    if eligible == 0:
        return Decidability(False, NO_ELIGIBLE_VOTERS, 1)
    return Decidability(True, CAN_DECIDE, max(opening, deciding))


def chair_may_cast(*, tie_rule: str, casting_vote_rule: str, chair_voted: bool) -> bool:
    """Whether the chair's casting vote (결정권) breaks a tie (가부동수).

    `tie_rule` `reject` (default): never; a tie is rejected (지방자치법 제73조②: "의장은 의결에서 표결권을
    가지며, 찬성과 반대가 같으면 부결된 것으로 본다"). `chair_decides`: per `casting_vote_rule` —
    `second_vote` (default, today's behaviour): the chair decides even after voting as a member, only
    where the body's own rule says so; `if_not_voted`: only a chair who took no part in the vote decides;
    a chair who voted has no second vote.
    """
    if tie_rule == TIE_REJECT:
        return False
    if tie_rule != TIE_CHAIR_DECIDES:
        raise ValueError(f"unknown tie rule {tie_rule!r}")
    if casting_vote_rule == CASTING_SECOND_VOTE:
        return True
    if casting_vote_rule == CASTING_IF_NOT_VOTED:
        return not chair_voted
    raise ValueError(f"unknown casting vote rule {casting_vote_rule!r}")


@dataclass(frozen=True)
class VoteResult:
    passed: bool
    reason: str  # a reason code; `label` gives it in words
    required: int  # yes votes needed
    voting: int

    @property
    def label(self) -> str:
        return outcome_label(self.reason)


def _rejection_reason(decision_rule: str) -> str:
    return {
        PRESENT_MAJORITY: REJECTED_NO_MAJORITY_PRESENT,
        TWO_THIRDS_PRESENT: REJECTED_NO_TWO_THIRDS_PRESENT,
        ENROLLED_MAJORITY: REJECTED_NO_MAJORITY_ENROLLED,
    }[decision_rule]


def body_vote_rules(body) -> dict[str, str]:
    """A body's procedural rules as `vote_result`'s keyword arguments. `body` is anything with the Body
    fields (the rules stay free of the ORM); every caller takes the rules from here, so a rule added to the
    body cannot be forgotten in one of them."""
    return {
        "opening_rule": body.quorum_rule,
        "deciding_rule": body.deciding_attendance_rule,
        "decision_rule": body.decision_rule,
        "tie_rule": body.tie_rule,
        "casting_vote_rule": body.casting_vote_rule,
    }


def vote_result(
    *,
    yes: int,
    no: int,
    abstain: int,
    enrolled: int,
    present: int,
    voting: int,
    opening_rule: str,
    deciding_rule: str,
    decision_rule: str,
    tie_rule: str,
    casting_vote_rule: str,
    chair_voted: bool,
    chair_casting: bool | None = None,
) -> VoteResult:
    """The outcome of one vote with the reason it carried or failed; `vote_outcome` with the opening and
    deciding attendance apart and the casting vote per body (issue 10 §3). Services switch to it.

    1. `can_decide` at the moment of the vote: `no_quorum` (the service refuses the vote, as
       `vote_outcome` does), `rejected_deciding_attendance` (부결: 재적 과반수 출석 미달, 지방자치법 제73조①)
       or `no_eligible_voters`;
    2. `yes_required` by the body's decision rule: `passed`;
    3. a tie (찬성 = 반대 > 0) under the majority of those present: the chair's casting vote where
       `chair_may_cast` (`tie_broken_by_chair_yes/no`, required then), else `rejected_tie` (가부동수 부결);
    4. otherwise the real reason, e.g. `rejected_no_majority_enrolled` (부결: 재적 과반수 찬성 미달): a tie
       under a stricter rule fails by that rule, not by the tie.
    Refused with `VoteError`: negative counts, more voting than present, more votes than voting.
    """
    if min(yes, no, abstain) < 0:
        raise VoteError(_("표 수는 0 이상이어야 합니다."))
    cast = yes + no + abstain
    if cast > voting:
        raise VoteError(
            _("투표 수(%(cast)d)가 표결 가능한 출석위원 수(%(voting)d)보다 많습니다.")
            % {"cast": cast, "voting": voting}
        )
    required = yes_required(decision_rule, voting=voting, enrolled=enrolled)
    decidable = can_decide(
        enrolled=enrolled,
        present=present,
        eligible=voting,
        opening_rule=opening_rule,
        deciding_rule=deciding_rule,
    )
    if not decidable.ok:
        return VoteResult(False, decidable.reason, required, voting)
    if yes >= required:
        return VoteResult(True, PASSED, required, voting)
    if yes == no and yes > 0 and decision_rule == PRESENT_MAJORITY:
        if chair_may_cast(tie_rule=tie_rule, casting_vote_rule=casting_vote_rule, chair_voted=chair_voted):
            if chair_casting is None:
                raise VoteError(_("가부동수입니다. 위원장의 결정(가/부)을 입력하세요."))
            reason = TIE_BROKEN_BY_CHAIR_YES if chair_casting else TIE_BROKEN_BY_CHAIR_NO
            return VoteResult(chair_casting, reason, required, voting)
        return VoteResult(False, REJECTED_TIE, required, voting)
    return VoteResult(False, _rejection_reason(decision_rule), required, voting)


@dataclass(frozen=True)
class WrittenResult:
    passed: bool
    reason: str
    base: int  # 재적 at the deadline minus the recused
    replies_required: int  # 0 under `enrolled_majority_yes`
    yes_required: int

    @property
    def label(self) -> str:
        return outcome_label(self.reason)


def written_outcome_v2(
    *,
    enrolled_at_deadline: int,
    recused: int,
    replies: int,
    yes: int,
    no: int,
    abstain: int,
    rule: str,
    decision_rule: str = PRESENT_MAJORITY,
) -> WrittenResult:
    """The outcome of a written resolution (서면의결) by the body's `written_rule` (issue 10 §3).

    재적 is taken at the answer deadline, and a recused member is out of the base exactly as at a
    sitting (issue 10 §3; at a sitting they do not vote on the item, 법제처 해석 09-0129): base = 재적 at
    the deadline − recused. Nobody is present in writing, so:
    - `enrolled_majority_yes` ("재적 과반수 찬성"): yes ≥ floor(base/2)+1 (15 → 8; 15 with one recused
      → 14 → 8), else `rejected_no_majority_enrolled`;
    - `replies_then_yes` ("재적 과반수 회신, 회신 과반수 찬성"): replies ≥ floor(base/2)+1, else
      `rejected_too_few_replies`; then yes ≥ floor(replies/2)+1, else `rejected_no_majority_replies`.
    Under a two-thirds decision rule the yes share is two thirds, ceil(2n/3), of the same base.
    `replies` counts every answer (기권 and a blank answer included); a missing answer is not a yes;
    there is no casting vote in writing, so a tie short of the majority is `rejected_tie` where the
    majority rule applies. Refused with `VoteError`: negative counts, more recused than 재적, fewer
    replies than answers counted, more replies than the base.
    """
    if min(enrolled_at_deadline, recused, replies, yes, no, abstain) < 0:
        raise VoteError(_("표 수는 0 이상이어야 합니다."))
    if recused > enrolled_at_deadline:
        raise VoteError(_("회피·제척 인원이 재적보다 많을 수 없습니다."))
    if yes + no + abstain > replies:
        raise VoteError(_("찬성·반대·기권의 합이 회신 수보다 많을 수 없습니다."))
    base = enrolled_at_deadline - recused
    if replies > base:
        raise VoteError(
            _("회신 수(%(replies)d)가 응답 가능한 위원 수(%(base)d)보다 많습니다.")
            % {"replies": replies, "base": base}
        )
    two_thirds = decision_rule == TWO_THIRDS_PRESENT
    share = two_thirds_of if two_thirds else committee_rules.majority_of
    if rule == WRITTEN_ENROLLED_MAJORITY_YES:
        needed = share(base)
        if yes >= needed:
            return WrittenResult(True, PASSED, base, 0, needed)
        if yes == no and yes > 0 and not two_thirds:
            return WrittenResult(False, REJECTED_TIE, base, 0, needed)
        reason = REJECTED_NO_TWO_THIRDS_ENROLLED if two_thirds else REJECTED_NO_MAJORITY_ENROLLED
        return WrittenResult(False, reason, base, 0, needed)
    if rule == WRITTEN_REPLIES_THEN_YES:
        replies_needed = committee_rules.majority_of(base)
        needed = share(replies)
        if replies < replies_needed:
            return WrittenResult(False, REJECTED_TOO_FEW_REPLIES, base, replies_needed, needed)
        if yes >= needed:
            return WrittenResult(True, PASSED, base, replies_needed, needed)
        if yes == no and yes > 0 and not two_thirds:
            return WrittenResult(False, REJECTED_TIE, base, replies_needed, needed)
        reason = REJECTED_NO_TWO_THIRDS_REPLIES if two_thirds else REJECTED_NO_MAJORITY_REPLIES
        return WrittenResult(False, reason, base, replies_needed, needed)
    raise ValueError(f"unknown written resolution rule {rule!r}")


def outcome_label(reason: str) -> str:
    """The outcome in words, with its real reason ("부결: 재적 과반수 찬성 미달", not "가부동수")."""
    labels = {
        CAN_DECIDE: _("표결 가능"),
        NO_QUORUM: _("표결 불가: 개의정족수 미달"),
        NO_ELIGIBLE_VOTERS: _("표결 불가: 표결할 수 있는 위원 없음"),
        PASSED: _("가결"),
        TIE_BROKEN_BY_CHAIR_YES: _("가결 (가부동수, 위원장 결정)"),
        TIE_BROKEN_BY_CHAIR_NO: _("부결 (가부동수, 위원장 결정)"),
        REJECTED_TIE: _("부결 (가부동수)"),
        REJECTED_DECIDING_ATTENDANCE: _("부결: 재적 과반수 출석 미달"),
        REJECTED_NO_MAJORITY_PRESENT: _("부결: 출석위원 과반수 찬성 미달"),
        REJECTED_NO_TWO_THIRDS_PRESENT: _("부결: 출석위원 3분의 2 찬성 미달"),
        REJECTED_NO_MAJORITY_ENROLLED: _("부결: 재적 과반수 찬성 미달"),
        REJECTED_NO_TWO_THIRDS_ENROLLED: _("부결: 재적 3분의 2 찬성 미달"),
        REJECTED_TOO_FEW_REPLIES: _("부결: 재적 과반수 회신 미달"),
        REJECTED_NO_MAJORITY_REPLIES: _("부결: 회신 과반수 찬성 미달"),
        REJECTED_NO_TWO_THIRDS_REPLIES: _("부결: 회신 3분의 2 찬성 미달"),
    }
    try:
        return labels[reason]
    except KeyError:
        raise ValueError(f"unknown outcome reason {reason!r}") from None
