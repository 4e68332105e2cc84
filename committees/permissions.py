"""Who may see and do what. Every view fetches objects through these helpers, so an object outside a
user's reach is a 404, never a 403 that would confirm it exists.

Roles (README, «역할»):
- administrator: `is_superuser`;
- governance staff (운영 담당, e.g. 자치행정과): members of the group `GOVERNANCE_STAFF_GROUP`;
- secretary (간사) of a body: the current holder of the body's secretary post, or its secretary person;
- member: a person with a membership in office;
- reporting officer: a user listed on an organisation unit's reporting officers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import CharField, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from committees.models import Body, Membership, OrgUnit, Person
from seongdong_gov.precompiled import Precompiled

GOVERNANCE_STAFF_GROUP = "governance_staff"


@dataclass
class Roles:
    is_authenticated: bool = False
    is_admin: bool = False
    is_governance_staff: bool = False  # administrators included
    person_id: int | None = None
    secretary_body_ids: frozenset[int] = field(default_factory=frozenset)
    member_body_ids: frozenset[int] = field(default_factory=frozenset)
    reporting_unit_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_secretary(self) -> bool:
        return bool(self.secretary_body_ids)

    @property
    def is_member(self) -> bool:
        return bool(self.member_body_ids)

    @property
    def body_ids(self) -> frozenset[int]:
        """The bodies the user serves in, as member or as secretary: whose meetings they see."""
        return self.member_body_ids | self.secretary_body_ids

    @property
    def is_reporter(self) -> bool:
        return bool(self.reporting_unit_ids)

    def can_manage_body(self, body_id: int) -> bool:
        return self.is_governance_staff or body_id in self.secretary_body_ids

    @property
    def primary(self) -> str:
        """The role whose home page the user lands on."""
        if self.is_admin:
            return "admin"
        if self.is_governance_staff:
            return "staff"
        if self.is_secretary:
            return "secretary"
        if self.is_member:
            return "member"
        if self.is_reporter:
            return "reporter"
        return "none"


def secretary_bodies_q(person_id: int, on: dt.date) -> Q:
    return Q(secretary_person_id=person_id) | Q(
        secretary_post__holdings__person_id=person_id,
        secretary_post__holdings__start__lte=on,
    ) & (Q(secretary_post__holdings__end__isnull=True) | Q(secretary_post__holdings__end__gte=on))


def _roles_query(user_id: int, on: dt.date):
    """(kind, id) rows: the user's person, the bodies they serve as secretary and as member on `on`,
    their reporting units and their staff group."""
    person = Subquery(Person.objects.filter(user_id=user_id).values("pk"))  # Person.user is one-to-one

    def kind(k: str) -> Value:
        return Value(k, output_field=CharField())

    parts = [
        Person.objects.filter(user_id=user_id).values_list(kind("person"), "pk"),
        Body.objects.filter(secretary_bodies_q(person, on)).values_list(kind("secretary"), "pk"),
        Membership.objects.filter(person_id=person, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .values_list(kind("member"), "body_id"),
        OrgUnit.reporting_officers.through.objects.filter(user_id=user_id).values_list(
            kind("reporter"), "orgunit_id"
        ),
        get_user_model()
        .groups.through.objects.filter(user_id=user_id, group__name=GOVERNANCE_STAFF_GROUP)
        .values_list(kind("staff"), "group_id"),
    ]
    first, *rest = (part.order_by() for part in parts)
    return first.union(*rest, all=True)


# roles_for runs on every page: its one query (compiling the five-part UNION cost more than running it)
# is compiled once per connection (seongdong_gov.precompiled)
_ROLES = Precompiled(_roles_query)


def roles_for(user, on: dt.date | None = None) -> Roles:
    """The user's roles, computed once per user object (cached on it). One query (`_roles_query`): every
    page asks, so the five facts come back as rows of one UNION ALL rather than five round trips."""
    cached = getattr(user, "_roles_cache", None)
    if cached is not None and on is None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Roles()
    today = on is None
    on = on or timezone.localdate()
    found: dict[str, set[int]] = {"person": set(), "secretary": set(), "member": set(), "reporter": set()}
    is_staff_group = user.is_superuser
    for k, pk in _ROLES.rows(user_id=user.pk, on=on):
        if k == "staff":
            is_staff_group = True
        else:
            found[k].add(pk)
    roles = Roles(
        is_authenticated=True,
        is_admin=user.is_superuser,
        is_governance_staff=is_staff_group,
        person_id=next(iter(found["person"]), None),
        secretary_body_ids=frozenset(found["secretary"]),
        member_body_ids=frozenset(found["member"]),
        reporting_unit_ids=frozenset(found["reporter"]),
    )
    if today:  # only today's roles are kept on the user: a later call for today must not get another day's
        user._roles_cache = roles
    return roles


def bodies_managed_by(roles: Roles) -> QuerySet[Body]:
    if roles.is_governance_staff:
        return Body.objects.all()
    return Body.objects.filter(pk__in=roles.secretary_body_ids)


def body_for_user(roles: Roles, pk: int) -> Body:
    """A body's composition is public record: every signed-in user reaches every body."""
    return get_object_or_404(
        Body.objects.select_related("parent", "secretary_post", "secretary_person", "dong_unit"), pk=pk
    )


def body_for_manage(roles: Roles, pk: int) -> Body:
    """A body the user manages (staff: all; a secretary: their own); any other is a 404."""
    body = bodies_managed_by(roles).filter(pk=pk).first()
    if body is None:
        raise Http404
    return body


def membership_for_manage(roles: Roles, pk: int) -> Membership:
    """A membership of a body the user manages; any other is a 404."""
    membership = get_object_or_404(Membership.objects.select_related("body", "person", "seat__group"), pk=pk)
    if not roles.can_manage_body(membership.body_id):
        raise Http404
    return membership


def person_for_user(roles: Roles, pk: int) -> Person:
    """A person the user may see (visible_persons); any other is a 404."""
    return get_object_or_404(visible_persons(roles), pk=pk)


def visible_persons(roles: Roles) -> QuerySet[Person]:
    """Staff see everyone; a secretary sees the people of their bodies; a member sees the members of
    their own bodies and themselves. Everyone else sees only themselves."""
    if roles.is_governance_staff:
        return Person.objects.all()
    body_ids = roles.body_ids
    q = Q(pk=roles.person_id) if roles.person_id else Q(pk__in=[])
    if body_ids:
        q |= Q(memberships__body_id__in=body_ids)
    return Person.objects.filter(q).distinct()


def pickable_persons(roles: Roles) -> QuerySet[Person]:
    """The persons a picker may offer (names and affiliations only): to the users who fill in a form with
    a person picker, the whole register, as the forms validate against it (staff move posts and name
    secretaries; a body's secretary appoints new members, who are by nature not yet of their body).
    Anyone else has no such form: 404."""
    if not (roles.is_governance_staff or roles.is_secretary):
        raise Http404
    return Person.objects.all()


def can_see_body_contacts(roles: Roles, body: Body) -> bool:
    """Contact columns of a body's roster (page and documents): staff and the body's secretaries, the
    people who may see every member's contacts by `can_see_contacts`."""
    return roles.is_governance_staff or body.pk in roles.secretary_body_ids


def can_see_contacts(roles: Roles, person: Person, person_body_ids: set[int]) -> bool:
    """Contact details and date of birth: staff, the person themselves, and the secretaries of the
    person's bodies (who must reach them). Members never see each other's contacts."""
    if roles.is_governance_staff or roles.person_id == person.pk:
        return True
    return bool(roles.secretary_body_ids & person_body_ids)
