"""committees.permissions.roles_for: every source of a role, on the day asked, in one query (its SQL is
compiled once and run with each user's id and day in place)."""

import datetime as dt

import pytest

from committees.permissions import roles_for
from tests import factories

D = dt.date


@pytest.fixture
def world(db):
    """A person who is secretary of one body by name and of another by holding its secretary post until
    2020, member of a third until 2018 and reporting officer of a unit; a staff user; a user with nothing."""
    person = factories.PersonFactory(name="간사겸위원")
    user = factories.user_for(person, username="many_roles")
    named = factories.BodyFactory(name="이름으로", secretary_person=person)
    post = factories.PostFactory(name="주무관")
    factories.PostHoldingFactory(post=post, person=person, start=D(2016, 1, 1), end=D(2020, 12, 31))
    by_post = factories.BodyFactory(name="직위로", secretary_post=post)
    sits = factories.BodyFactory(name="위원으로", gender_balance_applies=False)
    factories.member(sits, person, start=D(2016, 1, 15), end=D(2018, 1, 14))
    unit = factories.OrgUnitFactory(name="행당1동")
    unit.reporting_officers.add(user)
    return {
        "user": user,
        "person": person,
        "named": named,
        "by_post": by_post,
        "sits": sits,
        "unit": unit,
        "staff": factories.staff_user(),
        "nobody": factories.UserFactory(username="nobody"),
    }


def _fresh(user):
    user._roles_cache = None  # roles are cached on the user object; each case asks anew
    return user


def test_roles_on_each_day_come_from_every_source(world, django_assert_num_queries):
    user = world["user"]
    with django_assert_num_queries(1):
        in_2017 = roles_for(_fresh(user), on=D(2017, 6, 1))
    assert in_2017.person_id == world["person"].pk
    assert in_2017.secretary_body_ids == {world["named"].pk, world["by_post"].pk}
    assert in_2017.member_body_ids == {world["sits"].pk}
    assert in_2017.reporting_unit_ids == {world["unit"].pk}
    assert not in_2017.is_governance_staff and in_2017.primary == "secretary"

    # the same compiled query, another day: the post was left in 2020 and the term ended in 2018
    in_2022 = roles_for(_fresh(user), on=D(2022, 1, 1))
    assert in_2022.secretary_body_ids == {world["named"].pk}
    assert in_2022.member_body_ids == frozenset()
    # and before the holding began
    in_2015 = roles_for(_fresh(user), on=D(2015, 6, 1))
    assert in_2015.secretary_body_ids == {world["named"].pk}
    # another day's roles are not kept on the user: today's are computed when asked
    assert roles_for(_fresh(user), on=D(2017, 6, 1)).member_body_ids == {world["sits"].pk}
    assert roles_for(user).member_body_ids == frozenset()  # the term ended in 2018
    assert roles_for(user) is roles_for(user)  # today's are kept


def test_roles_of_other_users_through_the_same_query(world):
    roles_for(_fresh(world["user"]), on=D(2017, 6, 1))  # compiled for one user, run for the others
    staff = roles_for(_fresh(world["staff"]))
    assert staff.is_governance_staff and not staff.is_admin and staff.person_id is None
    assert staff.secretary_body_ids == staff.member_body_ids == staff.reporting_unit_ids == frozenset()
    nobody = roles_for(_fresh(world["nobody"]))
    assert nobody.is_authenticated and nobody.primary == "none" and not nobody.is_governance_staff
    admin = roles_for(factories.admin_user())
    assert admin.is_admin and admin.is_governance_staff and admin.primary == "admin"
