"""Query counts of the public pages, constant in the number of rows."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from committees.models import Body
from meetings.models import Meeting
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
    # 1: the month's meetings with a public-minutes count; 2: their bodies
    with django_assert_num_queries(2):
        response = Client().get(reverse("public:calendar"), {"year": 2026, "month": 3})
    assert response.content.decode().count("삼월회의") == n


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
