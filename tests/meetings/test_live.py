"""The sitting, live (issue 15 §3): the item under discussion, the room's screen behind its secret link,
and the member's phone panel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from meetings import selectors, services
from meetings.models import AgendaItem, Meeting, ScreenLink
from seongdong_gov.models import AuditEntry
from tests import factories

SEOUL = factories.SEOUL
TODAY = dt.date.today()


def _sitting(body, *, started_minutes_ago: int = 30, **fields) -> Meeting:
    """A meeting of `body` that started a while ago (notice sent, not yet marked held)."""
    starts = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=started_minutes_ago)
    fields.setdefault("status", Meeting.Status.NOTICE_SENT)
    fields.setdefault("agenda_published", True)
    return factories.MeetingFactory(
        bodies=[body],
        title="제3차 추진운영위원회",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        **fields,
    )


def _items(meeting, minutes=(5, 10, 20)) -> list[AgendaItem]:
    titles = ["개회", "경과보고", "위원장 호선", "의견수렴"]
    return [
        AgendaItem.objects.create(
            meeting=meeting, order=i + 1, kind="report", title=titles[i], planned_minutes=m
        )
        for i, m in enumerate(minutes)
    ]


def _members(body, n: int):
    return [
        factories.member(body, start=TODAY - dt.timedelta(days=5), end=TODAY + dt.timedelta(days=700))
        for _ in range(n)
    ]


@pytest.fixture
def world(role_world):
    body = role_world.body  # the role world's member sits on it; the secretary keeps it
    meeting = _sitting(body)
    items = _items(meeting)
    extra = _members(body, 4)  # 5 enrolled in all
    for m in extra[:3]:
        factories.AttendanceFactory(meeting=meeting, membership=m)
    return {"meeting": meeting, "items": items, "users": role_world.users, "body": body}


# --- services -----------------------------------------------------------------------------------------


def test_current_item_set_and_cleared_is_audited(world):
    meeting, item, secretary = world["meeting"], world["items"][1], world["users"]["secretary"]
    services.meeting_current_item_set(actor=secretary, meeting=meeting, item=item)
    meeting.refresh_from_db()
    assert meeting.current_item == item
    entry = AuditEntry.objects.get(action="current_item")
    assert (entry.actor, entry.changes, entry.note) == (
        secretary,
        {"current_item": [None, item.pk]},
        "2. 경과보고",
    )
    services.meeting_current_item_set(actor=secretary, meeting=meeting, item=None)
    meeting.refresh_from_db()
    assert meeting.current_item is None
    assert AuditEntry.objects.filter(action="current_item").count() == 2


def test_current_item_refused_before_the_meeting_starts(world):
    future = factories.MeetingFactory(bodies=[world["body"]], status=Meeting.Status.NOTICE_SENT)
    item = AgendaItem.objects.create(meeting=future, order=1, kind="report", title="보고")
    with pytest.raises(ValidationError, match="회의 시작") as exc:
        services.meeting_current_item_set(actor=None, meeting=future, item=item)
    assert exc.value.code == "not_started"
    future.refresh_from_db()
    assert future.current_item is None


@pytest.mark.parametrize(
    "status", [Meeting.Status.PLANNED, Meeting.Status.MINUTES_APPROVED, Meeting.Status.CANCELLED]
)
def test_current_item_refused_outside_the_sitting(world, status):
    meeting = world["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(status=status, cancelled_reason="사유")
    with pytest.raises(ValidationError, match="진행 안건 지정할 수 없습니다"):
        services.meeting_current_item_set(actor=None, meeting=meeting, item=world["items"][0])


def test_current_item_of_another_meeting_is_refused(world):
    other = _sitting(world["body"])
    stranger = AgendaItem.objects.create(meeting=other, order=1, kind="report", title="남의 안건")
    with pytest.raises(ValidationError, match="이 회의의 안건이 아닙니다"):
        services.meeting_current_item_set(actor=None, meeting=world["meeting"], item=stranger)
    assert Meeting.objects.get(pk=world["meeting"].pk).current_item_id is None


def test_screen_link_stores_only_a_digest_and_a_new_one_revokes_the_old(world):
    meeting, secretary = world["meeting"], world["users"]["secretary"]
    first = services.screen_link_create(actor=secretary, meeting=meeting)
    assert len(first) >= 43  # 32 random bytes, URL-safe base64: 256 bits
    link = ScreenLink.objects.get(meeting=meeting)
    assert link.digest == selectors.screen_digest(first) and first not in link.digest
    assert selectors.screen_meeting(first) == meeting
    second = services.screen_link_create(actor=secretary, meeting=meeting)
    assert second != first
    assert selectors.screen_meeting(first) is None
    assert selectors.screen_meeting(second) == meeting
    assert ScreenLink.objects.filter(meeting=meeting, revoked_at__isnull=True).count() == 1
    actions = list(
        AuditEntry.objects.filter(action__startswith="screen_link")
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions == [
        ("screen_link_create", secretary.pk),
        ("screen_link_revoke", secretary.pk),
        ("screen_link_create", secretary.pk),
    ]


def test_screen_link_revoke_and_nothing_to_revoke(world):
    meeting = world["meeting"]
    token = services.screen_link_create(actor=None, meeting=meeting)
    assert services.screen_link_revoke(actor=None, meeting=meeting) == 1
    assert selectors.screen_meeting(token) is None
    with pytest.raises(ValidationError, match="폐기할 회의장 화면 주소가 없습니다"):
        services.screen_link_revoke(actor=None, meeting=meeting)


def test_screen_link_refused_for_a_cancelled_meeting(world):
    meeting = world["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED, cancelled_reason="사유")
    with pytest.raises(ValidationError, match="회의장 화면 주소 발급할 수 없습니다"):
        services.screen_link_create(actor=None, meeting=meeting)
    assert not ScreenLink.objects.exists()


# --- selectors ----------------------------------------------------------------------------------------


def test_live_items_time_the_current_item_from_the_run_of_show(world):
    meeting, items = world["meeting"], world["items"]  # 5, 10 and 20 minutes
    meeting.current_item = items[1]
    current, following = selectors.live_items(meeting)
    start = timezone.localtime(meeting.starts_at)
    assert (current.title, current.slot_start, current.slot_end) == (
        "경과보고",
        start + dt.timedelta(minutes=5),
        start + dt.timedelta(minutes=15),
    )
    assert (following.title, following.slot_start) == ("위원장 호선", start + dt.timedelta(minutes=15))
    meeting.current_item = items[2]
    assert selectors.live_items(meeting)[1] is None
    meeting.current_item = None
    assert selectors.live_items(meeting) == (None, None)


def test_live_state_counts_who_is_present_now(world):
    meeting = world["meeting"]
    state = selectors.live_state(meeting, now=timezone.now())
    q = state["panel"].quorum
    assert (q.enrolled, q.present, q.needed, q.met) == (5, 3, 3, True)
    assert state["vote_in_progress"] is None  # issue 15 §2 fills it
    # one member left ten minutes ago: no longer present
    a = meeting.attendances.first()
    a.arrived_at, a.left_at = meeting.starts_at, timezone.now() - dt.timedelta(minutes=10)
    a.save()
    q = selectors.live_state(meeting, now=timezone.now())["panel"].quorum
    assert (q.present, q.met, q.missing) == (2, False, 1)


def test_my_live_meetings_are_the_sitting_ones_of_my_bodies(role_world):
    body = role_world.body
    sitting = _sitting(body)
    _sitting(body, started_minutes_ago=60 * 6)  # ended hours ago
    factories.MeetingFactory(bodies=[body], status=Meeting.Status.NOTICE_SENT)  # next month
    _sitting(role_world.other_body)  # not the member's body
    _sitting(body, status=Meeting.Status.CANCELLED, cancelled_reason="사유")
    roles = __import__("committees.permissions", fromlist=["roles_for"]).roles_for(role_world.users["member"])
    assert list(selectors.my_live_meetings(roles, now=timezone.now())) == [sitting]


# --- the room's screen --------------------------------------------------------------------------------


def _screen_world(world):
    meeting, items = world["meeting"], world["items"]
    services.meeting_current_item_set(actor=None, meeting=meeting, item=items[1])
    factories.VoteFactory(item=items[0], yes=4, no=1, abstain=0, outcome_label="가결")
    return services.screen_link_create(actor=None, meeting=meeting)


def test_screen_page_shows_the_meeting_live_without_login(client, world):
    token = _screen_world(world)
    response = client.get(reverse("screen:page", args=[token]))
    assert response.status_code == 200
    html = response.content.decode()
    start = timezone.localtime(world["meeting"].starts_at)
    slot = f"{start + dt.timedelta(minutes=5):%H:%M}–{start + dt.timedelta(minutes=15):%H:%M}"
    for text in [
        "추진운영위원회",
        "제3차 추진운영위원회",
        "2. 경과보고",
        slot,
        "다음: 3. 위원장 호선",
        '<dd data-testid="present">3</dd>',
        '<dd data-testid="enrolled">5</dd>',
        '<dd data-testid="needed">3</dd>',
        "1. 개회 — <strong>가결</strong> (찬성 4 · 반대 1 · 기권 0 / 표결 5명)",
        '<meta name="robots" content="noindex, nofollow">',
        '"includeIndicatorStyles":false',
        f'hx-get="/screen/{token}/state/?v=',
        'hx-trigger="every 2s"',
    ]:
        assert text in html, text
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "<style" not in html and "style=" not in html and "<script>" not in html
    assert not response.cookies  # no session made for the projector
    # nothing about people: the members' names are not on the screen
    assert world["users"]["member"].person.name not in html


def test_screen_state_answers_204_until_something_changes(client, world):
    token = _screen_world(world)
    url = reverse("screen:state", args=[token])
    first = client.get(url)
    assert first.status_code == 200 and "2. 경과보고" in first.content.decode()
    assert "no-store" in first["Cache-Control"]
    version = first.content.decode().split("?v=")[1].split('"')[0]
    assert client.get(url, {"v": version}).status_code == 204
    services.meeting_current_item_set(actor=None, meeting=world["meeting"], item=world["items"][2])
    changed = client.get(url, {"v": version})
    assert changed.status_code == 200 and "3. 위원장 호선" in changed.content.decode()


def test_unknown_and_revoked_screen_links_are_404(client, world):
    token = _screen_world(world)
    assert client.get(reverse("screen:page", args=["guessed-token"])).status_code == 404
    assert client.get(reverse("screen:state", args=["x" * 500])).status_code == 404
    services.screen_link_revoke(actor=None, meeting=world["meeting"])
    assert client.get(reverse("screen:page", args=[token])).status_code == 404
    gone = client.get(reverse("screen:state", args=[token]))
    # the notice a polling screen swaps in; it carries no poll, so the screen stops asking
    assert gone.status_code == 404 and "더 이상 쓸 수 없습니다" in gone.content.decode()
    assert "hx-get" not in gone.content.decode() and "no-store" in gone["Cache-Control"]


@pytest.mark.parametrize("n", [1, 30])
def test_screen_state_queries_do_not_grow(client, django_assert_num_queries, no_n_plus_one, role_world, n):
    body = role_world.body
    meeting = _sitting(body)
    items = _items(meeting, minutes=(5, 10, 20, 15))
    for m in _members(body, n):
        factories.AttendanceFactory(meeting=meeting, membership=m)
    for item in items[:2]:
        factories.VoteFactory(item=item)
    services.meeting_current_item_set(actor=None, meeting=meeting, item=items[-1])
    token = services.screen_link_create(actor=None, meeting=meeting)
    url = reverse("screen:state", args=[token])
    # the link with its meeting and host body, the bodies, the agenda, 재적, attendance, the open ballot
    # box with its count of voter marks, the last vote; 재적's persons come by key (one more)
    with django_assert_num_queries(8), no_n_plus_one():
        response = client.get(url)
    assert f'<dd data-testid="enrolled">{n + 1}</dd>' in response.content.decode()


# --- the secretary's page and the member's phone ------------------------------------------------------


def test_live_control_sets_the_current_item(client, world):
    meeting, items = world["meeting"], world["items"]
    client.force_login(world["users"]["secretary"])
    url = reverse("meetings:live_control", args=[meeting.pk])
    assert (
        f'href="{url}" data-testid="live-control"' in client.get(meeting.get_absolute_url()).content.decode()
    )
    page = client.get(url).content.decode()
    assert "2. 경과보고" in page and 'data-testid="screen-link-none"' in page
    response = client.post(url, {"item": items[1].pk}, follow=True)
    assert "진행 중인 안건: 2. 경과보고" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).current_item == items[1]
    client.post(url, {"item": ""})
    assert Meeting.objects.get(pk=meeting.pk).current_item is None


def test_live_control_shows_the_refusal_before_the_start(client, world):
    future = factories.MeetingFactory(bodies=[world["body"]], status=Meeting.Status.NOTICE_SENT)
    item = AgendaItem.objects.create(meeting=future, order=1, kind="report", title="보고")
    client.force_login(world["users"]["secretary"])
    response = client.post(reverse("meetings:live_control", args=[future.pk]), {"item": item.pk})
    assert response.status_code == 200
    assert (
        "회의 시작(" in response.content.decode()
        and "진행 안건 지정할 수 없습니다" in response.content.decode()
    )


def test_screen_link_is_shown_once_then_revoked(client, world):
    meeting = world["meeting"]
    client.force_login(world["users"]["secretary"])
    response = client.post(reverse("meetings:screen_link_create", args=[meeting.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    url = response.content.decode().split('data-testid="screen-url"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert url.startswith("http://testserver/screen/")
    assert client.get(url).status_code == 200
    page = client.get(reverse("meetings:live_control", args=[meeting.pk])).content.decode()
    assert 'data-testid="screen-link-live"' in page and "secretary" in page and url not in page
    client.post(reverse("meetings:screen_link_revoke", args=[meeting.pk]))
    assert client.get(url).status_code == 404


def test_member_live_shows_the_current_item(client, world):
    meeting, items = world["meeting"], world["items"]
    services.meeting_current_item_set(actor=None, meeting=meeting, item=items[2])
    client.force_login(world["users"]["member"])
    response = client.get(reverse("meetings:live", args=[meeting.pk]))
    html = response.content.decode()
    start = timezone.localtime(meeting.starts_at)
    assert "3. 위원장 호선" in html
    assert f"({start + dt.timedelta(minutes=15):%H:%M}–{start + dt.timedelta(minutes=35):%H:%M})" in html
    assert f'hx-get="/meetings/{meeting.pk}/live/?v=' in html and "no-store" in response["Cache-Control"]
    version = html.split("?v=")[1].split('"')[0]
    assert client.get(reverse("meetings:live", args=[meeting.pk]), {"v": version}).status_code == 204


def test_member_live_hides_a_draft_agenda_and_other_bodies_get_404(client, world):
    meeting, items = world["meeting"], world["items"]
    services.meeting_current_item_set(actor=None, meeting=meeting, item=items[2])
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published=False)
    client.force_login(world["users"]["member"])
    assert "위원장 호선" not in client.get(reverse("meetings:live", args=[meeting.pk])).content.decode()
    client.force_login(world["users"]["secretary_other"])
    assert client.get(reverse("meetings:live", args=[meeting.pk])).status_code == 404


def test_portal_polls_the_sitting_meeting(client, world):
    """The portal's first answer holds the panel as the poll gives it, so the first poll is a 204 and the
    page does not move under the member's finger (the ballot button sits below the panel)."""
    meeting, items = world["meeting"], world["items"]
    services.meeting_current_item_set(actor=None, meeting=meeting, item=items[2])
    client.force_login(world["users"]["member"])
    html = client.get(reverse("meetings:portal")).content.decode()
    assert f'hx-get="/meetings/{meeting.pk}/live/?v=' in html and 'hx-trigger="every 2s"' in html
    assert "지금 회의 중" in html and "제3차 추진운영위원회" in html
    assert f"{items[2].order}. {items[2].title}" in html
    version = html.split(f"/meetings/{meeting.pk}/live/?v=")[1].split('"')[0]
    assert client.get(reverse("meetings:live", args=[meeting.pk]), {"v": version}).status_code == 204
    assert "vendor/htmx/htmx.min.js" in html and '"includeIndicatorStyles":false' in html
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    html = client.get(reverse("meetings:portal")).content.decode()
    assert "hx-get" not in html and "htmx.min.js" not in html


# --- races (PostgreSQL: row locks decide; SQLite has one writer at a time) ----------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers; CI runs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_screen_links_made_at_once_leave_one_live():
    from tests.test_races import _at_once

    body = factories.BodyFactory()
    meeting = _sitting(body)
    for _ in range(3):  # a race is a matter of timing: a few rounds make a lucky pass unlikely
        tokens = _at_once(
            lambda: services.screen_link_create(actor=None, meeting=meeting),
            lambda: services.screen_link_create(actor=None, meeting=meeting),
        )
        assert all(isinstance(t, str) for t in tokens), tokens  # neither failed on the one-live constraint
        assert ScreenLink.objects.filter(meeting=meeting, revoked_at__isnull=True).count() == 1
        assert sorted(selectors.screen_meeting(t) is not None for t in tokens) == [False, True]


@pytest.mark.parametrize("n", [1, 30])
def test_member_live_queries_do_not_grow(client, django_assert_num_queries, no_n_plus_one, role_world, n):
    meeting = _sitting(role_world.body)
    items = [
        AgendaItem.objects.create(meeting=meeting, order=i + 1, kind="report", title=f"안건{i}")
        for i in range(n)
    ]
    services.meeting_current_item_set(actor=None, meeting=meeting, item=items[-1])
    client.force_login(role_world.users["member"])
    url = reverse("meetings:live", args=[meeting.pk])
    client.get(url)  # warm the session
    # session, user, roles (one query), the meeting with its host body, its bodies, the agenda, the open ballot box;
    # no session write: the warm-up stamped it, and it is saved at most once per SESSION_REFRESH_SECONDS
    with django_assert_num_queries(7), no_n_plus_one():
        response = client.get(url)
    assert f"{n}. 안건{n - 1}" in response.content.decode()


def test_member_live_stops_polling_after_the_sitting(client, world):
    meeting = world["meeting"]
    client.force_login(world["users"]["member"])
    url = reverse("meetings:live", args=[meeting.pk])
    assert "hx-get" in client.get(url).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    html = client.get(url).content.decode()
    # the last answer carries no poll: the phone stops asking, and stops renewing the session
    assert "hx-get" not in html and "회의 종료: <a href=" in html and "제3차 추진운영위원회</a>" in html


def test_member_live_poll_without_a_session_refreshes_the_page(client, world):
    url = reverse("meetings:live", args=[world["meeting"].pk])
    polled = client.get(url, headers={"HX-Request": "true"})
    assert (polled.status_code, polled["HX-Refresh"]) == (204, "true")
    assert client.get(url).status_code == 302  # a plain request: the login page, as everywhere


def test_screen_and_phone_show_the_vote_in_progress_count_never_the_choices(client, world):
    """An open electronic vote (issue 15 §2): the room's screen shows how many have voted, the member's
    phone links to the ballot; neither shows how anyone voted. Closed or voided boxes are not shown."""
    meeting, items = world["meeting"], world["items"]
    token = _screen_world(world)
    box = factories.BallotBoxFactory(item=items[2])
    present = [a.membership for a in meeting.attendances.all()]
    for membership, choice in zip(present[:2], ["yes", "no"], strict=True):
        factories.VoterMarkFactory(box=box, membership=membership)
        factories.SecretBallotFactory(box=box, choice=choice)
    screen = client.get(reverse("screen:state", args=[token])).content.decode()
    assert "위원장 호선 표결 중: 2명 투표" in screen
    assert "찬성 4" in screen  # the last recorded vote's counts only, not the open box's ballots
    assert "찬성 1" not in screen  # the open box holds one yes and one no: never counted on the screen
    client.force_login(world["users"]["member"])
    phone = client.get(reverse("meetings:live", args=[meeting.pk])).content.decode()
    assert "위원장 호선 표결 중" in phone
    assert reverse("meetings:ballot", args=[box.pk]) in phone
    box.discarded_at = timezone.now()
    box.save()
    assert "표결 중" not in client.get(reverse("screen:state", args=[token])).content.decode()
