"""Reads for votes and written resolutions (서면의결): who counts at a moment, who may answer."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from committees.models import Membership
from committees.permissions import Roles
from committees.selectors import current_q
from meetings import rules
from meetings.models import AgendaItem, Meeting, Vote, WrittenAnswer, WrittenResolution
from meetings.selectors.meetings import (
    at_meeting_time,
    attendances_of,
    enrolled_memberships,
    presences,
    rule_body,
)
from seongdong_gov.precompiled import Precompiled


def vote_context(meeting: Meeting, item: AgendaItem, taken_at: dt.datetime) -> dict:
    """Counts at the moment of the vote: 재적, present (recused included), eligible voters."""
    enrolled = enrolled_memberships(meeting)
    enrolled_ids = {m.pk for m in enrolled}
    atts = [a for a in attendances_of(meeting) if a.membership_id in enrolled_ids]
    present = rules.present_at(presences(atts), taken_at)
    recused = set(item.recusals.values_list("membership_id", flat=True))
    eligible = rules.eligible_voters(present, recused)
    return {
        "enrolled": len(enrolled),
        "present": present,
        "eligible": eligible,
        "body": rule_body(meeting),
    }


def vote_roster(meeting: Meeting, item: AgendaItem, taken: dt.time) -> dict:
    """Who may vote on `item` at `taken` (for the named-vote sheet): the memberships present at that
    moment and not recused, the recused ones, and the quorum at that moment."""
    ctx = vote_context(meeting, item, at_meeting_time(meeting, taken))
    enrolled = enrolled_memberships(meeting)
    recused_ids = set(item.recusals.values_list("membership_id", flat=True))
    body = ctx["body"]
    return {
        "enrolled": ctx["enrolled"],
        "present": len(ctx["present"]),
        "eligible": [m for m in enrolled if m.pk in ctx["eligible"]],
        "recused": [m for m in enrolled if m.pk in recused_ids and m.pk in ctx["present"]],
        "quorum": rules.quorum_state(
            enrolled=ctx["enrolled"], present=len(ctx["present"]), quorum_rule=body.quorum_rule
        ),
        "body": body,
    }


def written_eligible(resolution_or_item) -> list[Membership]:
    """Members who may answer: in office on the meeting date (재적) and not recused on the item."""
    item = getattr(resolution_or_item, "item", resolution_or_item)
    recused = set(item.recusals.values_list("membership_id", flat=True))
    return [m for m in enrolled_memberships(item.meeting) if m.pk not in recused]


def written_base(resolution: WrittenResolution) -> tuple[list[Membership], set[int]]:
    """재적 at the answer deadline (issue 10 §3: members of the meeting's bodies in office on the
    deadline's Seoul date) and the ids of those of them recused on the item, who are out of the base in
    writing exactly as at a sitting. Two queries."""
    item = resolution.item
    on = timezone.localdate(resolution.deadline)
    enrolled = list(
        Membership.objects.filter(body__in=[b.pk for b in item.meeting.bodies.all()])
        .filter(current_q(on))
        .select_related("person")
    )
    recused = set(item.recusals.values_list("membership_id", flat=True))
    return enrolled, {m.pk for m in enrolled if m.pk in recused}


# the portal lists the resolutions still open and those counted in this window (their outcome); older
# ones stay reachable from their meeting, and by their link (my_written_resolutions(roles, pk=…))
WRITTEN_SHOWN_AFTER_COUNT = dt.timedelta(days=90)


def _written(body_ids) -> QuerySet[WrittenResolution]:
    return (
        WrittenResolution.objects.filter(item__meeting__bodies__in=body_ids)
        .select_related("item__meeting")
        .prefetch_related("item__recusals", "item__meeting__bodies")
        .distinct()
        .order_by("-deadline")
    )


# compiled once per connection and number of bodies (seongdong_gov.precompiled): 내 회의 asks on every view
_WRITTEN_SHOWN = Precompiled(
    lambda body_ids, since: _written(body_ids).filter(Q(counted_at__isnull=True) | Q(deadline__gte=since))
)
_WRITTEN_ONE = Precompiled(lambda body_ids, pk: _written(body_ids).filter(pk=pk))


def my_written_resolutions(
    roles: Roles, *, pk: int | None = None
) -> list[tuple[WrittenResolution, Membership, WrittenAnswer | None]]:
    """서면의결 the user may answer, on items of meetings of the user's bodies where the user holds a
    membership in office on the meeting date; with the user's own answer. Three queries. Without `pk`:
    the open ones and those whose deadline passed within WRITTEN_SHOWN_AFTER_COUNT (the list would
    otherwise grow with every year of the body); with `pk`: that one, whatever its age."""
    if roles.person_id is None or not roles.member_body_ids:
        return []
    body_ids = sorted(roles.member_body_ids)
    if pk is not None:
        resolutions = _WRITTEN_ONE.rows(body_ids=body_ids, pk=pk)
    else:
        resolutions = _WRITTEN_SHOWN.rows(body_ids=body_ids, since=timezone.now() - WRITTEN_SHOWN_AFTER_COUNT)
    if not resolutions:
        return []
    memberships = list(
        Membership.objects.filter(
            person_id=roles.person_id, body_id__in=roles.member_body_ids
        ).select_related("body")
    )
    answers = {
        (a.resolution_id, a.membership_id): a
        for a in WrittenAnswer.objects.filter(
            resolution__in=resolutions, membership__in=[m.pk for m in memberships]
        )
    }
    out = []
    for r in resolutions:
        on = timezone.localdate(r.item.meeting.starts_at)
        body_ids = {b.pk for b in r.item.meeting.bodies.all()}
        recused = {x.membership_id for x in r.item.recusals.all()}
        own = next(
            (m for m in memberships if m.body_id in body_ids and m.is_current(on) and m.pk not in recused),
            None,
        )
        if own is not None:
            out.append((r, own, answers.get((r.pk, own.pk))))
    return out


def written_accepts_answers(resolution: WrittenResolution, now: dt.datetime | None = None) -> bool:
    """Answers are taken until the deadline and never after the count."""
    return not resolution.is_counted and (now or timezone.now()) < resolution.deadline


def vote_of(meeting: Meeting, vote_pk: str | None) -> Vote | None:
    """The vote just recorded on `meeting`, shown after the redirect that follows recording it (a vote
    of another meeting, or no number: None). With its named ballots, one query more."""
    if not (vote_pk or "").isdigit():
        return None
    return (
        Vote.objects.filter(pk=int(vote_pk), item__meeting=meeting)
        .prefetch_related("ballots__membership__person")
        .first()
    )
