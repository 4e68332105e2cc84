import datetime as dt

import pytest

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
