"""Reads. Each function issues a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
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
from seongdong_gov.precompiled import Precompiled

SEOUL = ZoneInfo("Asia/Seoul")


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


# a body's composition, one query a kind of row keyed by the body, each compiled once per connection
# (seongdong_gov.precompiled; prefetching compiled IN lists of every seat, ~3 ms for 100 seats)
_GROUPS = Precompiled(lambda body_id: SeatGroup.objects.filter(body_id=body_id).select_related("post"))
_SEATS = Precompiled(lambda body_id: Seat.objects.filter(group__body_id=body_id, active=True))
_SEATED = Precompiled(
    lambda body_id, on: Membership.objects.filter(
        current_q(on), seat__group__body_id=body_id, seat__active=True
    ).select_related("person", "post_holding")
)


def body_composition(body: Body, on: dt.date) -> list[GroupRows]:
    """Every active seat of the body in seat order, each with its member on `on` or None (vacant), by
    seat group in the groups' order. Three queries."""
    seats: dict[int, list[Seat]] = {}
    for seat in _SEATS.rows(body_id=body.pk):
        seats.setdefault(seat.group_id, []).append(seat)
    seated: dict[int, Membership] = {}
    for m in _SEATED.rows(body_id=body.pk, on=on):
        seated.setdefault(m.seat_id, m)  # the first in Membership's order, as a prefetch gave it
    return [
        GroupRows(group, [SeatRow(seat, seated.get(seat.pk)) for seat in seats.get(group.pk, [])])
        for group in _GROUPS.rows(body_id=body.pk)
    ]


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


def count_subquery(qs: QuerySet) -> Subquery:
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
        .annotate(seat_total=count_subquery(seats), member_total=count_subquery(members))
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


def locked_meetings_from(body_ids, on: dt.date) -> list[tuple[str, dt.date]]:
    """(title, Seoul date) of the meetings of `body_ids` held on or after `on` whose minutes are locked:
    a personnel move or membership change dated `on` predates them. Their frozen record does not change
    (meetings.selectors.record); the staff member is told which ones. Read through the reverse relations
    (Body.meetings, Meeting.minutes) because committees imports no other app. One query."""
    from_midnight = timezone.make_aware(dt.datetime.combine(on, dt.time.min), SEOUL)
    rows = (
        Body.objects.filter(
            pk__in=list(body_ids),
            meetings__starts_at__gte=from_midnight,
            meetings__minutes__status="locked",
        )
        .order_by("meetings__starts_at")
        .values_list("meetings__pk", "meetings__title", "meetings__starts_at")
    )
    seen: dict[int, tuple[str, dt.date]] = {}
    for pk, title, at in rows:  # a joint meeting of two of the bodies comes once
        seen.setdefault(pk, (title, timezone.localtime(at, SEOUL).date()))
    return list(seen.values())


def locked_meetings_predated_by_move(post: Post, start: dt.date) -> list[tuple[str, dt.date]]:
    """The locked meetings a personnel move on `post` dated `start` predates: those of the bodies whose
    ex officio seats follow the post."""
    body_ids = SeatGroup.objects.filter(post=post, kind=SeatGroup.Kind.EX_OFFICIO).values_list(
        "body_id", flat=True
    )
    return locked_meetings_from(body_ids, start)


def locked_meetings_predated_by_end(membership: Membership, end: dt.date) -> list[tuple[str, dt.date]]:
    """The locked meetings an end of term on `end` (the last day in office) predates."""
    return locked_meetings_from([membership.body_id], end + dt.timedelta(days=1))


@dataclass(frozen=True)
class GenderBreach:
    """A body whose appointed members in office on `balance.on` are above 6/10 of one gender."""

    body_id: int
    body_name: str
    balance: rules.GenderBalance


def _in_office_that_day(n: int, on: dt.date) -> list[tuple[dt.date, dt.date]]:
    # gender_balance_on counts periods in office on `on`; counted rows stand for n one-day periods
    return [(on, on)] * n


def gender_balances(on: dt.date, body_ids=None) -> dict[int, tuple[str, rules.GenderBalance]]:
    """For every active body where gender balance applies (or those of `body_ids`), its name and the
    balance of its appointed members in office on `on` (committees.rules.gender_balance_on, 양성평등기본법
    제21조②), with the body's exception reason. One aggregate query whatever the number of bodies and
    members: bodies with no appointed member in office are left out (nothing can be over)."""
    qs = Membership.objects.filter(
        current_q(on),
        seat__group__kind=SeatGroup.Kind.APPOINTED,
        body__is_active=True,
        body__gender_balance_applies=True,
    )
    if body_ids is not None:
        qs = qs.filter(body_id__in=list(body_ids))
    counts: dict[int, dict] = {}
    for body_id, name, reason, gender, n in (
        qs.values_list("body_id", "body__name", "body__gender_exception_reason", "person__gender")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        entry = counts.setdefault(body_id, {"name": name, "reason": reason, "genders": {}})
        entry["genders"][gender] = n
    return {
        body_id: (
            e["name"],
            rules.gender_balance_on(
                {g: _in_office_that_day(n, on) for g, n in e["genders"].items()},
                on,
                exception_reason=e["reason"],
            ),
        )
        for body_id, e in counts.items()
    }


def gender_balance_of(body: Body, on: dt.date) -> rules.GenderBalance | None:
    """The body page's check, on every view and not only at appointments (a resignation or an end of
    term can tip it): None where the rule does not apply (no query) or nobody appointed is in office."""
    if not body.gender_balance_applies:
        return None
    found = gender_balances(on, body_ids=[body.pk]).get(body.pk)
    return found[1] if found else None


def gender_breaches(on: dt.date) -> list[GenderBreach]:
    """Bodies above 6/10 of one gender on `on` that still need attention (no exception reason recorded),
    by name: the staff alert. One query."""
    return sorted(
        (
            GenderBreach(body_id, name, balance)
            for body_id, (name, balance) in gender_balances(on).items()
            if balance.needs_attention
        ),
        key=lambda b: b.body_name,
    )


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
