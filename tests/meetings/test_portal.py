"""The member portal at scale: the next upcoming meetings and one page of past ones, split in SQL,
in a constant number of queries; past meetings beyond the page are paginated, not dropped."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committees.models import Body
from meetings.selectors import UPCOMING_MAX
from meetings.views.portal import PAST_PER_PAGE
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")


def _at(days: int) -> dt.datetime:
    return dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(16, 0), tzinfo=SEOUL)


@pytest.fixture
def member(db):
    """A member of two bodies (the portal gathers the meetings of all of them)."""
    today = timezone.localdate()
    first = factories.member(
        factories.BodyFactory(), start=today - dt.timedelta(days=900), end=today + dt.timedelta(days=300)
    )
    factories.member(
        factories.BodyFactory(),
        first.person,
        start=today - dt.timedelta(days=900),
        end=today + dt.timedelta(days=300),
    )
    return factories.user_for(first.person, username="portal_member")


def _meetings(user, *, past: int, upcoming: int) -> None:
    bodies = list(Body.objects.filter(memberships__person=user.person).order_by("pk"))
    for i in range(past):
        factories.MeetingFactory(
            bodies=[bodies[i % 2]],
            title=f"지난 {i:03d}",
            starts_at=_at(-1 - i),
            ends_at=_at(-1 - i) + dt.timedelta(hours=1),
        )
    for i in range(upcoming):
        factories.MeetingFactory(
            bodies=[bodies[i % 2]],
            title=f"예정 {i:03d}",
            starts_at=_at(1 + i),
            ends_at=_at(1 + i) + dt.timedelta(hours=1),
        )


@pytest.mark.parametrize("rows", [1, 60])
def test_portal_queries_constant_in_meetings(login, member, rows, django_assert_num_queries, no_n_plus_one):
    _meetings(member, past=rows, upcoming=rows)
    client = login(member)
    client.get(reverse("meetings:portal"))  # warm the session
    # Constant for 1 and 60 of each: session, user, roles (one query), context processors, the upcoming meetings
    # (UPCOMING_MAX + 1), the past meetings' page with their minutes (no count), feed token, written
    # resolutions, the open electronic ballot boxes (issue 15 §2).
    # +1 over 12: the header's unread-notification count; +1: the meetings sitting now (the live panel);
    # no session write (the warm-up stamped it: saved at most once per SESSION_REFRESH_SECONDS)
    with django_assert_num_queries(10), no_n_plus_one():
        response = client.get(reverse("meetings:portal"))
    html = response.content.decode()
    assert "예정 000" in html and "지난 000" in html
    assert html.count("예정 ") == min(rows, UPCOMING_MAX)
    assert ('data-testid="more-upcoming"' in html) == (rows > UPCOMING_MAX)


def test_portal_past_paginated_not_dropped(login, member):
    _meetings(member, past=PAST_PER_PAGE + 5, upcoming=0)
    client = login(member)
    first = client.get(reverse("meetings:portal")).content.decode()
    assert "지난 000" in first and f"지난 {PAST_PER_PAGE - 1:03d}" in first
    assert f"지난 {PAST_PER_PAGE:03d}" not in first and 'rel="next"' in first
    second = client.get(reverse("meetings:portal"), {"page": 2}).content.decode()
    assert f"지난 {PAST_PER_PAGE + 4:03d}" in second and "지난 000" not in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert f"{PAST_PER_PAGE + 1}–{PAST_PER_PAGE + 5}번째" in second


def test_portal_past_page_beyond_the_end_links_back(login, member):
    """A stale `?page=` past the last past meeting shows an empty page with the way back, not an error."""
    _meetings(member, past=3, upcoming=0)
    client = login(member)
    page = client.get(reverse("meetings:portal"), {"page": 5}).content.decode()
    assert "지난 회의가 없습니다." in page and 'rel="prev"' in page and "지난 000" not in page
    assert 'href="?page=4"' in page


def test_portal_past_counts_no_rows(login, member):
    """The past list reads one page and one row more, never a COUNT over every past meeting."""
    _meetings(member, past=PAST_PER_PAGE + 5, upcoming=0)
    client = login(member)
    client.get(reverse("meetings:portal"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("meetings:portal"))
    assert not [
        q for q in queries.captured_queries if "COUNT(" in q["sql"] and "meetings_meeting" in q["sql"]
    ]


def test_portal_lists_escape_titles_and_link_minutes(login, member):
    """The lists written in Python (meetings.markup): titles escaped, a past meeting linked to its
    minutes once they are approved, not while a draft."""
    bodies = list(Body.objects.filter(memberships__person=member.person).order_by("pk"))
    soon = factories.MeetingFactory(
        bodies=[bodies[0]], title="예정 <b>&", starts_at=_at(2), ends_at=_at(2) + dt.timedelta(hours=1)
    )
    done = factories.MeetingFactory(
        bodies=[bodies[0]], title='지난 "회의"', starts_at=_at(-2), ends_at=_at(-2) + dt.timedelta(hours=1)
    )
    draft = factories.MinutesFactory(meeting=done)
    client = login(member)
    html = client.get(reverse("meetings:portal")).content.decode()
    assert (
        "예정 &lt;b&gt;&amp;" in html
        and "<b>&" not in html
        and reverse("meetings:detail", args=[soon.pk]) in html
    )
    assert "지난 &quot;회의&quot;" in html and reverse("meetings:minutes", args=[done.pk]) not in html
    type(draft).objects.filter(pk=draft.pk).update(
        status=type(draft).Status.APPROVED, approved_at=timezone.now()
    )
    html = client.get(reverse("meetings:portal")).content.decode()
    assert reverse("meetings:minutes", args=[done.pk]) in html


def test_portal_past_reads_no_frozen_record(login, member):
    """내 회의 shows a past meeting's minutes link from their status: the page's query leaves out the
    locked minutes' frozen record (a record of 100 members is tens of KB, twenty a page)."""
    _meetings(member, past=2, upcoming=0)
    factories.MinutesFactory(meeting=factories.MeetingFactory._meta.model.objects.get(title="지난 000"))
    client = login(member)
    client.get(reverse("meetings:portal"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("meetings:portal")).content.decode()
    past = [q["sql"] for q in queries.captured_queries if "meetings_minutes" in q["sql"]]
    assert past and not [sql for sql in past if '"record"' in sql]
    assert "지난 000" in page and "지난 001" in page
