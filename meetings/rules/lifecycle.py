"""One transition table per meeting, enforced by the services inside their transaction under a row lock
on the meeting (meetings.services.guard). A meeting moves planned → notice_sent → held → minutes_draft
→ minutes_approved → minutes_locked; it may be cancelled before it is held, and a meeting that never
reached its quorum is recorded as 유회 (no_quorum): it holds no vote or election, and its minutes say so.
"""

from __future__ import annotations

PLANNED = "planned"
NOTICE_SENT = "notice_sent"
HELD = "held"
MINUTES_DRAFT = "minutes_draft"
MINUTES_APPROVED = "minutes_approved"
MINUTES_LOCKED = "minutes_locked"
CANCELLED = "cancelled"
NO_QUORUM = "no_quorum"

_BEFORE = frozenset({PLANNED, NOTICE_SENT})
_SITTING = frozenset({HELD, MINUTES_DRAFT})

# action → the states in which it may be taken, and whether the meeting must have started
ACTIONS: dict[str, tuple[frozenset[str], bool]] = {
    "notice": (_BEFORE, False),
    "reschedule": (_BEFORE, False),
    "cancel": (_BEFORE, False),
    "agenda_edit": (_BEFORE | _SITTING, False),
    "agenda_publish": (_BEFORE | {HELD}, False),
    "attachment_add": (_BEFORE | _SITTING, False),
    "observer_add": (_BEFORE | _SITTING | {NO_QUORUM}, False),
    "recusal_add": (_BEFORE | _SITTING, False),
    # 이해충돌: members declare before the meeting (the start time is checked by the service, see
    # rules.declaration_open); 기피 신청 and the secretary's decisions are possible until the minutes lock
    "interest_declare": (_BEFORE, False),
    "challenge_file": (_BEFORE | _SITTING, False),
    "interest_decide": (_BEFORE | _SITTING, False),
    "attendance": (_BEFORE | _SITTING | {NO_QUORUM}, True),
    "mark_held": (frozenset({NOTICE_SENT}), True),
    "mark_no_quorum": (frozenset({NOTICE_SENT, HELD}), True),
    "vote": (_SITTING, True),
    # electronic votes (issue 15 §2): a box is opened and voided only while the meeting sits; members
    # cast while it is open, and closing it records a "vote"
    "evote_open": (_SITTING, True),
    "evote_void": (_SITTING, True),
    # the item under discussion, for the room's screen: once the sitting has begun (before or after
    # "held" is recorded), until its minutes are approved
    "current_item": (frozenset({NOTICE_SENT}) | _SITTING, True),
    # the room's screen link may be made ahead of the sitting (to set up the projector), not after it
    "screen_link": (_BEFORE | _SITTING, False),
    "election": (_SITTING, True),
    "written_open": (_BEFORE | _SITTING, False),
    "written_answer": (_BEFORE | _SITTING, False),
    "written_count": (_BEFORE | _SITTING, False),
    "minutes_save": (_SITTING | {NO_QUORUM}, True),
    "minutes_approve": (frozenset({MINUTES_DRAFT, NO_QUORUM}), True),
    "minutes_lock": (frozenset({MINUTES_APPROVED, NO_QUORUM}), True),
    "minutes_correct": (frozenset({MINUTES_LOCKED, NO_QUORUM}), True),  # and only once locked
}

# the state an action leads to (absent: the state does not change)
NEXT_STATE: dict[tuple[str, str], str] = {
    ("notice", PLANNED): NOTICE_SENT,
    ("notice", NOTICE_SENT): NOTICE_SENT,
    ("cancel", PLANNED): CANCELLED,
    ("cancel", NOTICE_SENT): CANCELLED,
    ("mark_held", NOTICE_SENT): HELD,
    ("mark_no_quorum", NOTICE_SENT): NO_QUORUM,
    ("mark_no_quorum", HELD): NO_QUORUM,
    ("minutes_save", HELD): MINUTES_DRAFT,
    ("minutes_approve", MINUTES_DRAFT): MINUTES_APPROVED,
    ("minutes_lock", MINUTES_APPROVED): MINUTES_LOCKED,
}


def action_refusal(*, action: str, state: str, started: bool, locked: bool) -> str | None:
    """Why `action` may not be taken on a meeting in `state`, or None when it may.

    `started`: the meeting's start time has passed (no "held", no votes, no approval before it);
    `locked`: its minutes are locked (확정), after which only a recorded correction is possible.
    Returns a reason code: "locked", "not_locked" (a correction before locking), "state" or "not_started".
    """
    allowed, needs_start = ACTIONS[action]
    if action == "minutes_correct":
        return None if locked else "not_locked"
    if locked:
        return "locked"
    if state not in allowed:
        return "state"
    if needs_start and not started:
        return "not_started"
    return None


def next_state(action: str, state: str) -> str:
    return NEXT_STATE.get((action, state), state)
