"""Model factories shared by every app's tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from committees import services
from committees.models import Body, Gender, Membership, OrgUnit, Person, Post, SeatGroup
from committees.permissions import GOVERNANCE_STAFF_GROUP

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)  # hashed on build: no second save after creation


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"조직{n}")
    kind = OrgUnit.Kind.DIVISION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"인물{n}")
    gender = Gender.FEMALE
    affiliation = "성동구"
    email = factory.Sequence(lambda n: f"p{n}@example.org")
    phone = "02-0000-0000"


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    name = factory.Sequence(lambda n: f"직위{n}")
    unit = factory.SubFactory(OrgUnitFactory)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"위원회{n}")
    kind = Body.Kind.STEERING


def seat_group(body, *, label=None, count=1, post=None, effective=dt.date(2016, 1, 1)) -> SeatGroup:
    """A composition line created through the service, so seats (and ex officio members) exist."""
    kind = SeatGroup.Kind.EX_OFFICIO if post else SeatGroup.Kind.APPOINTED
    group = SeatGroup(
        body=body, kind=kind, label=label or (post.name if post else f"위촉{count}"), count=count, post=post
    )
    return services.seat_group_save(actor=None, group=group, effective=effective)


def appoint(
    group,
    person,
    *,
    start=dt.date(2016, 1, 15),
    end=dt.date(2018, 1, 14),
    seat_number=None,
    reason="",
    role=Membership.Role.MEMBER,
):
    seat = (
        group.seats.get(number=seat_number)
        if seat_number
        else group.seats.exclude(memberships__start__lte=end, memberships__end__gte=start)
        .order_by("number")
        .first()
    )
    return services.membership_appoint(
        actor=None, seat=seat, person=person, role=role, start=start, end=end, gender_exception_reason=reason
    ).obj


def staff_user(username="staff_u"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=GOVERNANCE_STAFF_GROUP)[0])
    return user
