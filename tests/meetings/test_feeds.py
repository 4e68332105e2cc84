"""Calendar feeds: bounded to the past 12 months and the future, versioned, 304 when unchanged,
and a constant number of queries however many meetings the window holds."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")


def _at(days: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(16, 0), tzinfo=SEOUL)


def _meeting(body, days: int, title: str) -> Meeting:
    return factories.MeetingFactory(
        bodies=[body], title=title, starts_at=_at(days), ends_at=_at(days) + dt.timedelta(hours=1)
    )


@pytest.fixture
def staff_feed(db, client):
    """The staff's feed URL (staff see every meeting of the district), fetched without a login."""
    user = factories.staff_user()
    services.feed_token_renew(actor=user)
    return reverse("meetings:feed", args=[user.meeting_feed.token])


def _titles(response) -> set[str]:
    return {str(e["summary"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_feed_bounded_to_past_year_and_future(client, staff_feed):
    body = factories.BodyFactory()
    _meeting(body, -400, "오래된 회의")
    _meeting(body, -300, "지난 회의")
    _meeting(body, 900, "먼 회의")
    assert _titles(client.get(staff_feed)) == {"지난 회의", "먼 회의"}


def test_feed_304_on_repeat_with_etag(client, staff_feed):
    body = factories.BodyFactory()
    m = _meeting(body, 10, "정기회의")
    first = client.get(staff_feed)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get(staff_feed, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content) == (304, b"")
    since = client.get(staff_feed, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # a change to a meeting in the window is a new version
    services.meeting_cancel(actor=None, meeting=m, reason="태풍")
    changed = client.get(staff_feed, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    # and so is a new meeting
    _meeting(body, 20, "임시회의")
    added = client.get(staff_feed, HTTP_IF_NONE_MATCH=changed["ETag"])
    assert added.status_code == 200 and "임시회의" in _titles(added)


def test_feed_body_stable_while_unchanged(client, staff_feed):
    """DTSTAMP is the meeting's last change, so two renders of an unchanged feed are identical."""
    _meeting(factories.BodyFactory(), 10, "정기회의")
    assert client.get(staff_feed).content == client.get(staff_feed).content


@pytest.mark.parametrize("rows", [1, 30])
def test_feed_query_count_constant(client, staff_feed, rows, django_assert_num_queries, no_n_plus_one):
    body = factories.BodyFactory()
    for i in range(rows):
        _meeting(body, i - 100, f"회의 {i}")
    # token with its user, roles (one query), the window's version (one
    # aggregate), the window's meetings
    with django_assert_num_queries(4), no_n_plus_one():
        response = client.get(staff_feed)
    assert len(_titles(response)) == rows
    # an unchanged feed: the same, without loading a meeting
    with django_assert_num_queries(3):
        assert client.get(staff_feed, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_member_feed_holds_only_own_bodies(client, db):
    body, other = factories.BodyFactory(), factories.BodyFactory()
    membership = factories.member(
        body,
        start=timezone.localdate() - dt.timedelta(days=10),
        end=timezone.localdate() + dt.timedelta(days=300),
    )
    user = factories.user_for(membership.person)
    services.feed_token_renew(actor=user)
    _meeting(body, 5, "우리 회의")
    _meeting(other, 5, "남의 회의")
    assert _titles(client.get(reverse("meetings:feed", args=[user.meeting_feed.token]))) == {"우리 회의"}


def test_meeting_ics_304_until_saved(login, db):
    m = _meeting(factories.BodyFactory(), 10, "정기회의")
    client = login(factories.staff_user())
    url = reverse("meetings:ics", args=[m.pk])
    first = client.get(url)
    assert first.status_code == 200 and "정기회의" in _titles(first)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    services.meeting_cancel(actor=None, meeting=m, reason="태풍")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_feed_rendered_once_per_version(db, client):
    """A feed polled again without If-None-Match is served from the per-process cache of its version:
    the same body with one query fewer (the events are not loaded); a change to a meeting makes a new
    version, rendered afresh."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.models import FeedToken

    staff = factories.staff_user()
    meeting = factories.MeetingFactory(title="캐시 회의")
    services.feed_token_renew(actor=staff)
    url = reverse("meetings:feed", args=[FeedToken.objects.get(user=staff).token])
    with CaptureQueriesContext(connection) as first_q:
        first = client.get(url)
    assert "캐시 회의" in first.content.decode()
    with CaptureQueriesContext(connection) as again_q:
        again = client.get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert len(again_q.captured_queries) == len(first_q.captured_queries) - 1
    assert not any(
        'FROM "meetings_meeting"' in q["sql"] and "COUNT" not in q["sql"] for q in again_q.captured_queries
    )
    meeting.title = "바뀐 회의"
    meeting.save()
    changed = client.get(url)
    assert changed["ETag"] != first["ETag"]
    assert "바뀐 회의" in changed.content.decode()
