import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from committees.models import Body
from meetings import rules

T = dt.datetime


@pytest.mark.parametrize(
    ("periods", "on", "expected"),
    [
        ([(dt.date(2016, 1, 15), dt.date(2018, 1, 14))] * 15, dt.date(2016, 3, 1), 15),
        ([(dt.date(2016, 1, 15), dt.date(2018, 1, 14))] * 13, dt.date(2016, 3, 1), 13),  # two vacancies
        ([(dt.date(2016, 1, 15), dt.date(2016, 2, 1))], dt.date(2016, 3, 1), 0),
        ([(dt.date(2016, 1, 15), None)], dt.date(2026, 3, 1), 1),
    ],
)
def test_enrolled_at_counts_members_in_office(periods, on, expected):
    assert rules.enrolled_at(periods, on) == expected


@pytest.mark.parametrize(
    ("enrolled", "rule", "needed"),
    [
        (15, "enrolled_majority", 8),
        (14, "enrolled_majority", 8),
        (13, "enrolled_majority", 7),
        (8, "none", 0),
    ],
)
def test_quorum_needed(enrolled, rule, needed):
    assert rules.quorum_needed(enrolled, rule) == needed


ARR = T(2016, 3, 18, 16, 0)


@pytest.mark.parametrize(
    ("presence", "moment", "expected"),
    [
        (rules.Presence(1, "present"), T(2016, 3, 18, 17, 0), True),
        (rules.Presence(1, "absent"), T(2016, 3, 18, 17, 0), False),
        (rules.Presence(1, "excused"), None, False),
        (
            rules.Presence(1, "present", arrived_at=T(2016, 3, 18, 17, 30)),
            T(2016, 3, 18, 17, 0),
            False,
        ),  # late
        (rules.Presence(1, "present", arrived_at=T(2016, 3, 18, 16, 30)), T(2016, 3, 18, 17, 0), True),
        (
            rules.Presence(1, "present", left_at=T(2016, 3, 18, 16, 45)),
            T(2016, 3, 18, 17, 0),
            False,
        ),  # left early
        (rules.Presence(1, "present", left_at=T(2016, 3, 18, 17, 0)), T(2016, 3, 18, 17, 0), False),
        (rules.Presence(1, "present", left_at=T(2016, 3, 18, 17, 1)), T(2016, 3, 18, 17, 0), True),
    ],
)
def test_is_present_at_moment(presence, moment, expected):
    assert rules.is_present_at(presence, moment) is expected


def test_recused_member_counts_for_quorum_but_not_voting():
    present = {1, 2, 3, 4, 5, 6, 7, 8}
    assert rules.quorum_state(enrolled=15, present=len(present), quorum_rule="enrolled_majority").met
    assert rules.eligible_voters(present, {8}) == frozenset({1, 2, 3, 4, 5, 6, 7})


@pytest.mark.parametrize(("n", "expected"), [(15, 10), (9, 6), (10, 7), (3, 2), (1, 1)])
def test_two_thirds_of(n, expected):
    assert rules.two_thirds_of(n) == expected


BASE = {"enrolled": 15, "quorum_rule": "enrolled_majority", "tie_rule": "reject"}


@pytest.mark.parametrize(
    ("kw", "passed", "required", "label"),
    [
        # present majority: 12 present and voting → 7 needed; abstentions count as present, not yes.
        (
            {
                "yes": 7,
                "no": 4,
                "abstain": 1,
                "present": 12,
                "voting": 12,
                "decision_rule": "present_majority",
            },
            True,
            7,
            "가결",
        ),
        (
            {
                "yes": 6,
                "no": 4,
                "abstain": 2,
                "present": 12,
                "voting": 12,
                "decision_rule": "present_majority",
            },
            False,
            7,
            "부결",
        ),
        # a recusal lowers the voters: 12 present, 1 recused → 11 voting → 6 needed.
        (
            {
                "yes": 6,
                "no": 5,
                "abstain": 0,
                "present": 12,
                "voting": 11,
                "decision_rule": "present_majority",
            },
            True,
            6,
            "가결",
        ),
        # two thirds of present: 12 → 8
        (
            {
                "yes": 8,
                "no": 4,
                "abstain": 0,
                "present": 12,
                "voting": 12,
                "decision_rule": "two_thirds_present",
            },
            True,
            8,
            "가결",
        ),
        (
            {
                "yes": 7,
                "no": 5,
                "abstain": 0,
                "present": 12,
                "voting": 12,
                "decision_rule": "two_thirds_present",
            },
            False,
            8,
            "부결",
        ),
        # majority of 재적: 15 → 8 whatever the attendance
        (
            {
                "yes": 7,
                "no": 0,
                "abstain": 1,
                "present": 8,
                "voting": 8,
                "decision_rule": "enrolled_majority",
            },
            False,
            8,
            "부결",
        ),
        (
            {
                "yes": 8,
                "no": 1,
                "abstain": 0,
                "present": 9,
                "voting": 9,
                "decision_rule": "enrolled_majority",
            },
            True,
            8,
            "가결",
        ),
        # tie rejected by default
        (
            {
                "yes": 5,
                "no": 5,
                "abstain": 0,
                "present": 10,
                "voting": 10,
                "decision_rule": "present_majority",
            },
            False,
            6,
            "부결 (가부동수)",
        ),
    ],
)
def test_vote_outcome_table(kw, passed, required, label):
    outcome = rules.vote_outcome(**BASE, **kw)
    assert (outcome.passed, outcome.required, outcome.label) == (passed, required, label)


@pytest.mark.parametrize(("casting", "passed"), [(True, True), (False, False)])
def test_tie_chair_decides(casting, passed):
    outcome = rules.vote_outcome(
        yes=5,
        no=5,
        abstain=0,
        enrolled=15,
        present=10,
        voting=10,
        quorum_rule="enrolled_majority",
        decision_rule="present_majority",
        tie_rule="chair_decides",
        chair_casting=casting,
    )
    assert (outcome.passed, outcome.tie, outcome.decided_by_chair) == (passed, True, True)


@pytest.mark.parametrize(
    ("decision_rule", "yes", "no", "enrolled"),
    [("two_thirds_present", 3, 3, 7), ("enrolled_majority", 3, 3, 7)],
)
def test_tie_chair_casting_vote_cannot_carry_a_stricter_rule(decision_rule, yes, no, enrolled):
    outcome = rules.vote_outcome(
        yes=yes,
        no=no,
        abstain=0,
        enrolled=enrolled,
        present=6,
        voting=6,
        quorum_rule="enrolled_majority",
        decision_rule=decision_rule,
        tie_rule="chair_decides",
        chair_casting=True,
    )
    assert (outcome.passed, outcome.decided_by_chair) == (False, False)


def test_tie_chair_decides_requires_the_casting_vote():
    with pytest.raises(rules.VoteError, match="위원장의 결정"):
        rules.vote_outcome(
            yes=5,
            no=5,
            abstain=0,
            enrolled=15,
            present=10,
            voting=10,
            quorum_rule="enrolled_majority",
            decision_rule="present_majority",
            tie_rule="chair_decides",
        )


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"yes": 8, "no": 4, "abstain": 1, "present": 12, "voting": 12}, "투표 수\\(13\\)"),
        ({"yes": 6, "no": 5, "abstain": 1, "present": 12, "voting": 11}, "투표 수\\(12\\)"),  # recused voted
        ({"yes": 5, "no": 1, "abstain": 0, "present": 7, "voting": 7}, "의사정족수\\(8명\\)"),  # left early
        ({"yes": -1, "no": 0, "abstain": 0, "present": 9, "voting": 9}, "0 이상"),
    ],
)
def test_vote_outcome_refuses_impossible_totals(kw, message):
    with pytest.raises(rules.VoteError, match=message):
        rules.vote_outcome(**BASE, decision_rule="present_majority", **kw)


def test_body_without_quorum_can_vote_with_few():
    outcome = rules.vote_outcome(
        yes=2,
        no=0,
        abstain=0,
        enrolled=8,
        present=2,
        voting=2,
        quorum_rule="none",
        decision_rule="present_majority",
        tie_rule="reject",
    )
    assert outcome.passed is True


@pytest.mark.parametrize(("counts", "voting", "winner"), [({1: 7, 2: 6}, 13, 1), ({1: 3, 2: 10}, 13, 2)])
def test_election_winner(counts, voting, winner):
    assert rules.election_winner(counts, voting=voting) == winner


@pytest.mark.parametrize(("counts", "voting"), [({1: 6, 2: 6}, 13), ({1: 10, 2: 5}, 13)])
def test_election_refused(counts, voting):
    with pytest.raises(rules.VoteError):
        rules.election_winner(counts, voting=voting)


@pytest.mark.parametrize(
    ("signatures", "enrolled", "ok"), [(5, 15, True), (4, 15, False), (5, 14, True), (4, 12, True)]
)
def test_convening_satisfied_at_one_third(signatures, enrolled, ok):
    assert rules.convening_satisfied(signatures, enrolled=enrolled, numerator=1, denominator=3) is ok


@pytest.mark.parametrize(
    ("notice", "meeting", "short"),
    [(dt.date(2016, 1, 10), dt.date(2016, 1, 15), False), (dt.date(2016, 1, 11), dt.date(2016, 1, 15), True)],
)
def test_notice_is_short(notice, meeting, short):
    assert rules.notice_is_short(notice_date=notice, meeting_date=meeting, notice_days=5) is short


# --- Issue 10 §3: opening quorum and deciding attendance, casting vote, written resolutions ---------

MAJ, THIRD, NONE = "enrolled_majority", "enrolled_one_third", "none"


@pytest.mark.parametrize(
    ("enrolled", "majority", "one_third"),
    [
        (0, 1, 1),  # nobody in office: a sitting can never open
        (1, 1, 1),
        (2, 2, 1),
        (3, 2, 1),
        (4, 3, 2),
        (5, 3, 2),
        (6, 4, 2),
        (7, 4, 3),
        (14, 8, 5),
        (15, 8, 5),  # 지방자치법 제72조: 재적 1/3 이상 = ceil(15/3) = 5
        (16, 9, 6),
    ],
)
def test_opening_quorum_needed(enrolled, majority, one_third):
    assert rules.opening_quorum_needed(enrolled, MAJ) == majority
    assert rules.opening_quorum_needed(enrolled, THIRD) == one_third
    assert rules.opening_quorum_needed(enrolled, NONE) == 0
    # the old name answers the same for its callers, the new value included
    assert rules.quorum_needed(enrolled, THIRD) == one_third


@pytest.mark.parametrize(
    ("enrolled", "rule", "opening_rule", "needed"),
    [
        (15, "same_as_opening", MAJ, 8),
        (15, "same_as_opening", THIRD, 5),
        (15, "same_as_opening", NONE, 0),
        (15, "enrolled_majority", THIRD, 8),  # 지방자치법 제72조·제73조: opens with 5, decides with 8
        (14, "enrolled_majority", THIRD, 8),
        (3, "enrolled_majority", NONE, 2),
        (2, "enrolled_majority", NONE, 2),
        (1, "enrolled_majority", NONE, 1),
        (0, "enrolled_majority", NONE, 1),
        (15, "none", MAJ, 0),
        (0, "none", THIRD, 0),
    ],
)
def test_deciding_attendance_needed(enrolled, rule, opening_rule, needed):
    assert rules.deciding_attendance_needed(enrolled, rule, opening_rule=opening_rule) == needed


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (rules.opening_quorum_needed, (15, "two_fifths")),
        (rules.opening_quorum_needed, (-1, MAJ)),
        (rules.deciding_attendance_needed, (15, "always")),
    ],
)
def test_attendance_rules_refuse_unknown_rules_and_negative_counts(call, args):
    with pytest.raises(ValueError):
        call(*args, opening_rule=MAJ) if call is rules.deciding_attendance_needed else call(*args)


@pytest.mark.parametrize(
    ("enrolled", "present", "eligible", "opening", "deciding", "ok", "reason", "needed"),
    [
        # 제72조·제73조 body of 15: open with 5, decide with 8
        (15, 5, 5, THIRD, "enrolled_majority", False, "rejected_deciding_attendance", 8),
        (15, 7, 7, THIRD, "enrolled_majority", False, "rejected_deciding_attendance", 8),
        (15, 8, 8, THIRD, "enrolled_majority", True, "can_decide", 8),
        (15, 4, 4, THIRD, "enrolled_majority", False, "no_quorum", 5),
        # today's default: the opening majority must still hold at each vote
        (15, 8, 8, MAJ, "same_as_opening", True, "can_decide", 8),
        (15, 7, 7, MAJ, "same_as_opening", False, "no_quorum", 8),
        (15, 5, 5, THIRD, "same_as_opening", True, "can_decide", 5),
        # recused members count as present, but someone must be able to vote
        (15, 8, 0, MAJ, "same_as_opening", False, "no_eligible_voters", 1),
        (15, 8, 1, MAJ, "same_as_opening", True, "can_decide", 8),
        (0, 0, 0, NONE, "none", False, "no_eligible_voters", 1),
        (1, 1, 1, MAJ, "same_as_opening", True, "can_decide", 1),
        (2, 1, 1, MAJ, "same_as_opening", False, "no_quorum", 2),
        (3, 1, 1, THIRD, "enrolled_majority", False, "rejected_deciding_attendance", 2),
        (3, 2, 2, THIRD, "enrolled_majority", True, "can_decide", 2),
        (15, 1, 1, NONE, "none", True, "can_decide", 0),
    ],
)
def test_can_decide(enrolled, present, eligible, opening, deciding, ok, reason, needed):
    result = rules.can_decide(
        enrolled=enrolled, present=present, eligible=eligible, opening_rule=opening, deciding_rule=deciding
    )
    assert (result.ok, result.reason, result.needed) == (ok, reason, needed)


@pytest.mark.parametrize(("present", "eligible"), [(-1, 0), (3, 4), (3, -1)])
def test_can_decide_refuses_impossible_counts(present, eligible):
    with pytest.raises(rules.VoteError):
        rules.can_decide(
            enrolled=15, present=present, eligible=eligible, opening_rule=MAJ, deciding_rule="same_as_opening"
        )


@pytest.mark.parametrize(
    ("tie_rule", "casting_rule", "chair_voted", "may"),
    [
        ("reject", "second_vote", False, False),
        ("reject", "if_not_voted", False, False),
        ("reject", "second_vote", True, False),
        ("chair_decides", "second_vote", True, True),  # only where the body's rule says so
        ("chair_decides", "second_vote", False, True),
        ("chair_decides", "if_not_voted", False, True),
        ("chair_decides", "if_not_voted", True, False),  # no second vote
    ],
)
def test_chair_may_cast(tie_rule, casting_rule, chair_voted, may):
    assert (
        rules.chair_may_cast(tie_rule=tie_rule, casting_vote_rule=casting_rule, chair_voted=chair_voted)
        is may
    )


def test_chair_may_cast_refuses_unknown_rules():
    with pytest.raises(ValueError):
        rules.chair_may_cast(tie_rule="coin_toss", casting_vote_rule="second_vote", chair_voted=False)
    with pytest.raises(ValueError):
        rules.chair_may_cast(tie_rule="chair_decides", casting_vote_rule="twice", chair_voted=False)


DEFAULTS = {
    "enrolled": 15,
    "present": 12,
    "voting": 12,
    "opening_rule": MAJ,
    "deciding_rule": "same_as_opening",
    "decision_rule": "present_majority",
    "tie_rule": "reject",
    "casting_vote_rule": "second_vote",
    "chair_voted": True,
}


@pytest.mark.parametrize(
    ("kw", "passed", "reason", "label"),
    [
        ({"yes": 7, "no": 4, "abstain": 1}, True, "passed", "가결"),
        (
            {"yes": 6, "no": 4, "abstain": 2},
            False,
            "rejected_no_majority_present",
            "부결: 출석위원 과반수 찬성 미달",
        ),
        ({"yes": 6, "no": 6, "abstain": 0}, False, "rejected_tie", "부결 (가부동수)"),
        (
            {"yes": 0, "no": 0, "abstain": 12},
            False,
            "rejected_no_majority_present",
            "부결: 출석위원 과반수 찬성 미달",
        ),
        # a tie under a stricter rule fails by that rule, not by the tie
        (
            {"yes": 6, "no": 6, "abstain": 0, "decision_rule": "enrolled_majority"},
            False,
            "rejected_no_majority_enrolled",
            "부결: 재적 과반수 찬성 미달",
        ),
        (
            {"yes": 6, "no": 6, "abstain": 0, "decision_rule": "two_thirds_present"},
            False,
            "rejected_no_two_thirds_present",
            "부결: 출석위원 3분의 2 찬성 미달",
        ),
        ({"yes": 8, "no": 4, "abstain": 0, "decision_rule": "two_thirds_present"}, True, "passed", "가결"),
        (
            {
                "yes": 8,
                "no": 0,
                "abstain": 0,
                "present": 8,
                "voting": 8,
                "decision_rule": "enrolled_majority",
            },
            True,
            "passed",
            "가결",
        ),
        # 제72조·제73조: a sitting of 7 of 15 opened (1/3) but cannot decide, whatever the votes
        (
            {
                "yes": 7,
                "no": 0,
                "abstain": 0,
                "present": 7,
                "voting": 7,
                "opening_rule": THIRD,
                "deciding_rule": "enrolled_majority",
            },
            False,
            "rejected_deciding_attendance",
            "부결: 재적 과반수 출석 미달",
        ),
        (
            {
                "yes": 5,
                "no": 3,
                "abstain": 0,
                "present": 8,
                "voting": 8,
                "opening_rule": THIRD,
                "deciding_rule": "enrolled_majority",
            },
            True,
            "passed",
            "가결",
        ),
        (
            {"yes": 4, "no": 3, "abstain": 0, "present": 7, "voting": 7},
            False,
            "no_quorum",
            "표결 불가: 개의정족수 미달",
        ),
        (
            {"yes": 0, "no": 0, "abstain": 0, "voting": 0},
            False,
            "no_eligible_voters",
            "표결 불가: 표결할 수 있는 위원 없음",
        ),
        # 1, 2 and 3 enrolled
        ({"yes": 1, "no": 0, "abstain": 0, "enrolled": 1, "present": 1, "voting": 1}, True, "passed", "가결"),
        (
            {"yes": 1, "no": 1, "abstain": 0, "enrolled": 2, "present": 2, "voting": 2},
            False,
            "rejected_tie",
            "부결 (가부동수)",
        ),
        ({"yes": 2, "no": 1, "abstain": 0, "enrolled": 3, "present": 3, "voting": 3}, True, "passed", "가결"),
        (
            {"yes": 1, "no": 0, "abstain": 1, "enrolled": 3, "present": 2, "voting": 2},
            False,
            "rejected_no_majority_present",
            "부결: 출석위원 과반수 찬성 미달",
        ),
    ],
)
def test_vote_result_table(kw, passed, reason, label):
    result = rules.vote_result(**{**DEFAULTS, **kw})
    assert (result.passed, result.reason, result.label) == (passed, reason, label)
    assert (reason in rules.PASSING_REASONS) is passed


@pytest.mark.parametrize(
    ("casting_rule", "chair_voted", "casting", "reason"),
    [
        ("second_vote", True, True, "tie_broken_by_chair_yes"),
        ("second_vote", True, False, "tie_broken_by_chair_no"),
        ("if_not_voted", False, True, "tie_broken_by_chair_yes"),
        ("if_not_voted", False, False, "tie_broken_by_chair_no"),
        ("if_not_voted", True, True, "rejected_tie"),  # the chair voted: no second vote, casting ignored
        ("if_not_voted", True, None, "rejected_tie"),
    ],
)
def test_vote_result_casting_vote(casting_rule, chair_voted, casting, reason):
    # 5–5 with the chair not voting leaves 11 eligible; 6–6 with the chair among them
    yes_no = 6 if chair_voted else 5
    result = rules.vote_result(
        **{
            **DEFAULTS,
            "voting": 12 if chair_voted else 11,
            "present": 12,
            "tie_rule": "chair_decides",
            "casting_vote_rule": casting_rule,
            "chair_voted": chair_voted,
        },
        yes=yes_no,
        no=yes_no,
        abstain=0,
        chair_casting=casting,
    )
    assert result.reason == reason
    assert result.passed is (reason == "tie_broken_by_chair_yes")


def test_vote_result_asks_for_the_casting_vote_when_the_chair_may_cast():
    with pytest.raises(rules.VoteError, match="위원장의 결정"):
        rules.vote_result(**{**DEFAULTS, "tie_rule": "chair_decides"}, yes=6, no=6, abstain=0)


def test_vote_result_casting_vote_cannot_carry_a_stricter_rule():
    result = rules.vote_result(
        **{**DEFAULTS, "tie_rule": "chair_decides", "decision_rule": "enrolled_majority"},
        yes=6,
        no=6,
        abstain=0,
        chair_casting=True,
    )
    assert (result.passed, result.reason) == (False, "rejected_no_majority_enrolled")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"yes": -1, "no": 0, "abstain": 0}, "0 이상"),
        ({"yes": 7, "no": 5, "abstain": 1}, "투표 수"),
        ({"yes": 1, "no": 0, "abstain": 0, "present": 3, "voting": 4}, "출석 인원보다"),
    ],
)
def test_vote_result_refuses_impossible_totals(kw, message):
    with pytest.raises(rules.VoteError, match=message):
        rules.vote_result(**{**DEFAULTS, **kw})


WRITTEN_MAJ, WRITTEN_REPLIES = "enrolled_majority_yes", "replies_then_yes"


@pytest.mark.parametrize(
    ("kw", "passed", "reason", "base", "replies_required", "yes_required"),
    [
        # 재적 과반수 찬성: 15 → 8
        ({"enrolled_at_deadline": 15, "replies": 10, "yes": 8, "no": 2}, True, "passed", 15, 0, 8),
        (
            {"enrolled_at_deadline": 15, "replies": 12, "yes": 7, "no": 5},
            False,
            "rejected_no_majority_enrolled",
            15,
            0,
            8,
        ),
        ({"enrolled_at_deadline": 15, "replies": 14, "yes": 7, "no": 7}, False, "rejected_tie", 15, 0, 8),
        # a recused member is out of the base, as at a sitting: 16 − 2 = 14 → 8; 15 − 1 = 14 → 8
        ({"enrolled_at_deadline": 16, "recused": 2, "replies": 8, "yes": 8}, True, "passed", 14, 0, 8),
        (
            {"enrolled_at_deadline": 15, "recused": 1, "replies": 14, "yes": 7, "no": 7},
            False,
            "rejected_tie",
            14,
            0,
            8,
        ),
        ({"enrolled_at_deadline": 3, "recused": 1, "replies": 2, "yes": 2}, True, "passed", 2, 0, 2),
        # edge cases 0, 1, 2, 3
        ({"enrolled_at_deadline": 0, "replies": 0}, False, "rejected_no_majority_enrolled", 0, 0, 1),
        ({"enrolled_at_deadline": 1, "replies": 1, "yes": 1}, True, "passed", 1, 0, 1),
        ({"enrolled_at_deadline": 2, "replies": 2, "yes": 1, "no": 1}, False, "rejected_tie", 2, 0, 2),
        ({"enrolled_at_deadline": 3, "replies": 2, "yes": 2}, True, "passed", 3, 0, 2),
        # two thirds of 재적 where the body's rule is two thirds: 15 → 10
        (
            {
                "enrolled_at_deadline": 15,
                "replies": 15,
                "yes": 10,
                "no": 5,
                "decision_rule": "two_thirds_present",
            },
            True,
            "passed",
            15,
            0,
            10,
        ),
        (
            {
                "enrolled_at_deadline": 15,
                "replies": 15,
                "yes": 9,
                "no": 6,
                "decision_rule": "two_thirds_present",
            },
            False,
            "rejected_no_two_thirds_enrolled",
            15,
            0,
            10,
        ),
        # 재적 과반수 회신, 회신 과반수 찬성: 15 → 8 replies, then a majority of them
        (
            {"rule": WRITTEN_REPLIES, "enrolled_at_deadline": 15, "replies": 8, "yes": 5, "no": 3},
            True,
            "passed",
            15,
            8,
            5,
        ),
        (
            {"rule": WRITTEN_REPLIES, "enrolled_at_deadline": 15, "replies": 7, "yes": 7},
            False,
            "rejected_too_few_replies",
            15,
            8,
            4,
        ),
        (
            {
                "rule": WRITTEN_REPLIES,
                "enrolled_at_deadline": 15,
                "replies": 9,
                "yes": 4,
                "no": 3,
                "abstain": 2,
            },
            False,
            "rejected_no_majority_replies",
            15,
            8,
            5,
        ),
        (
            {"rule": WRITTEN_REPLIES, "enrolled_at_deadline": 15, "replies": 10, "yes": 5, "no": 5},
            False,
            "rejected_tie",
            15,
            8,
            6,
        ),
        (
            {
                "rule": WRITTEN_REPLIES,
                "enrolled_at_deadline": 15,
                "recused": 1,
                "replies": 8,
                "yes": 5,
                "no": 3,
            },
            True,
            "passed",
            14,
            8,
            5,
        ),
        (
            {
                "rule": WRITTEN_REPLIES,
                "enrolled_at_deadline": 15,
                "replies": 9,
                "yes": 6,
                "no": 3,
                "decision_rule": "two_thirds_present",
            },
            True,
            "passed",
            15,
            8,
            6,
        ),
        (
            {
                "rule": WRITTEN_REPLIES,
                "enrolled_at_deadline": 15,
                "replies": 9,
                "yes": 5,
                "no": 4,
                "decision_rule": "two_thirds_present",
            },
            False,
            "rejected_no_two_thirds_replies",
            15,
            8,
            6,
        ),
        (
            {"rule": WRITTEN_REPLIES, "enrolled_at_deadline": 0, "replies": 0},
            False,
            "rejected_too_few_replies",
            0,
            1,
            1,
        ),
        (
            {"rule": WRITTEN_REPLIES, "enrolled_at_deadline": 1, "replies": 1, "yes": 1},
            True,
            "passed",
            1,
            1,
            1,
        ),
        (
            {"rule": WRITTEN_REPLIES, "enrolled_at_deadline": 2, "replies": 2, "yes": 1, "no": 1},
            False,
            "rejected_tie",
            2,
            2,
            2,
        ),
        (
            {"rule": WRITTEN_REPLIES, "enrolled_at_deadline": 3, "replies": 2, "yes": 1, "abstain": 1},
            False,
            "rejected_no_majority_replies",
            3,
            2,
            2,
        ),
    ],
)
def test_written_outcome_v2_table(kw, passed, reason, base, replies_required, yes_required):
    args = {"rule": WRITTEN_MAJ, "recused": 0, "yes": 0, "no": 0, "abstain": 0, **kw}
    result = rules.written_outcome_v2(**args)
    assert (result.passed, result.reason, result.base, result.replies_required, result.yes_required) == (
        passed,
        reason,
        base,
        replies_required,
        yes_required,
    )


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"yes": -1, "replies": 0}, "0 이상"),
        ({"recused": 16, "replies": 0}, "재적보다"),
        ({"yes": 3, "no": 2, "replies": 4}, "회신 수보다"),
        ({"recused": 2, "replies": 14, "yes": 14}, "응답 가능한"),
    ],
)
def test_written_outcome_v2_refuses_impossible_counts(kw, message):
    args = {
        "enrolled_at_deadline": 15,
        "recused": 0,
        "yes": 0,
        "no": 0,
        "abstain": 0,
        "rule": WRITTEN_MAJ,
        **kw,
    }
    with pytest.raises(rules.VoteError, match=message):
        rules.written_outcome_v2(**args)


def test_written_outcome_v2_refuses_an_unknown_rule():
    with pytest.raises(ValueError):
        rules.written_outcome_v2(
            enrolled_at_deadline=3, recused=0, replies=0, yes=0, no=0, abstain=0, rule="x"
        )


def test_outcome_label_covers_every_reason_and_refuses_unknown():
    reasons = [
        v
        for k, v in vars(rules).items()
        if k.isupper()
        and isinstance(v, str)
        and (k.startswith(("REJECTED_", "TIE_BROKEN_", "NO_")) or k in {"PASSED", "CAN_DECIDE"})
    ]
    assert len(reasons) == 15
    assert all(rules.outcome_label(r) for r in reasons)
    with pytest.raises(ValueError):
        rules.outcome_label("maybe")


def test_rule_values_match_the_body_choices():
    assert set(Body.QuorumRule.values) == {rules.QUORUM_ENROLLED_MAJORITY, rules.QUORUM_NONE, THIRD}
    assert set(Body.DecidingAttendanceRule.values) == {
        rules.DECIDING_SAME_AS_OPENING,
        rules.DECIDING_ENROLLED_MAJORITY,
        rules.DECIDING_NONE,
    }
    assert set(Body.CastingVoteRule.values) == {rules.CASTING_SECOND_VOTE, rules.CASTING_IF_NOT_VOTED}
    assert set(Body.WrittenRule.values) == {
        rules.WRITTEN_ENROLLED_MAJORITY_YES,
        rules.WRITTEN_REPLIES_THEN_YES,
    }
    # the defaults keep today's behaviour: opening majority held at each vote, the chair's tie-break
    # asked whenever the body lets the chair decide, written resolutions by a majority of 재적
    defaults = {f.name: f.default for f in Body._meta.fields}
    assert defaults["quorum_rule"] == rules.QUORUM_ENROLLED_MAJORITY
    assert defaults["deciding_attendance_rule"] == rules.DECIDING_SAME_AS_OPENING
    assert defaults["casting_vote_rule"] == rules.CASTING_SECOND_VOTE
    assert defaults["written_rule"] == rules.WRITTEN_ENROLLED_MAJORITY_YES


# --- Properties (Hypothesis) -----------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=500)
opening_rules = st.sampled_from([MAJ, THIRD, NONE])
deciding_rules = st.sampled_from(["same_as_opening", "enrolled_majority", "none"])
decision_rules = st.sampled_from(["present_majority", "two_thirds_present", "enrolled_majority"])


@given(voting=counts, enrolled=counts, rule=st.sampled_from(["present_majority", "two_thirds_present"]))
def test_yes_required_never_exceeds_voting_plus_one(voting, enrolled, rule):
    assert 1 <= rules.yes_required(rule, voting=voting, enrolled=enrolled) <= voting + 1


@given(enrolled=counts, rule=opening_rules)
def test_opening_quorum_is_monotone_and_never_above_the_enrolled(enrolled, rule):
    needed = rules.opening_quorum_needed(enrolled, rule)
    assert needed <= max(1, enrolled)
    assert needed <= rules.opening_quorum_needed(enrolled + 1, rule)
    # one third never asks for more than a majority
    assert rules.opening_quorum_needed(enrolled, THIRD) <= rules.opening_quorum_needed(enrolled, MAJ)


@given(
    data=st.data(),
    enrolled=counts,
    opening=opening_rules,
    deciding=deciding_rules,
    decision=decision_rules,
    tie_rule=st.sampled_from(["reject", "chair_decides"]),
    casting_rule=st.sampled_from(["second_vote", "if_not_voted"]),
    chair_voted=st.booleans(),
    chair_casting=st.booleans(),
)
def test_vote_result_never_raises_on_possible_counts(
    data, enrolled, opening, deciding, decision, tie_rule, casting_rule, chair_voted, chair_casting
):
    present = data.draw(st.integers(min_value=0, max_value=enrolled))
    voting = data.draw(st.integers(min_value=0, max_value=present))
    yes = data.draw(st.integers(min_value=0, max_value=voting))
    no = data.draw(st.integers(min_value=0, max_value=voting - yes))
    abstain = data.draw(st.integers(min_value=0, max_value=voting - yes - no))
    result = rules.vote_result(
        yes=yes,
        no=no,
        abstain=abstain,
        enrolled=enrolled,
        present=present,
        voting=voting,
        opening_rule=opening,
        deciding_rule=deciding,
        decision_rule=decision,
        tie_rule=tie_rule,
        casting_vote_rule=casting_rule,
        chair_voted=chair_voted,
        chair_casting=chair_casting,
    )
    assert result.passed is (result.reason in rules.PASSING_REASONS)
    assert result.label
    if result.reason == rules.PASSED:
        assert yes >= result.required
    if result.passed:
        decidable = rules.can_decide(
            enrolled=enrolled, present=present, eligible=voting, opening_rule=opening, deciding_rule=deciding
        )
        assert decidable.ok
        assert present >= rules.deciding_attendance_needed(enrolled, deciding, opening_rule=opening)
    if result.reason.startswith("tie_broken"):
        assert yes == no > 0 and decision == "present_majority" and tie_rule == "chair_decides"


@given(
    data=st.data(),
    enrolled=counts,
    rule=st.sampled_from([WRITTEN_MAJ, WRITTEN_REPLIES]),
    decision=decision_rules,
)
def test_written_outcome_v2_never_raises_on_possible_counts(data, enrolled, rule, decision):
    recused = data.draw(st.integers(min_value=0, max_value=enrolled))
    replies = data.draw(st.integers(min_value=0, max_value=enrolled - recused))
    yes = data.draw(st.integers(min_value=0, max_value=replies))
    no = data.draw(st.integers(min_value=0, max_value=replies - yes))
    abstain = data.draw(st.integers(min_value=0, max_value=replies - yes - no))
    result = rules.written_outcome_v2(
        enrolled_at_deadline=enrolled,
        recused=recused,
        replies=replies,
        yes=yes,
        no=no,
        abstain=abstain,
        rule=rule,
        decision_rule=decision,
    )
    assert result.base == enrolled - recused
    assert result.passed is (result.reason == rules.PASSED)
    if result.passed:
        # never carried by fewer than a majority of those who could answer, nor by a minority of replies
        assert yes > no
        assert replies >= rules.committee_rules.majority_of(result.base)
    if rule == WRITTEN_MAJ and result.passed:
        assert yes > result.base / 2


# --- the lifecycle table -----------------------------------------------------------------------------

LIFECYCLE_CASES = [
    # action, state, started, locked → refusal
    ("notice", "planned", False, False, None),
    ("notice", "cancelled", False, False, "state"),
    ("cancel", "held", True, False, "state"),
    ("mark_held", "notice_sent", False, False, "not_started"),
    ("mark_held", "notice_sent", True, False, None),
    ("mark_held", "planned", True, False, "state"),
    ("vote", "held", True, False, None),
    ("vote", "minutes_draft", True, False, None),
    ("vote", "no_quorum", True, False, "state"),
    ("vote", "notice_sent", True, False, "state"),
    ("vote", "minutes_approved", True, False, "state"),
    ("vote", "held", True, True, "locked"),
    ("election", "no_quorum", True, False, "state"),
    ("agenda_edit", "minutes_locked", True, True, "locked"),
    ("agenda_edit", "minutes_approved", True, False, "state"),
    ("agenda_publish", "cancelled", False, False, "state"),
    ("attendance", "minutes_approved", True, False, "state"),
    ("attendance", "notice_sent", False, False, "not_started"),
    ("minutes_save", "held", True, False, None),
    ("minutes_save", "no_quorum", True, False, None),
    ("minutes_save", "notice_sent", True, False, "state"),
    ("minutes_approve", "minutes_draft", False, False, "not_started"),
    ("minutes_approve", "minutes_draft", True, False, None),
    ("minutes_lock", "minutes_approved", True, False, None),
    ("minutes_lock", "minutes_draft", True, False, "state"),
    ("minutes_correct", "minutes_locked", True, True, None),
    ("minutes_correct", "minutes_approved", True, False, "not_locked"),
    ("written_open", "minutes_locked", True, True, "locked"),
]


@pytest.mark.parametrize(("action", "state", "started", "locked", "expected"), LIFECYCLE_CASES)
def test_action_refusal_follows_the_lifecycle_table(action, state, started, locked, expected):
    assert rules.action_refusal(action=action, state=state, started=started, locked=locked) == expected


@pytest.mark.parametrize(
    ("action", "state", "expected"),
    [
        ("notice", "planned", "notice_sent"),
        ("mark_held", "notice_sent", "held"),
        ("mark_no_quorum", "held", "no_quorum"),
        ("minutes_save", "held", "minutes_draft"),
        ("minutes_save", "minutes_draft", "minutes_draft"),
        ("minutes_save", "no_quorum", "no_quorum"),
        ("minutes_approve", "minutes_draft", "minutes_approved"),
        ("minutes_lock", "minutes_approved", "minutes_locked"),
        ("vote", "held", "held"),
    ],
)
def test_next_state(action, state, expected):
    assert rules.next_state(action, state) == expected


def test_every_action_has_a_state_and_no_unknown_states():
    states = {
        rules.PLANNED,
        rules.NOTICE_SENT,
        rules.HELD,
        rules.MINUTES_DRAFT,
        rules.MINUTES_APPROVED,
        rules.MINUTES_LOCKED,
        rules.CANCELLED,
        rules.NO_QUORUM,
    }
    for allowed, _needs_start in rules.ACTIONS.values():
        assert allowed and allowed <= states
    for (action, state), to in rules.NEXT_STATE.items():
        assert action in rules.ACTIONS and state in states and to in states
