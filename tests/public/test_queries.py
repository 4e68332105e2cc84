"""Query counts of the public pages, constant in the number of rows."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from committees.models import Body
from meetings.models import Meeting, Minutes
from tests import factories

pytestmark = pytest.mark.django_db
SEOUL = factories.SEOUL


@pytest.mark.parametrize("n", [1, 6])
def test_index_queries(django_assert_num_queries, n):
    for _ in range(n):
        factories.BodyFactory()
    # 1: the bodies with their seat and member counts as subqueries
    with django_assert_num_queries(1):
        response = Client().get(reverse("public:index"))
    assert response.content.decode().count("/public/bodies/") == n


@pytest.mark.parametrize("n", [1, 6])
def test_calendar_queries(django_assert_num_queries, n):
    body = factories.BodyFactory()
    for i in range(n):
        start = dt.datetime(2026, 3, 2 + i, 16, tzinfo=SEOUL)
        factories.MeetingFactory(
            bodies=[body], title=f"삼월회의{i}", starts_at=start, ends_at=start + dt.timedelta(hours=1)
        )
    march = {"year": 2026, "month": 3}
    # 1: the month's version; 2: the month's meetings with a public-minutes count; 3: their bodies
    with django_assert_num_queries(3):
        response = Client().get(reverse("public:calendar"), march)
    assert response.content.decode().count("삼월회의") == n
    # the next visit reads the version only and shows the same rows
    with django_assert_num_queries(1):
        again = Client().get(reverse("public:calendar"), march)
    assert again.content == response.content


def test_calendar_shows_a_change_at_once_although_its_rows_are_cached(db):
    body = factories.BodyFactory()
    start = dt.datetime(2026, 3, 2, 16, tzinfo=SEOUL)
    meeting = factories.MeetingFactory(
        bodies=[body], title="첫회의", starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    march = {"year": 2026, "month": 3}

    def page() -> str:
        return Client().get(reverse("public:calendar"), march).content.decode()

    assert "첫회의" in page()
    meeting.title = "바뀐회의"
    meeting.save()
    assert "바뀐회의" in page() and "첫회의" not in page()
    second = factories.MeetingFactory(
        bodies=[body], title="둘째회의", starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    assert "둘째회의" in page()
    minutes_link = reverse("public:minutes", args=[second.pk])
    minutes = factories.MinutesFactory(
        meeting=second,
        status=Minutes.Status.LOCKED,
        approved_at=start,
        is_public=False,
        nondisclosure_reason="정보공개법 제9조 제1항 제5호",
    )
    assert minutes_link not in page()
    # published without saving the meeting (an update that touches only the minutes row)
    Minutes.objects.filter(pk=minutes.pk).update(is_public=True, nondisclosure_reason="")
    assert minutes_link in page()
    meeting.status, meeting.cancelled_reason = "cancelled", "위원장 사정"
    meeting.save()
    assert "바뀐회의" not in page()


@pytest.mark.parametrize("n", [1, 6])
def test_body_queries(django_assert_num_queries, n):
    body = factories.BodyFactory(disclosure=Body.Disclosure.NAMES, gender_balance_applies=False)
    today = dt.date.today()
    for i in range(n):
        factories.member(
            body,
            factories.PersonFactory(name=f"공개{i}"),
            start=today - dt.timedelta(days=1),
            end=today + dt.timedelta(days=30),
        )
    # 1: the body; 2–4: seat groups, seats, current memberships with persons; 5: the years with meetings
    with django_assert_num_queries(5):
        response = Client().get(reverse("public:body", args=[body.pk]))
    assert response.content.decode().count("공개") >= n


@pytest.mark.parametrize("n", [1, 6])
def test_body_year_queries(django_assert_num_queries, n):
    body = factories.BodyFactory()
    for i in range(n):
        start = dt.datetime(2026, 1, 5 + i, 16, tzinfo=SEOUL)
        factories.MeetingFactory(
            bodies=[body],
            title=f"연간회의{i}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            status=Meeting.Status.HELD,
        )
    # 1: the body; 2: the held meetings with attendance counts; 3: their public minutes
    with django_assert_num_queries(3):
        response = Client().get(reverse("public:body_year", args=[body.pk, 2026]))
    assert response.content.decode().count("연간회의") == n
