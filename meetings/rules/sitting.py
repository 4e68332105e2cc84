"""The legal arithmetic of a sitting, as plain functions on plain values (no ORM): who is enrolled and
present, the opening quorum, votes, elections, convening requests, notice and written resolutions.

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
from committees.enums import (
    DecisionRule,
    QuorumRule,
    TieRule,
)

# The Body choice values, from the enums module the models use too (no ORM needed here).
QUORUM_ENROLLED_MAJORITY = QuorumRule.ENROLLED_MAJORITY
QUORUM_NONE = QuorumRule.NONE
QUORUM_ENROLLED_ONE_THIRD = QuorumRule.ENROLLED_ONE_THIRD
PRESENT_MAJORITY = DecisionRule.PRESENT_MAJORITY
TWO_THIRDS_PRESENT = DecisionRule.TWO_THIRDS_PRESENT
ENROLLED_MAJORITY = DecisionRule.ENROLLED_MAJORITY
TIE_REJECT = TieRule.REJECT
TIE_CHAIR_DECIDES = TieRule.CHAIR_DECIDES


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
