"""Reads. Each function issues a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from committees import rules
from committees.models import (
    Body,
    Membership,
    NotificationPreference,
    OrgUnit,
    Person,
    Post,
    PostHolding,
    Seat,
    SeatGroup,
)


def current_q(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start__lte": on}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": on})
    )


def memberships_on(on: dt.date) -> QuerySet[Membership]:
    return Membership.objects.filter(current_q(on))


@dataclass
class SeatRow:
    seat: Seat
    membership: Membership | None


@dataclass
class GroupRows:
    group: SeatGroup
    rows: list[SeatRow]

    @property
    def filled(self) -> int:
        return sum(1 for r in self.rows if r.membership)


def body_composition(body: Body, on: dt.date) -> list[GroupRows]:
    """Every active seat of the body, each with its member on `on` or None (vacant). Three queries."""
    current = Membership.objects.filter(current_q(on)).select_related("person", "post_holding")
    groups = (
        SeatGroup.objects.filter(body=body)
        .select_related("post")
        .prefetch_related(
            Prefetch(
                "seats",
                queryset=Seat.objects.filter(active=True).prefetch_related(
                    Prefetch("memberships", queryset=current, to_attr="current")
                ),
            )
        )
    )
    out = []
    for group in groups:
        rows = [SeatRow(seat, seat.current[0] if seat.current else None) for seat in group.seats.all()]
        out.append(GroupRows(group, rows))
    return out


def composition_summary(groups: list[GroupRows]) -> dict[str, int]:
    total = sum(len(g.rows) for g in groups)
    ex = sum(len(g.rows) for g in groups if g.group.is_ex_officio)
    filled = sum(g.filled for g in groups)
    return {
        "total": total,
        "ex_officio": ex,
        "appointed": total - ex,
        "filled": filled,
        "vacant": total - filled,
    }


def _count_subquery(qs: QuerySet) -> Subquery:
    """The rows of `qs` (correlated to the outer row through OuterRef) counted in a scalar subquery.
    COUNT without GROUP BY always returns one row, so an empty match counts 0."""
    counted = qs.order_by().annotate(_n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    return Subquery(counted.values("_n"), output_field=IntegerField())


def bodies_with_counts(on: dt.date) -> QuerySet[Body]:
    """Active bodies with `seat_total` (active seats) and `member_total` (members in office on `on`). One
    query; each count is its own correlated subquery, so seats and memberships never multiply each
    other's rows (a join of both made the count cost seats × memberships per body)."""
    seats = Seat.objects.filter(group__body=OuterRef("pk"), active=True)
    members = Membership.objects.filter(current_q(on), body=OuterRef("pk"))
    return (
        Body.objects.filter(is_active=True)
        .select_related("parent", "dong_unit")
        .annotate(seat_total=_count_subquery(seats), member_total=_count_subquery(members))
    )


def enrolled_count(body: Body, on: dt.date) -> int:
    """재적위원: members in office on `on`, the chair included, vacancies excluded."""
    return Membership.objects.filter(body=body).filter(current_q(on)).count()


def appointed_gender_counts(
    body: Body, on_start: dt.date, on_end: dt.date | None, exclude_pk=None
) -> Counter:
    """Per gender, the most appointed members in office together on any day of [on_start, on_end]
    (committees.rules.peak_active): a predecessor and successor in one seat count once."""
    qs = Membership.objects.filter(
        body=body, seat__group__kind=SeatGroup.Kind.APPOINTED, start__lte=on_end or dt.date.max
    )
    qs = qs.filter(Q(end__isnull=True) | Q(end__gte=on_start))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    periods: dict[str, list] = {}
    for gender, start, end in qs.values_list("person__gender", "start", "end"):
        periods.setdefault(gender, []).append((start, end))
    return Counter({g: rules.peak_active(p, on_start, on_end) for g, p in periods.items()})


def appointed_seat_total(body: Body) -> int:
    return Seat.objects.filter(group__body=body, group__kind=SeatGroup.Kind.APPOINTED, active=True).count()


def bodies_held_by(person: Person, start: dt.date, end: dt.date | None, exclude_body=None) -> int:
    qs = Membership.objects.filter(person=person, start__lte=end or dt.date.max).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if exclude_body is not None:
        qs = qs.exclude(body=exclude_body)
    return qs.values("body").distinct().count()


def current_holding(post: Post, on: dt.date) -> PostHolding | None:
    return PostHolding.objects.filter(post=post).filter(current_q(on)).select_related("person").first()


def org_tree() -> list[OrgUnit]:
    """All units with their posts and current holders, as a flat list in tree order, each with `.depth`."""
    today = timezone.localdate()
    units = list(
        OrgUnit.objects.prefetch_related(
            Prefetch(
                "posts",
                queryset=Post.objects.prefetch_related(
                    Prefetch(
                        "holdings",
                        queryset=PostHolding.objects.filter(current_q(today)).select_related("person"),
                        to_attr="current",
                    )
                ),
            )
        )
    )
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[OrgUnit] = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            unit.depth = depth
            ordered.append(unit)
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


# ---- notifications ---------------------------------------------------------------------------------


def messages_for_user_q(user, person_id: int | None) -> Q:
    """The outbox messages addressed to this user: to their person, or to their account's address."""
    q = Q(pk__in=[])
    if person_id is not None:
        q |= Q(person_id=person_id)
    if user.email:
        q |= Q(to__iexact=user.email)
    return q


def notification_preferences(person_id: int) -> dict[str, bool]:
    """Every kind → whether the person receives it (no row: on)."""
    chosen = dict(NotificationPreference.objects.filter(person_id=person_id).values_list("kind", "enabled"))
    return {kind: chosen.get(kind, True) for kind in NotificationPreference.Kind.values}
