"""Reads for electronic votes (전자 투표): who may vote in a box now, how many have voted (never how), the
boxes open for a member. The live screen counts with `box_counts`."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Membership
from committees.permissions import Roles
from meetings import rules
from meetings.models import Attendance, BallotBox, ElectronicBallot, Meeting, Recusal, SecretBallot, VoterMark
from meetings.selectors.convening import own_membership
from meetings.selectors.meetings import has
from meetings.selectors.voting import vote_context
from seongdong_gov.precompiled import Precompiled


def receipt_digest(receipt: str) -> str:
    """What a SecretBallot stores of its receipt: the receipt itself lives only on the voter's device."""
    return hashlib.sha256(receipt.encode()).hexdigest()


def cast_refusal(*, box: BallotBox, membership: Membership, now: dt.datetime) -> str | None:
    """Why `membership` may not vote in `box` now, or None: not marked present, recused on the item,
    left (left_at), not yet arrived. One query: the attendance with whether the member is recused."""
    attendance = (
        Attendance.objects.filter(meeting_id=box.item.meeting_id, membership=membership)
        .annotate(
            recused=Exists(
                Recusal.objects.filter(item_id=box.item_id, membership_id=OuterRef("membership_id"))
            )
        )
        .first()
    )
    if attendance is None or attendance.status != Attendance.Status.PRESENT:
        return _("출석으로 기록된 위원만 투표할 수 있습니다. 사무국에 출석 기록을 요청하세요.")
    if attendance.recused:
        return _("이 안건에서 회피·제척되어 투표할 수 없습니다.")
    presence = rules.Presence(membership.pk, attendance.status, attendance.arrived_at, attendance.left_at)
    if not rules.is_present_at(presence, now):
        if attendance.left_at is not None and attendance.left_at <= now:
            return _("퇴장으로 기록되어 투표할 수 없습니다. 이미 투표했다면 그 표는 집계되지 않습니다.")
        return _("도착 시각 전이라 아직 투표할 수 없습니다.")
    return None


@dataclass(frozen=True)
class BoxCounts:
    """ "n명 투표 / 투표 가능 m명": how many have voted, how many may vote now (present, not recused)."""

    voted: int
    eligible: int


def box_counts(box: BallotBox, now: dt.datetime | None = None) -> BoxCounts:
    meeting = box.item.meeting
    ctx = vote_context(meeting, box.item, now or timezone.now())
    return BoxCounts(voted=box.voter_marks.count(), eligible=len(ctx["eligible"]))


def open_boxes(meeting: Meeting, now: dt.datetime | None = None) -> list[tuple[BallotBox, BoxCounts]]:
    """The boxes open on the meeting's items, with their counts (for the secretary)."""
    boxes = list(
        BallotBox.objects.filter(item__meeting=meeting, closed_at=None, discarded_at=None)
        .select_related("item__meeting")
        .order_by("item__order")
    )
    return [(b, box_counts(b, now)) for b in boxes]


_OPEN_BOXES = Precompiled(
    lambda meeting_id: (
        BallotBox.objects.filter(item__meeting_id=meeting_id, closed_at=None, discarded_at=None)
        .select_related("item")
        .order_by("item__order")
    )
)


def open_boxes_brief(meeting: Meeting) -> list[BallotBox]:
    """The boxes open on the meeting's items, with their items; one query (the meeting page), compiled
    once (seongdong_gov.precompiled)."""
    if not has(meeting, "open_boxes"):
        return []
    return _OPEN_BOXES.rows(meeting_id=meeting.pk)


def boxes_of(meeting: Meeting) -> list[BallotBox]:
    """Every box of the meeting (open, closed, voided) with its item and vote, for the secretary's page;
    with the number who voted in each."""
    return list(
        BallotBox.objects.filter(item__meeting=meeting)
        .select_related("item", "vote")
        .annotate(voted=Count("voter_marks"))
        .order_by("-opened_at")
    )


_MY_OPEN_BOXES = Precompiled(
    lambda body_ids: (
        BallotBox.objects.filter(closed_at=None, discarded_at=None, item__meeting__bodies__in=body_ids)
        .select_related("item__meeting")
        .distinct()
        .order_by("opened_at")
    )
)


def my_open_boxes(roles: Roles) -> list[tuple[BallotBox, bool]]:
    """The boxes open on meetings of the user's bodies where the user is a member in office on the
    meeting date, each with whether the user has voted in it. Two queries and one per box found (the
    membership on the meeting's date)."""
    if roles.person_id is None or not roles.member_body_ids:
        return []
    boxes = _MY_OPEN_BOXES.rows(body_ids=sorted(roles.member_body_ids))
    if not boxes:
        return []
    marks = set(
        VoterMark.objects.filter(box__in=boxes, membership__person_id=roles.person_id).values_list(
            "box_id", flat=True
        )
    )
    return [(b, b.pk in marks) for b in boxes]


def member_for_box(roles: Roles, box: BallotBox) -> Membership | None:
    """The user's membership, in office on the meeting date, in one of the meeting's bodies."""
    meeting = box.item.meeting
    on = timezone.localdate(meeting.starts_at)
    for body in meeting.bodies.all():
        if body.pk in roles.member_body_ids:
            membership = own_membership(roles, body.pk, on)
            if membership is not None:
                return membership
    return None


@dataclass(frozen=True)
class MyBallot:
    """What the member's page shows: whether they voted; for named, their choice; for secret, whether
    this device holds the receipt that lets them change it."""

    voted: bool
    choice: str | None
    can_change: bool


def my_ballot(box: BallotBox, membership: Membership, receipt: str | None) -> MyBallot:
    voted = VoterMark.objects.filter(box=box, membership=membership).exists()
    if not voted:
        return MyBallot(voted=False, choice=None, can_change=True)
    if box.is_secret:
        here = (
            bool(receipt)
            and SecretBallot.objects.filter(box=box, receipt_digest=receipt_digest(receipt)).exists()
        )
        return MyBallot(voted=True, choice=None, can_change=here)
    choice = (
        ElectronicBallot.objects.filter(box=box, membership=membership)
        .values_list("choice", flat=True)
        .first()
    )
    return MyBallot(voted=True, choice=choice, can_change=True)
