"""Recording appointments: the 위촉 현황 page, the create/record/edit screens and their services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.models import Appointment
from committees.models import Membership
from seongdong_gov.models import AuditEntry
from tests import factories

D = dt.date
QUERIES = 9


@pytest.fixture
def body(db):
    return factories.BodyFactory(name="추진운영위원회", gender_balance_applies=False, reappointment_limit=1)


@pytest.fixture
def group(body):
    group = factories.seat_group(body, label="민간위원", count=4)
    group.recommender = "민간협의체"
    group.save()
    return group


@pytest.fixture
def staff(db):
    return factories.staff_user()


def _create(group, person, start, **kwargs):
    seat = group.seats.exclude(memberships__start__lte=start, memberships__end__gte=start).order_by("number")[
        0
    ]
    return services.appointment_create(
        actor=None, seat=seat, person=person, role=Membership.Role.MEMBER, start=start, **kwargs
    ).obj


# ---- services --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, expected_end",
    [
        (D(2016, 1, 15), D(2018, 1, 14)),
        (D(2016, 2, 29), D(2018, 2, 28)),  # no 29 February in 2018: last day of the month
        (D(2016, 3, 1), D(2018, 2, 28)),
    ],
)
def test_appointment_create_computes_term_end(group, start, expected_end):
    a = _create(group, factories.PersonFactory(), start, approval_number="자치행정과-510")
    assert (a.membership.start, a.membership.end) == (start, expected_end)
    assert a.recommended_by == "민간협의체"  # the seat's recommender by default
    assert a.approval_number == "자치행정과-510"
    assert AuditEntry.objects.filter(action="appoint").count() == 2  # membership and appointment


def test_appointment_create_replacement_ends_with_predecessor_term(group):
    first = _create(group, factories.PersonFactory(), D(2016, 1, 15))
    services.appointment_end(actor=None, appointment=first, kind="resignation", on=D(2016, 9, 30))
    second = _create(group, factories.PersonFactory(), D(2016, 11, 1), replaces=first)
    assert second.membership.end == D(2018, 1, 14)
    assert second.replaces == first


def test_appointment_create_reappointment_beyond_limit_needs_reason_and_rolls_back(group):
    person = factories.PersonFactory()
    _create(group, person, D(2016, 1, 15))
    second = _create(group, person, D(2018, 1, 15))
    assert second.is_reappointment
    before = Membership.objects.count()
    with pytest.raises(ValidationError) as exc:
        _create(group, person, D(2020, 1, 15))
    assert "연임 허용 횟수(1회)를 넘는 2번째 연임" in str(exc.value.message_dict["reappointment_reason"])
    assert Membership.objects.count() == before  # the membership written first was rolled back
    third = _create(group, person, D(2020, 1, 15), reappointment_reason="주민 추천 유일 후보")
    assert (third.is_reappointment, third.reappointment_reason) == (True, "주민 추천 유일 후보")


def test_appointment_record_sets_missing_end_and_audits(group):
    m = factories.appoint(group, factories.PersonFactory(), start=D(2016, 1, 15), end=None, seat_number=1)
    a = services.appointment_record(actor=None, membership=m, recommended_by="주민자치회")
    m.refresh_from_db()
    assert m.end == D(2018, 1, 14)
    assert a.recommended_by == "주민자치회"
    assert list(AuditEntry.objects.filter(action="term_set").values_list("object_id", flat=True)) == [
        str(m.pk)
    ]


def test_appointment_record_accepts_membership_ended_early_with_reason(group):
    m = factories.appoint(group, factories.PersonFactory(), start=D(2016, 1, 15), end=D(2018, 1, 14))
    from committees.services import membership_end

    membership_end(actor=None, membership=m, end=D(2017, 5, 31), reason="사임")
    a = services.appointment_record(actor=None, membership=m)
    assert services.scheduled_term_end(a) == D(2018, 1, 14)


def test_appointment_record_twice_refused(group):
    a = _create(group, factories.PersonFactory(), D(2016, 1, 15))
    with pytest.raises(ValidationError, match="이미 위촉 기록"):
        services.appointment_record(actor=None, membership=a.membership)


def test_appointment_update_records_changes_and_checks_reason(group):
    person = factories.PersonFactory()
    _create(group, person, D(2016, 1, 15))
    _create(group, person, D(2018, 1, 15))
    third = _create(group, person, D(2020, 1, 15), reappointment_reason="사유")
    with pytest.raises(ValidationError):
        services.appointment_update(
            actor=None,
            appointment=third,
            recommended_by="민간협의체",
            recommended_on=None,
            approval_number="",
            approval_date=None,
            reappointment_reason=" ",
        )
    services.appointment_update(
        actor=None,
        appointment=third,
        recommended_by="민간협의체",
        recommended_on=D(2019, 12, 20),
        approval_number="자치행정과-9",
        approval_date=D(2020, 1, 10),
        reappointment_reason="사유 보완",
    )
    third.refresh_from_db()
    assert (third.approval_number, third.reappointment_reason) == ("자치행정과-9", "사유 보완")
    entry = AuditEntry.objects.filter(action="update", object_id=str(third.pk)).get()
    assert entry.changes["approval_number"] == ["", "자치행정과-9"]


# ---- views -----------------------------------------------------------------------------------------


def test_create_view_saves_with_computed_end(login, staff, group, body):
    person = factories.PersonFactory(name="홍길동")
    seat = group.seats.get(number=1)
    response = login(staff).post(
        reverse("appointments:create", args=[body.pk]),
        {
            "seat": seat.pk,
            "person": person.pk,
            "role": "member",
            "start": "2016-01-15",
            "recommended_by": "",
            "recommended_on": "2015-12-28",
            "approval_number": "자치행정과-510",
            "approval_date": "2016-01-12",
        },
        follow=True,
    )
    a = Appointment.objects.get(membership__person=person)
    assert (a.membership.end, a.recommended_by, a.approval_date) == (
        D(2018, 1, 14),
        "민간협의체",
        D(2016, 1, 12),
    )
    assert response.redirect_chain[-1][0] == reverse("appointments:body", args=[body.pk])
    assert (
        "홍길동 님을 위촉했습니다. 위촉기간: 2016. 1. 15. ~ 2018. 1. 14. (2년)" in response.content.decode()
    )


def test_create_view_check_shows_term_without_saving(login, staff, group, body):
    person = factories.PersonFactory()
    response = login(staff).post(
        reverse("appointments:create", args=[body.pk]),
        {
            "seat": group.seats.get(number=1).pk,
            "person": person.pk,
            "role": "member",
            "start": "2016-02-29",
            "check": "1",
        },
    )
    html = response.content.decode()
    assert "위촉기간: 2016. 2. 29. ~ 2018. 2. 28. (2년)" in html
    assert not Membership.objects.filter(person=person).exists()


def test_create_view_rejected_form_keeps_input_and_explains(login, staff, group, body):
    person = factories.PersonFactory()
    _create(group, person, D(2016, 1, 15))
    _create(group, person, D(2018, 1, 15))
    data = {
        "seat": group.seats.get(number=3).pk,
        "person": person.pk,
        "role": "member",
        "start": "2020-01-15",
        "recommended_by": "동 주민자치회",
        "approval_number": "자치행정과-777",
        "approval_date": "2020-01-10",
    }
    response = login(staff).post(reverse("appointments:create", args=[body.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "연임 허용 횟수(1회)를 넘는 2번째 연임입니다" in html
    assert 'value="자치행정과-777"' in html and 'value="동 주민자치회"' in html
    assert Membership.objects.filter(person=person).count() == 2


def test_create_view_approval_date_before_recommendation_refused(login, staff, group, body):
    response = login(staff).post(
        reverse("appointments:create", args=[body.pk]),
        {
            "seat": group.seats.get(number=1).pk,
            "person": factories.PersonFactory().pk,
            "role": "member",
            "start": "2016-01-15",
            "recommended_on": "2016-01-10",
            "approval_number": "자치행정과-1",
            "approval_date": "2016-01-05",
        },
    )
    assert "결재일은 추천일보다 빠를 수 없습니다." in response.content.decode()
    assert not Appointment.objects.exists()


def test_record_view_for_member_seated_without_record(login, staff, group, body):
    m = factories.appoint(
        group, factories.PersonFactory(name="이추천"), start=D(2016, 1, 15), end=None, seat_number=1
    )
    page = login(staff).get(reverse("appointments:body", args=[body.pk]) + "?all=1").content.decode()
    url = reverse("appointments:record", args=[m.pk])
    assert url in page and "위촉 기록 없음" in page
    form_page = login(staff).get(url).content.decode()
    assert "위촉기간: 2016. 1. 15. ~ 2018. 1. 14. (2년)" in form_page
    login(staff).post(url, {"recommended_by": "민간협의체", "approval_number": "자치행정과-3"})
    m.refresh_from_db()
    assert (m.end, m.appointment.approval_number) == (D(2018, 1, 14), "자치행정과-3")
    assert login(staff).get(url).status_code == 404  # recorded: now edited through the edit screen


def test_edit_view_changes_recommendation(login, staff, group, body):
    a = _create(group, factories.PersonFactory(), D(2016, 1, 15))
    url = reverse("appointments:edit", args=[a.pk])
    assert "위촉기간: 2016. 1. 15. ~ 2018. 1. 14. (2년)" in login(staff).get(url).content.decode()
    login(staff).post(url, {"recommended_by": "주민자치회", "recommended_on": "2015-12-01"})
    a.refresh_from_db()
    assert (a.recommended_by, a.recommended_on) == ("주민자치회", D(2015, 12, 1))


@pytest.mark.parametrize("rows", [1, 4])
def test_body_page_query_count(login, staff, group, body, rows, django_assert_num_queries):
    for _ in range(rows):
        _create(group, factories.PersonFactory(), D(2016, 1, 15))
    client = login(staff)
    url = reverse("appointments:body", args=[body.pk]) + "?all=1"
    # session, user, roles (one query), body, memberships joined with person,
    # seat group and appointment, certificates (prefetch), then the session save (SESSION_SAVE_EVERY_REQUEST:
    # savepoint, update, release): the same for 1 and many rows
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.content.decode().count("위촉 기록 수정") == rows


def test_admin_appointment_is_read_only(client, group):
    a = _create(group, factories.PersonFactory(), D(2016, 1, 15))
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("admin:appointments_appointment_add")).status_code == 403
    change = client.get(reverse("admin:appointments_appointment_change", args=[a.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    client.post(reverse("admin:appointments_appointment_change", args=[a.pk]), {"recommended_by": "변경"})
    a.refresh_from_db()
    assert a.recommended_by == "민간협의체"


def test_demo_staff_reaches_body_appointments_from_body_detail(demo, client):
    from django.contrib.auth import get_user_model

    from committees.models import Body

    client.force_login(get_user_model().objects.get(username="staff"))
    body = Body.objects.get(name="추진운영위원회")
    detail = client.get(body.get_absolute_url()).content.decode()
    url = reverse("appointments:body", args=[body.pk])
    assert f'href="{url}"' in detail
    page = client.get(url + "?all=1").content.decode()
    assert "자치행정과-402" in page and "자치행정과-510" in page  # the 2026 and 2016 cohorts
    assert "제2016-001호" in page
    index = client.get(reverse("appointments:bodies")).content.decode()
    assert url in index


def test_create_view_offers_only_early_ended_predecessors(login, staff, group, body):
    resigned = _create(group, factories.PersonFactory(name="사임위원"), D(2016, 1, 15))
    _create(group, factories.PersonFactory(name="재임위원"), D(2016, 1, 15))
    services.appointment_end(actor=None, appointment=resigned, kind="resignation", on=D(2016, 9, 30))
    html = login(staff).get(reverse("appointments:create", args=[body.pk])).content.decode()
    assert "사임위원 · 민간위원 (2016. 1. 15. ~ 2016. 9. 30. 재임, 임기 2018. 1. 14.까지)" in html
    assert "재임위원 ·" not in html


def test_body_appointments_rows_escape_and_link(client, group, body):
    """위촉 현황 rows (appointments.markup.appointment_rows_html): the record's values escaped, the
    certificate linked for administrators only, and a membership without a record offered its record."""
    today = timezone.localdate()
    recorded = _create(
        group,
        factories.PersonFactory(name="김 <위원>"),
        today - dt.timedelta(days=10),
        recommended_by="A&B 협의체",
        recommended_on=today - dt.timedelta(days=20),
        approval_number="자치행정과-<1>",
    )
    (certificate,) = services.certificate_issue(actor=None, appointments=[recorded], issued_on=today)
    bare = factories.appoint(
        group, factories.PersonFactory(name='이 "기록없음"'), start=today, end=None, seat_number=4
    )
    client.force_login(factories.staff_user())
    table = (
        client.get(reverse("appointments:body", args=[body.pk]))
        .content.decode()
        .split('id="appointments"')[1]
    )
    assert "김 &lt;위원&gt;" in table and "A&amp;B 협의체" in table and "자치행정과-&lt;1&gt;" in table
    assert "<위원>" not in table and "신규" in table and "민간위원 " in table
    assert (
        certificate.number in table
        and reverse("appointments:certificate_pdf", args=[certificate.pk]) not in table
    )
    assert reverse("appointments:edit", args=[recorded.pk]) in table
    assert reverse("appointments:end", args=[recorded.pk]) not in table  # ending is the administrator's
    assert "이 &quot;기록없음&quot;" in table and "위촉 기록 없음" in table
    assert reverse("appointments:record", args=[bare.pk]) in table
    client.force_login(factories.admin_user())
    table = (
        client.get(reverse("appointments:body", args=[body.pk]))
        .content.decode()
        .split('id="appointments"')[1]
    )
    assert reverse("appointments:certificate_pdf", args=[certificate.pk]) in table
    assert reverse("appointments:end", args=[recorded.pk]) in table
