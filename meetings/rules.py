"""The legal arithmetic of meetings, as plain functions on plain values (no ORM).

Each function states its rule and source (DOMAIN.md §5); every one is table-tested in
tests/meetings/test_rules.py. Errors are raised as `VoteError` with a Korean message for the form.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from committees import rules as committee_rules

# Values mirror committees.models.Body choices; kept as strings so this module needs no ORM.
QUORUM_ENROLLED_MAJORITY = "enrolled_majority"
QUORUM_NONE = "none"
PRESENT_MAJORITY = "present_majority"
TWO_THIRDS_PRESENT = "two_thirds_present"
ENROLLED_MAJORITY = "enrolled_majority"
TIE_REJECT = "reject"
TIE_CHAIR_DECIDES = "chair_decides"


class VoteError(ValueError):
    """Impossible or incomplete vote data; the message is shown to the secretary as is."""


def enrolled_at(periods: Iterable[tuple[dt.date, dt.date | None]], on: dt.date) -> int:
    """재적위원 on `on`: memberships in office that day (inclusive periods), the chair included;
    vacancies have no membership and so are excluded (DOMAIN.md §5, "재적위원")."""
    return committee_rules.active_on(periods, on)


def quorum_needed(enrolled: int, quorum_rule: str) -> int:
    """Members who must be present to open (개의정족수). `enrolled_majority`: a majority of 재적
    (성동구 구축계획: "위원 과반수 참석으로 개최"; 과반수 = floor(n/2)+1, 15 → 8). `none`: bodies that meet
    as needed without a fixed quorum (DOMAIN.md §2) need nobody in particular. `enrolled_one_third`:
    see `opening_quorum_needed`, which this delegates to."""
    return opening_quorum_needed(enrolled, quorum_rule)


@dataclass(frozen=True)
class Presence:
    """One attendance line: status is "present", "absent" or "excused"; times are optional."""

    member_id: int
    status: str
    arrived_at: dt.datetime | None = None
    left_at: dt.datetime | None = None


def is_present_at(presence: Presence, moment: dt.datetime | None) -> bool:
    """Present at `moment`: marked present, arrived at or before it and not yet left. A member who left
    early no longer counts toward the quorum of later votes (issue 3 §6, "quorum at the moment of
    each vote"). With no moment, anyone marked present counts."""
    if presence.status != "present":
        return False
    if moment is None:
        return True
    if presence.arrived_at is not None and presence.arrived_at > moment:
        return False
    return not (presence.left_at is not None and presence.left_at <= moment)


def present_at(presences: Iterable[Presence], moment: dt.datetime | None) -> frozenset[int]:
    return frozenset(p.member_id for p in presences if is_present_at(p, moment))


@dataclass(frozen=True)
class QuorumState:
    enrolled: int
    present: int
    needed: int

    @property
    def met(self) -> bool:
        return self.present >= self.needed

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.present)


def quorum_state(*, enrolled: int, present: int, quorum_rule: str) -> QuorumState:
    """The quorum panel: how many are present against how many are needed. Recused members are
    present and count here (법제처 해석 09-0129)."""
    if present < 0 or enrolled < 0:
        raise ValueError("counts must not be negative")
    return QuorumState(enrolled, present, quorum_needed(enrolled, quorum_rule))


def eligible_voters(present_ids: Iterable[int], recused_ids: Iterable[int]) -> frozenset[int]:
    """Those who may vote on an item: present at the vote, minus the members recused from that item
    (제척·기피·회피: counts toward the quorum to open, not among those voting; 법제처 해석 09-0129)."""
    return frozenset(present_ids) - frozenset(recused_ids)


def two_thirds_of(n: int) -> int:
    """3분의 2 이상: ceil(2n/3) (15 → 10, 9 → 6, 10 → 7)."""
    if n < 0:
        raise ValueError("n must not be negative")
    return max(1, math.ceil(2 * n / 3))


def yes_required(decision_rule: str, *, voting: int, enrolled: int) -> int:
    """Yes votes needed to pass.

    - present_majority (default, 성동구 계획 "참석위원 과반수 찬성으로 의결"): floor(voting/2)+1;
    - two_thirds_present: ceil(2·voting/3);
    - enrolled_majority (재적위원 과반수 찬성): floor(enrolled/2)+1.
    `voting` = members present and not recused; abstentions are among them (present, not yes).
    """
    if decision_rule == PRESENT_MAJORITY:
        return committee_rules.majority_of(voting)
    if decision_rule == TWO_THIRDS_PRESENT:
        return two_thirds_of(voting)
    if decision_rule == ENROLLED_MAJORITY:
        return committee_rules.majority_of(enrolled)
    raise ValueError(f"unknown decision rule {decision_rule!r}")


@dataclass(frozen=True)
class Outcome:
    passed: bool
    required: int
    voting: int
    tie: bool
    decided_by_chair: bool

    @property
    def label(self) -> str:
        if self.decided_by_chair:
            return _("가결 (가부동수, 위원장 결정)") if self.passed else _("부결 (가부동수, 위원장 결정)")
        if self.tie:
            return _("부결 (가부동수)")
        return _("가결") if self.passed else _("부결")


def vote_outcome(
    *,
    yes: int,
    no: int,
    abstain: int,
    enrolled: int,
    present: int,
    voting: int,
    quorum_rule: str,
    decision_rule: str,
    tie_rule: str,
    chair_casting: bool | None = None,
) -> Outcome:
    """The outcome of one vote, computed, never typed.

    `present` = members present at the moment of the vote (recused included), `voting` = those of them
    who may vote on the item. Refused with a Korean message: negative counts; more votes than eligible
    voters; a vote without quorum at that moment (개의정족수 유지). A tie (가부동수: yes = no, no
    majority) is rejected by default; under `chair_decides` the chair's casting vote decides and must be
    given (DOMAIN.md §5: "Ties are rejected by default; some bodies let the chair decide") — under the
    majority of those present only: a stricter decision rule is not met by a tie-break.
    """
    if min(yes, no, abstain) < 0:
        raise VoteError(_("표 수는 0 이상이어야 합니다."))
    if voting > present:
        raise VoteError(_("표결 가능 인원이 출석 인원보다 많을 수 없습니다."))
    cast = yes + no + abstain
    if cast > voting:
        raise VoteError(
            _("투표 수(%(cast)d)가 표결 가능한 출석위원 수(%(voting)d)보다 많습니다.")
            % {"cast": cast, "voting": voting}
        )
    quorum = quorum_state(enrolled=enrolled, present=present, quorum_rule=quorum_rule)
    if not quorum.met:
        raise VoteError(
            _("표결 시점의 출석(%(present)d명)이 의사정족수(%(needed)d명)에 미달하여 표결할 수 없습니다.")
            % {"present": present, "needed": quorum.needed}
        )
    required = yes_required(decision_rule, voting=voting, enrolled=enrolled)
    passed = yes >= required
    tie = not passed and yes == no and yes > 0
    # The casting vote only breaks a tie under the simple majority of those present: a 3–3 tie cannot
    # carry a two-thirds or a majority-of-재적 motion, whatever the chair decides.
    if tie and tie_rule == TIE_CHAIR_DECIDES and decision_rule == PRESENT_MAJORITY:
        if chair_casting is None:
            raise VoteError(_("가부동수입니다. 위원장의 결정(가/부)을 입력하세요."))
        return Outcome(chair_casting, required, voting, True, True)
    return Outcome(passed, required, voting, tie, False)


def election_winner(counts: dict[int, int], *, voting: int) -> int:
    """호선 (election among members): the candidate with a majority of those voting wins
    (과반수, floor(voting/2)+1). No majority or more ballots than voters is refused."""
    total = sum(counts.values())
    if any(v < 0 for v in counts.values()):
        raise VoteError(_("득표 수는 0 이상이어야 합니다."))
    if total > voting:
        raise VoteError(
            _("득표 합계(%(total)d)가 투표 가능 인원(%(voting)d)보다 많습니다.")
            % {"total": total, "voting": voting}
        )
    needed = committee_rules.majority_of(voting)
    winners = [cid for cid, v in counts.items() if v >= needed]
    if not winners:
        raise VoteError(_("과반수(%(n)d표) 득표자가 없습니다. 다시 투표하세요.") % {"n": needed})
    return winners[0]


def convening_satisfied(signatures: int, *, enrolled: int, numerator: int, denominator: int) -> bool:
    """A convening request is satisfied at ceil(재적 × fraction) signatures (1/3: 15 → 5)."""
    return signatures >= committee_rules.convening_threshold(enrolled, numerator, denominator)


def notice_is_short(*, notice_date: dt.date, meeting_date: dt.date, notice_days: int) -> bool:
    """Notice given fewer than `notice_days` days before the meeting (e.g. 5 days in writing;
    양성평등기본법 시행령 제9조③ as an example rule) must be marked urgent with a reason."""
    return (meeting_date - notice_date).days < notice_days


def written_outcome(
    *, yes: int, no: int, abstain: int, enrolled: int, eligible: int, decision_rule: str
) -> Outcome:
    """The outcome of a written resolution (서면의결), counted after its deadline.

    Only where the body allows it (Body.allows_written_resolution; DOMAIN.md §5, 법제처 의견 17-0150).
    There is no sitting, so nobody is "present": every member in office (재적) is counted and a member
    who does not answer by the deadline is not a yes. Hence:
    - yes needed = majority of 재적, floor(재적/2)+1 (15 → 8), whatever the body's sitting rule, or
      two thirds of 재적, ceil(2·재적/3) (15 → 10), when the body's rule is `two_thirds_present`;
    - `eligible` = members in office not recused on the item (제척·기피·회피: they do not answer, but they
      stay in 재적, as under the `enrolled_majority` rule of a sitting);
    - 기권 is an answer but not yes; a tie (찬성 = 반대, short of the majority) is 부결 (가부동수): there is
      no casting vote in writing.
    Refused with a Korean message: negative counts, or more answers than eligible members.
    """
    if min(yes, no, abstain) < 0:
        raise VoteError(_("표 수는 0 이상이어야 합니다."))
    if eligible > enrolled:
        raise VoteError(_("응답 가능 인원이 재적보다 많을 수 없습니다."))
    cast = yes + no + abstain
    if cast > eligible:
        raise VoteError(
            _("응답 수(%(cast)d)가 응답 가능한 위원 수(%(eligible)d)보다 많습니다.")
            % {"cast": cast, "eligible": eligible}
        )
    if decision_rule == TWO_THIRDS_PRESENT:
        required = two_thirds_of(enrolled)
    else:
        required = committee_rules.majority_of(enrolled)
    passed = yes >= required
    tie = not passed and yes == no and yes > 0
    return Outcome(passed, required, eligible, tie, False)


# --- Issue 10 §3: opening and deciding attendance, casting vote, written resolutions ---------------
# More Body choice values (committees.models.Body), kept as strings so this module needs no ORM.
QUORUM_ENROLLED_ONE_THIRD = "enrolled_one_third"
DECIDING_SAME_AS_OPENING = "same_as_opening"
DECIDING_ENROLLED_MAJORITY = "enrolled_majority"
DECIDING_NONE = "none"
CASTING_SECOND_VOTE = "second_vote"
CASTING_IF_NOT_VOTED = "if_not_voted"
WRITTEN_ENROLLED_MAJORITY_YES = "enrolled_majority_yes"
WRITTEN_REPLIES_THEN_YES = "replies_then_yes"

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


def opening_quorum_needed(enrolled: int, rule: str) -> int:
    """Members who must be present to open a sitting (개의정족수), from the body's `quorum_rule`.

    - `enrolled_majority` (default): a majority of 재적, floor(n/2)+1 (성동구 구축계획: "위원 과반수
      참석으로 개최"; 15 → 8, 0 → 1);
    - `enrolled_one_third`: 재적 1/3 이상, ceil(n/3) and at least one (지방자치법 제72조①: "재적의원
      3분의 1 이상의 출석으로 개의"; 15 → 5, 14 → 5, 1 → 1, 0 → 1);
    - `none`: bodies that meet as needed without a fixed quorum (DOMAIN.md §2): 0.
    """
    if enrolled < 0:
        raise ValueError("enrolled must not be negative")
    if rule == QUORUM_NONE:
        return 0
    if rule == QUORUM_ENROLLED_MAJORITY:
        return committee_rules.quorum_to_open(enrolled)
    if rule == QUORUM_ENROLLED_ONE_THIRD:
        return committee_rules.one_third_of(enrolled)
    raise ValueError(f"unknown quorum rule {rule!r}")


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
