"""Reads for 이해충돌: the items a member answers, their own answers, and the secretary's overview.

Declarations are seen by the declaring member, the meeting's secretary and staff only: these reads are
called after the scoping helpers in meetings.permissions have decided who is asking."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from committees.models import Membership
from committees.permissions import Roles
from meetings import rules
from meetings.models import AgendaItem, InterestDeclaration, Meeting, Recusal, RecusalChallenge
from meetings.selectors.meetings import enrolled_membership_of, enrolled_memberships
from seongdong_gov.precompiled import Precompiled

# items nobody decides on (진행, 보고): no recusal applies, so nothing is declared for them
NO_DECLARATION_KINDS = frozenset({AgendaItem.Kind.PROCEDURE, AgendaItem.Kind.REPORT})


def declarable_items(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.exclude(kind__in=NO_DECLARATION_KINDS).order_by("order", "pk"))


def meeting_membership(roles: Roles, meeting: Meeting) -> Membership | None:
    """The user's membership among the meeting's 재적위원, if any (one query)."""
    if roles.person_id is None:
        return None
    return enrolled_membership_of(meeting, roles.person_id)


@dataclass
class MemberItem:
    item: AgendaItem
    declaration: InterestDeclaration | None
    recusal: Recusal | None
    challenges: list[RecusalChallenge] = field(default_factory=list)


# 내 이해충돌 신고's four queries, compiled once per connection (seongdong_gov.precompiled; `pk` is the
# membership's, a parameter name tests/seongdong_gov/test_precompiled.py has a sample for): the member's
# own rows are read by meeting, not by an IN list of its items, and in no joined order (one a member per
# item, or a member's few challenges, ordered as filed)
_DECLARABLE = Precompiled(
    lambda meeting_id: (
        AgendaItem.objects.filter(meeting_id=meeting_id)
        .exclude(kind__in=sorted(NO_DECLARATION_KINDS))
        .order_by("order", "pk")
    )
)
_OWN_DECLARATIONS = Precompiled(
    lambda meeting_id, pk: InterestDeclaration.objects.filter(
        item__meeting_id=meeting_id, membership_id=pk
    ).order_by()
)
_OWN_RECUSALS = Precompiled(
    lambda meeting_id, pk: Recusal.objects.filter(item__meeting_id=meeting_id, membership_id=pk).order_by()
)
_OWN_CHALLENGES = Precompiled(
    lambda meeting_id, pk: (
        RecusalChallenge.objects.filter(item__meeting_id=meeting_id, filed_by_id=pk)
        .select_related("against__person")
        .order_by("filed_at", "pk")
    )
)


def member_items(meeting: Meeting, membership: Membership) -> list[MemberItem]:
    """Every declarable item with the member's own answer, their recusal on it and the challenges they
    filed on it (never other members' declarations). Four queries."""
    items = _DECLARABLE.rows(meeting_id=meeting.pk)
    if not items:
        return []
    mine = {"meeting_id": meeting.pk, "pk": membership.pk}
    declarations = {d.item_id: d for d in _OWN_DECLARATIONS.rows(**mine)}
    recusals = {r.item_id: r for r in _OWN_RECUSALS.rows(**mine)}
    challenges: dict[int, list[RecusalChallenge]] = {}
    for c in _OWN_CHALLENGES.rows(**mine):
        challenges.setdefault(c.item_id, []).append(c)
    return [
        MemberItem(
            item=i,
            declaration=declarations.get(i.pk),
            recusal=recusals.get(i.pk),
            challenges=challenges.get(i.pk, []),
        )
        for i in items
    ]


@dataclass
class ItemOverview:
    item: AgendaItem
    declarations: list[InterestDeclaration]
    challenges: list[RecusalChallenge]
    recusals: dict[int, Recusal]  # by membership id
    unanswered: list[Membership]


def interests_overview(meeting: Meeting) -> list[ItemOverview]:
    """The secretary's page: per declarable item, every declaration (interests first), every challenge,
    the recusals already recorded and the 재적위원 who have not answered. Five queries."""
    enrolled = enrolled_memberships(meeting)
    items = list(
        meeting.items.exclude(kind__in=NO_DECLARATION_KINDS)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch(
                "declarations",
                queryset=InterestDeclaration.objects.select_related("membership__person").order_by(
                    "-has_interest", "membership__person__name"
                ),
            ),
            Prefetch(
                "challenges",
                queryset=RecusalChallenge.objects.select_related(
                    "filed_by__person", "against__person"
                ).order_by("filed_at", "pk"),
            ),
            "recusals",
        )
    )
    out = []
    for item in items:
        declarations = list(item.declarations.all())
        answered = {d.membership_id for d in declarations}
        out.append(
            ItemOverview(
                item=item,
                declarations=declarations,
                challenges=list(item.challenges.all()),
                recusals={r.membership_id: r for r in item.recusals.all()},
                unanswered=[m for m in enrolled if m.pk not in answered],
            )
        )
    return out


def members_yet_to_answer(meeting: Meeting) -> list[Membership]:
    """재적위원 who have not answered every declarable item (the day-before reminder). Three queries."""
    item_ids = [i.pk for i in declarable_items(meeting)]
    if not item_ids:
        return []
    answered: dict[int, set[int]] = {}
    for membership_id, item_id in InterestDeclaration.objects.filter(item_id__in=item_ids).values_list(
        "membership_id", "item_id"
    ):
        answered.setdefault(membership_id, set()).add(item_id)
    return [
        m
        for m in enrolled_memberships(meeting)
        if rules.unanswered_items(item_ids=item_ids, answered_ids=answered.get(m.pk, set()))
    ]


def declaring_meeting_ids(meetings: list[Meeting]) -> set[int]:
    """Of `meetings` (from my_upcoming, annotated with `of_my_membership`), those whose agenda is
    published and that belong to a body the user is a member of: the portal links them to the member's
    이해충돌 신고 page. No query."""
    return {m.pk for m in meetings if m.agenda_published and m.of_my_membership}
