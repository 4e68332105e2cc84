import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from committees.models import Body, Membership, PostHolding, SeatGroup
from committees.selectors import body_composition, composition_summary


def test_load_demo_steering_committee_has_plan_composition(demo):
    body = Body.objects.get(name="추진운영위원회")
    groups = body_composition(body, dt.date(2026, 11, 25))
    assert composition_summary(groups) == {
        "total": 15,
        "ex_officio": 7,
        "appointed": 8,
        "filled": 15,
        "vacant": 0,
    }
    appointed = [
        (g.group.label, g.group.recommender, len(g.rows)) for g in groups if not g.group.is_ex_officio
    ]
    assert appointed == [
        ("복지·보건·마을 분야", "민간협의체 추천", 5),
        ("사회적경제 등 기타분야", "민간협의체 추천", 1),
        ("주민자치분야", "", 1),
        ("시 추진지원단", "서울시 추진지원단", 1),
    ]


def test_load_demo_is_idempotent(demo):
    from django.core.management import call_command

    counts = (
        Body.objects.count(),
        Membership.objects.count(),
        PostHolding.objects.count(),
        SeatGroup.objects.count(),
    )
    user_count = get_user_model().objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (
        Body.objects.count(),
        Membership.objects.count(),
        PostHolding.objects.count(),
        SeatGroup.objects.count(),
    ) == counts
    users = get_user_model().objects.all()
    assert users.count() == user_count
    # the five demo accounts are the only ones that can log in (report officers' mail users cannot)
    assert sorted(u.username for u in users if u.has_usable_password()) == [
        "admin",
        "member",
        "reporter",
        "secretary",
        "staff",
    ]


def test_demo_persons_pass_the_validation_their_edit_form_applies(demo):
    from committees.models import Person

    # a staff member who opens a demo person's edit form must not meet an error in a field they never typed
    for person in Person.objects.all():
        person.full_clean()


def test_load_demo_refuses_outside_development(db, settings):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    settings.DEVELOPMENT = False
    with pytest.raises(CommandError, match="development only"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="admin").exists()
