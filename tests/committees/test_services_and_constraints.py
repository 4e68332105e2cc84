import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from committees import services
from committees.models import Gender, Membership, PostHolding, Seat, SeatGroup
from seongdong_gov.models import AuditEntry
from tests import factories

D = dt.date


@pytest.fixture
def eight_appointed(body):
    return factories.seat_group(body, label="위촉직", count=8)


def test_seat_group_creates_one_seat_per_count(eight_appointed):
    assert list(eight_appointed.seats.values_list("number", flat=True)) == list(range(1, 9))


def test_seat_group_shrink_refused_while_surplus_seat_is_occupied(eight_appointed):
    factories.appoint(eight_appointed, factories.PersonFactory(), seat_number=8)
    eight_appointed.count = 6
    with pytest.raises(ValidationError, match="8번 좌석에 재임 중인 위원"):
        services.seat_group_save(actor=None, group=eight_appointed, effective=D(2017, 1, 1))


def test_seat_group_shrink_keeps_history_seats_inactive(eight_appointed):
    factories.appoint(eight_appointed, factories.PersonFactory(), seat_number=8, end=D(2016, 12, 31))
    eight_appointed.count = 6
    services.seat_group_save(actor=None, group=eight_appointed, effective=D(2017, 1, 1))
    assert list(Seat.objects.filter(group=eight_appointed, active=True).values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    assert Seat.objects.filter(group=eight_appointed).count() == 8


def test_gender_balance_fifth_woman_of_eight_refused_naming_the_law(eight_appointed):
    for _ in range(4):
        factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE))
    with pytest.raises(ValidationError) as exc:
        factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE))
    message = exc.value.message_dict["gender_exception_reason"][0]
    assert "양성평등기본법 제21조" in message
    assert "최대 4명" in message
    assert Membership.objects.filter(seat__group=eight_appointed).count() == 4


def test_gender_balance_exception_reason_allows_and_is_recorded(eight_appointed):
    for _ in range(4):
        factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE))
    m = factories.appoint(
        eight_appointed, factories.PersonFactory(gender=Gender.FEMALE), reason="추천 후보가 모두 여성"
    )
    assert m.gender_exception_reason == "추천 후보가 모두 여성"


def test_gender_balance_counts_only_overlapping_terms(eight_appointed):
    for _ in range(4):
        factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE))
    later = factories.appoint(
        eight_appointed,
        factories.PersonFactory(gender=Gender.FEMALE),
        start=D(2018, 1, 15),
        end=D(2020, 1, 14),
    )
    assert later.pk


def test_gender_balance_counts_a_resigned_member_and_her_successor_once(eight_appointed):
    # two women serve the whole term; a third resigns at the end of 2016 and a woman succeeds her
    for _ in range(2):
        factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE))
    factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE), end=D(2016, 12, 31))
    factories.appoint(
        eight_appointed,
        factories.PersonFactory(gender=Gender.FEMALE),
        start=D(2017, 1, 1),
        end=D(2018, 1, 14),
    )
    # four women's periods overlap the term, but never more than three sit at once: a fourth woman for the
    # whole term makes four at once (the limit for 8 seats), so no exception reason is needed
    fourth = factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE))
    assert fourth.gender_exception_reason == ""
    # now four sit at once all term long: a fifth is refused
    with pytest.raises(ValidationError):
        factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.FEMALE))


def test_gender_balance_not_applied_when_body_opts_out(body, eight_appointed):
    body.gender_balance_applies = False
    body.save()
    for _ in range(5):
        factories.appoint(eight_appointed, factories.PersonFactory(gender=Gender.MALE))
    assert Membership.objects.filter(body=body).count() == 5


def test_appoint_refuses_ex_officio_seat(body):
    post = factories.PostFactory()
    group = factories.seat_group(body, post=post)
    with pytest.raises(ValidationError, match="당연직 좌석은 직위"):
        factories.appoint(group, factories.PersonFactory(), seat_number=1)


def test_appoint_refuses_taken_seat_and_double_membership(eight_appointed):
    person = factories.PersonFactory()
    factories.appoint(eight_appointed, person, seat_number=1)
    with pytest.raises(ValidationError) as exc:
        factories.appoint(eight_appointed, person, seat_number=1)
    assert set(exc.value.message_dict) == {"seat", "person"}


def test_appoint_warns_above_cross_membership_cap(db, settings):
    settings.MAX_BODIES_PER_PERSON = 1
    person = factories.PersonFactory()
    groups = [
        factories.seat_group(factories.BodyFactory(gender_balance_applies=False), count=1) for _ in range(2)
    ]
    factories.appoint(groups[0], person)
    result = services.membership_appoint(
        actor=None, seat=groups[1].seats.get(), person=person, role="member", start=D(2016, 2, 1), end=None
    )
    assert result.warnings and "권고 상한 1개" in result.warnings[0]


def test_personnel_move_carries_every_ex_officio_seat_with_history(db):
    post = factories.PostFactory(name="행정관리국장")
    first, second = factories.PersonFactory(), factories.PersonFactory()
    services.post_holder_change(actor=None, post=post, person=first, start=D(2015, 7, 1))
    bodies = [factories.BodyFactory(), factories.BodyFactory()]
    for body in bodies:
        group = factories.seat_group(body, post=post, effective=D(2016, 1, 15))
        Membership.objects.filter(seat__group=group).update(role=Membership.Role.CO_CHAIR_OFFICIAL)
    services.post_holder_change(actor=None, post=post, person=second, start=D(2020, 1, 1))
    for body in bodies:
        rows = list(
            Membership.objects.filter(body=body)
            .order_by("start")
            .values_list("person_id", "start", "end", "role")
        )
        assert rows == [
            (first.pk, D(2016, 1, 15), D(2019, 12, 31), "co_chair_official"),
            (second.pk, D(2020, 1, 1), None, "co_chair_official"),
        ]
    assert list(post.holdings.order_by("start").values_list("person_id", "end")) == [
        (first.pk, D(2019, 12, 31)),
        (second.pk, None),
    ]
    assert AuditEntry.objects.filter(action="ex_officio_seated").count() == 4


def test_personnel_move_refuses_date_before_current_holding(db):
    post = factories.PostFactory()
    services.post_holder_change(actor=None, post=post, person=factories.PersonFactory(), start=D(2020, 1, 1))
    with pytest.raises(ValidationError, match="이후여야"):
        services.post_holder_change(
            actor=None, post=post, person=factories.PersonFactory(), start=D(2019, 1, 1)
        )


def test_personnel_move_to_vacancy_leaves_seat_vacant(body):
    post = factories.PostFactory()
    services.post_holder_change(actor=None, post=post, person=factories.PersonFactory(), start=D(2015, 1, 1))
    factories.seat_group(body, post=post)
    services.post_holder_change(actor=None, post=post, person=None, start=D(2017, 1, 1))
    assert not Membership.objects.filter(body=body, end__isnull=True).exists()


def test_membership_end_refuses_ex_officio(body):
    post = factories.PostFactory()
    services.post_holder_change(actor=None, post=post, person=factories.PersonFactory(), start=D(2015, 1, 1))
    factories.seat_group(body, post=post)
    m = Membership.objects.get(body=body, seat__group__post=post, end__isnull=True)
    with pytest.raises(ValidationError, match="당연직 재임은 직위의 인사 발령으로 끝납니다"):
        services.membership_end(actor=None, membership=m, end=D(2016, 6, 1), reason="사임")
    m.refresh_from_db()
    assert m.end is None


def test_membership_end_requires_reason_and_sane_date(eight_appointed):
    m = factories.appoint(eight_appointed, factories.PersonFactory())
    with pytest.raises(ValidationError):
        services.membership_end(actor=None, membership=m, end=D(2015, 1, 1), reason="사임")
    with pytest.raises(ValidationError):
        services.membership_end(actor=None, membership=m, end=D(2016, 6, 1), reason=" ")
    services.membership_end(actor=None, membership=m, end=D(2016, 6, 1), reason="사임")
    m.refresh_from_db()
    assert (m.end, m.end_reason) == (D(2016, 6, 1), "사임")


# --- database constraints (these run on SQLite and on PostgreSQL) ---------------------------------


def test_db_refuses_two_members_in_one_seat_at_once(eight_appointed):
    seat = eight_appointed.seats.get(number=1)
    a, b = factories.PersonFactory(), factories.PersonFactory()
    Membership.objects.create(
        seat=seat, body=eight_appointed.body, person=a, start=D(2016, 1, 1), end=D(2017, 12, 31)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(seat=seat, body=eight_appointed.body, person=b, start=D(2017, 12, 31))
    Membership.objects.create(seat=seat, body=eight_appointed.body, person=b, start=D(2018, 1, 1))


def test_db_refuses_one_person_twice_in_one_body(eight_appointed):
    person = factories.PersonFactory()
    s1, s2 = eight_appointed.seats.all()[:2]
    Membership.objects.create(seat=s1, body=eight_appointed.body, person=person, start=D(2016, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(seat=s2, body=eight_appointed.body, person=person, start=D(2030, 1, 1))


def test_db_refuses_overlapping_update(eight_appointed):
    seat = eight_appointed.seats.get(number=1)
    Membership.objects.create(
        seat=seat,
        body=eight_appointed.body,
        person=factories.PersonFactory(),
        start=D(2016, 1, 1),
        end=D(2016, 12, 31),
    )
    later = Membership.objects.create(
        seat=seat, body=eight_appointed.body, person=factories.PersonFactory(), start=D(2017, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=later.pk).update(start=D(2016, 6, 1))


def test_db_refuses_overlapping_post_holdings(db):
    post = factories.PostFactory()
    PostHolding.objects.create(
        post=post, person=factories.PersonFactory(), start=D(2016, 1, 1), end=D(2016, 12, 31)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PostHolding.objects.create(
            post=post, person=factories.PersonFactory(), start=D(2016, 6, 1), end=D(2016, 7, 1)
        )


def test_db_refuses_end_before_start(eight_appointed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            seat=eight_appointed.seats.first(),
            body=eight_appointed.body,
            person=factories.PersonFactory(),
            start=D(2016, 1, 1),
            end=D(2015, 1, 1),
        )


def test_db_refuses_ex_officio_group_without_post(body):
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatGroup.objects.create(body=body, kind=SeatGroup.Kind.EX_OFFICIO, label="x", count=1)


def test_db_refuses_appointed_group_bound_to_post(body):
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatGroup.objects.create(
            body=body, kind=SeatGroup.Kind.APPOINTED, label="x", count=2, post=factories.PostFactory()
        )


def test_person_rejects_resident_registration_number(db):
    person = factories.PersonFactory.build(note="주민번호 800101-1234567")
    with pytest.raises(ValidationError, match="주민등록번호"):
        person.full_clean()


def test_services_write_audit_entries_with_actor(eight_appointed):
    actor = factories.staff_user()
    m = services.membership_appoint(
        actor=actor,
        seat=eight_appointed.seats.first(),
        person=factories.PersonFactory(),
        role="member",
        start=D(2016, 1, 1),
    ).obj
    entry = AuditEntry.objects.get(action="appoint", object_id=str(m.pk))
    assert entry.actor == actor
    assert entry.changes["start"] == [None, "2016-01-01"]
