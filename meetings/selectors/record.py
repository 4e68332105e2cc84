"""The meeting record (회의록의 내용) as plain data.

`record_build` reads everything the minutes show (공공기록물법 시행령 제18조②: meeting name, organiser,
date, time and place, attendees and observers, order of proceedings, agenda items, summary of remarks,
decisions and vote details) into one JSON-able dict of strings and numbers. The minutes page, its PDF and
its exports render that dict and nothing else.

While the minutes are open, the dict is built from the live rows on every view. When they are locked,
`minutes_lock` stores it on the minutes (`Minutes.record`) with its SHA-256, and from then on the stored
copy is what is shown: renaming a person, moving a post, back-dating or ending a membership or editing a
body changes nothing in locked minutes, because none of those rows is read again.

Labels are written in Korean whatever the viewer's language: the record is the office's official text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.utils import timezone, translation

from committees.models import Membership
from meetings.models import (
    AgendaItem,
    Attendance,
    ElectionCandidate,
    InterestDeclaration,
    Meeting,
    Minutes,
    NamedBallot,
    RecusalChallenge,
    Vote,
)
from meetings.selectors.meetings import (
    AttendanceRow,
    EnrolledRow,
    any_of,
    attendance_rows,
    enrolled_rows,
    grouped_by,
    items_with_votes,
    observers_of,
    presences,
    quorum_of,
    run_of_show,
)
from seongdong_gov.choices import choice_labels
from seongdong_gov.markup import hm
from seongdong_gov.precompiled import Precompiled
from seongdong_gov.rules import date_dots

# 2: recusal kinds, 이해충돌 declarations and 기피 challenges per item, attendance mode (영상)
RECORD_VERSION = 2


def _day(moment: dt.datetime | None) -> str:
    return date_dots(timezone.localdate(moment)) if moment else ""


def _attendance_lines(enrolled: list[EnrolledRow], attendances: list[AttendanceRow]) -> list[dict]:
    by_member = {a.membership_id: a for a in attendances}
    roles, statuses = choice_labels(Membership.Role), choice_labels(Attendance.Status)
    video = choice_labels(Attendance.Mode)[Attendance.Mode.VIDEO]
    lines = []
    for member in enrolled:
        a = by_member.get(member.membership_id)
        lines.append(
            {
                "membership_id": member.membership_id,
                "name": member.name,
                "affiliation": member.office,
                "body": member.body.name,
                "seat": member.seat_group_label,
                "role": roles.get(member.role, member.role),
                "status": a.status if a else "",
                "status_label": statuses.get(a.status, a.status) if a else "미기록",
                "arrived": hm(a.arrived_at) if a else "",
                "left": hm(a.left_at) if a else "",
                "deputy": a.deputy_name if a else "",
                "mode": a.mode if a else "",
                "mode_label": video if a and a.mode == Attendance.Mode.VIDEO else "",
            }
        )
    return lines


def _vote_line(vote: Vote) -> dict:
    choices = choice_labels(NamedBallot.Choice)
    return {
        "method": vote.method,
        "method_label": vote.method_label,
        "electronic": vote.electronic,
        "taken_at": hm(vote.taken_at),
        "enrolled": vote.enrolled,
        "present": vote.present,
        "voting": vote.voting,
        "yes": vote.yes,
        "no": vote.no,
        "abstain": vote.abstain,
        "required": vote.required,
        "passed": vote.passed,
        "outcome_label": vote.outcome_label,
        "ballots": [
            {
                "name": b.membership.person.name,
                "choice": b.choice,
                "choice_label": choices.get(b.choice, b.choice),
            }
            for b in vote.ballot_list
        ],
    }


def _written_line(item: AgendaItem) -> dict | None:
    written = getattr(item, "written", None)
    if written is None or not written.is_counted:
        return None
    return {
        "deadline": f"{_day(written.deadline)} {hm(written.deadline)}",
        "enrolled": written.enrolled,
        "eligible": written.eligible,
        "yes": written.yes,
        "no": written.no,
        "abstain": written.abstain,
        "required": written.required,
        "passed": written.passed,
        "outcome_label": written.outcome_label,
    }


def _election_line(item: AgendaItem, candidates: dict[int, list]) -> dict | None:
    election = getattr(item, "election", None)
    if election is None:
        return None
    return {
        "winner": election.winner.person.name,
        "role_label": election.get_role_display(),
        "voting": election.voting,
        "candidates": [
            {"name": c.membership.person.name, "votes": c.votes}
            for c in sorted(
                candidates.get(election.pk, []), key=lambda c: (-c.votes, c.membership.person.name)
            )
        ],
    }


def _moment(moment: dt.datetime | None) -> str:
    return f"{_day(moment)} {hm(moment)}" if moment else ""


def _recusal_line(recusal) -> dict:
    return {
        "name": recusal.membership.person.name,
        "kind": recusal.kind,
        "kind_label": recusal.get_kind_display(),
        "reason": recusal.reason,
    }


def _declaration_line(d: InterestDeclaration) -> dict:
    return {
        "name": d.membership.person.name,
        "has_interest": d.has_interest,
        "kind_label": d.get_kind_display() if d.kind else "",
        "description": d.description,
        "asks_step_aside": d.asks_step_aside,
        "declared_at": _moment(d.declared_at),
        "updated_at": _moment(d.updated_at),
    }


def _challenge_line(c: RecusalChallenge) -> dict:
    return {
        "filed_by": c.filed_by.person.name,
        "against": c.against.person.name,
        "reasons": c.reasons,
        "filed_at": _moment(c.filed_at),
        "decision": c.decision,
        "decision_label": c.get_decision_display(),
        "decided_at": _moment(c.decided_at),
        "decided_by": _user_name(c.decided_by),
        "decision_note": c.decision_note,
    }


# what the record adds to the agenda (meetings.selectors.meetings.items_with_votes), one query a kind of
# row keyed by the meeting and compiled once per connection (seongdong_gov.precompiled)
_CANDIDATES = Precompiled(
    lambda meeting_id: ElectionCandidate.objects.filter(election__item__meeting_id=meeting_id).select_related(
        "membership__person"
    )
)
_DECLARATIONS = Precompiled(
    lambda meeting_id: (
        InterestDeclaration.objects.filter(item__meeting_id=meeting_id)
        .select_related("membership__person")
        .order_by("membership__person__name", "pk")
    )
)
_CHALLENGES = Precompiled(
    lambda meeting_id: (
        RecusalChallenge.objects.filter(item__meeting_id=meeting_id)
        .select_related("filed_by__person", "against__person", "decided_by__person")
        .order_by("filed_at", "pk")
    )
)


def _item_lines(meeting: Meeting) -> list[dict]:
    pk = meeting.pk
    items = items_with_votes(meeting)
    elections = any(getattr(item, "election", None) is not None for item in items)
    candidates = grouped_by(_CANDIDATES.rows(meeting_id=pk), "election_id") if elections else {}
    declarations = (
        grouped_by(_DECLARATIONS.rows(meeting_id=pk), "item_id") if any_of(items, "has_declarations") else {}
    )
    challenges = (
        grouped_by(_CHALLENGES.rows(meeting_id=pk), "item_id") if any_of(items, "has_challenges") else {}
    )
    run_of_show(meeting, items)
    return [
        {
            "order": item.order,
            "kind": item.kind,
            "kind_label": item.get_kind_display(),
            "title": item.title,
            "presenter": item.presenter,
            "slot": f"{item.slot_start:%H:%M}–{item.slot_end:%H:%M}",
            "planned_minutes": item.planned_minutes,
            "reason": item.proposal_reason,
            "summary": item.main_content,
            "recusals": [_recusal_line(r) for r in item.recusal_list],
            # 이해충돌 신고 and 기피 신청, kept with the frozen record (never shown on the public site)
            "declarations": [_declaration_line(d) for d in declarations.get(item.pk, [])],
            "challenges": [_challenge_line(c) for c in challenges.get(item.pk, [])],
            "votes": [_vote_line(v) for v in item.vote_list],
            "written": _written_line(item),
            "election": _election_line(item, candidates),
        }
        for item in items
    ]


def _user_name(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.name if person is not None else (user.get_full_name() or user.get_username())


def record_build(meeting: Meeting, minutes: Minutes | None = None) -> dict:
    """The whole record of `meeting` from the live rows, as plain data (a fixed number of queries)."""
    with translation.override("ko"):
        enrolled = enrolled_rows(meeting)
        attendances = attendance_rows(meeting)  # keyed by member below: no order
        panel = quorum_of(meeting, [m.membership_id for m in enrolled], presences(attendances))
        bodies = [b.name for b in meeting.bodies.all()]
        roster = _attendance_lines(enrolled, attendances)
        present = [r for r in roster if r["status"] == Attendance.Status.PRESENT]
        start_hm = hm(meeting.starts_at)
        record = {
            "version": RECORD_VERSION,
            "meeting": {
                "id": meeting.pk,
                "title": meeting.title,
                "kind_label": meeting.get_kind_display(),
                "organiser": meeting.host_body.name if meeting.host_body else ", ".join(bodies),
                "bodies": bodies,
                "date": _day(meeting.starts_at),
                "start": start_hm,
                "end": hm(meeting.ends_at),
                "place": meeting.place,
                "status_label": meeting.get_status_display(),
                # 유회: the meeting never reached its quorum; the minutes say so (issue 10 §2)
                "no_quorum": meeting.status == Meeting.Status.NO_QUORUM,
            },
            "quorum": {
                "enrolled": panel.quorum.enrolled,
                "present": panel.quorum.present,
                "needed": panel.quorum.needed,
                "met": panel.quorum.met,
            },
            "roster": roster,
            # the public minutes list these names: 영상회의 attendance is marked where the body counts it
            "attendees": [
                r["name"] + (" (영상)" if r["mode"] == Attendance.Mode.VIDEO else "") for r in present
            ],
            "absentees": [
                {"name": r["name"], "status_label": r["status_label"]}
                for r in roster
                if r["status"] != Attendance.Status.PRESENT
            ],
            "late": [
                {"name": r["name"], "time": r["arrived"]}
                for r in present
                if r["arrived"] and r["arrived"] > start_hm
            ],
            "left_early": [{"name": r["name"], "time": r["left"]} for r in present if r["left"]],
            "observers": [{"name": o.name, "affiliation": o.affiliation} for o in observers_of(meeting)],
            "items": _item_lines(meeting),
            "minutes": None,
        }
        if minutes is not None:
            record["minutes"] = {
                "number": minutes.number,
                "remarks": minutes.remarks,
                "is_public": minutes.is_public,
                "nondisclosure_reason": minutes.nondisclosure_reason,
                "status_label": minutes.get_status_display(),
                "approved_on": _day(minutes.approved_at),
                "approved_by": _user_name(getattr(minutes, "approved_by", None)),
                "locked_on": _day(minutes.locked_at),
            }
    return record


def record_digest(record: dict) -> str:
    """SHA-256 of the record's canonical JSON: stored at lock, so any later edit of the stored copy in the
    database is detectable (`record_intact`)."""
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record_for(meeting: Meeting, minutes: Minutes | None) -> dict:
    """What the minutes show: the frozen copy once locked, otherwise the live record."""
    if minutes is not None and minutes.status == Minutes.Status.LOCKED and minutes.record:
        return minutes.record
    return record_build(meeting, minutes)


def record_intact(minutes: Minutes) -> bool:
    return bool(minutes.record) and record_digest(minutes.record) == minutes.record_sha256
