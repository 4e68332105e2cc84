"""The small managing forms of a meeting (move, cancel, observer, recusal) through the views: a valid POST
calls the service and returns to the meeting; a refusal shows the Korean reason and keeps what was typed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting, Observer, Recusal
from tests import factories
from tests.meetings.test_services import _meeting, _members

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def setup(db, client):
    body = factories.BodyFactory(gender_balance_applies=False)
    members = _members(body, 5)
    meeting = _meeting(body, days=20)
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="예산안")
    client.force_login(factories.staff_user())
    return client, meeting, item, members


def test_reschedule_moves_the_meeting_and_records_the_reason(setup):
    client, meeting, *_ = setup
    new_start = meeting.starts_at.astimezone(SEOUL) + dt.timedelta(days=3)
    data = {
        "starts_at": new_start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (new_start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "reason": "구청장 일정",
    }
    response = client.post(reverse("meetings:reschedule", args=[meeting.pk]), data)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.starts_at == new_start
    assert meeting.moved_reason == "구청장 일정"


def test_reschedule_with_end_before_start_is_refused_and_keeps_input(setup):
    client, meeting, *_ = setup
    before = meeting.starts_at
    data = {"starts_at": "2026-12-20T16:00", "ends_at": "2026-12-20T15:00", "reason": "장소 사정"}
    html = client.post(reverse("meetings:reschedule", args=[meeting.pk]), data).content.decode()
    assert "종료는 시작보다 늦어야 합니다." in html
    assert "장소 사정" in html
    meeting.refresh_from_db()
    assert meeting.starts_at == before


def test_cancel_needs_a_reason_then_cancels(setup):
    client, meeting, *_ = setup
    url = reverse("meetings:cancel", args=[meeting.pk])
    assert client.post(url, {"reason": ""}).status_code == 200  # the form again, nothing cancelled
    meeting.refresh_from_db()
    assert meeting.status != Meeting.Status.CANCELLED
    assert client.post(url, {"reason": "예산 심의와 겹침"}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_reason) == (Meeting.Status.CANCELLED, "예산 심의와 겹침")


def test_observer_added_through_the_form(setup):
    client, meeting, *_ = setup
    url = reverse("meetings:observer_add", args=[meeting.pk])
    assert client.post(url, {"name": "김배석", "affiliation": "자치행정팀 주무관"}).status_code == 302
    assert list(Observer.objects.filter(meeting=meeting).values_list("name", "affiliation")) == [
        ("김배석", "자치행정팀 주무관")
    ]


def test_recusal_recorded_once_and_a_second_time_refused_with_input_kept(setup):
    client, meeting, item, members = setup
    url = reverse("meetings:recusal_add", args=[meeting.pk])
    data = {"item": item.pk, "membership": members[0].pk, "reason": "이해관계 (배우자 운영 기관)"}
    assert client.post(url, data).status_code == 302
    html = client.post(url, {**data, "reason": "중복 기록"}).content.decode()
    assert "이미 회피·제척으로 기록된 위원입니다." in html
    assert "중복 기록" in html
    assert Recusal.objects.filter(item=item).count() == 1


def test_locked_minutes_change_only_by_a_recorded_correction(setup):
    from meetings import services
    from meetings.models import Minutes
    from seongdong_gov.models import AuditEntry

    client, meeting, *_ = setup
    # minutes are written for a meeting that was held (yesterday)
    yesterday = meeting.starts_at - dt.timedelta(days=21)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=yesterday, ends_at=yesterday + dt.timedelta(hours=1), status=Meeting.Status.HELD
    )
    minutes = services.minutes_save(actor=None, meeting=meeting, remarks="원안 가결", is_public=True)
    url = reverse("meetings:minutes_correct", args=[meeting.pk])
    data = {"text": "찬성 9 → 찬성 8", "reason": "집계 오기"}
    # a draft is edited directly, not corrected
    assert "확정 전 회의록은 직접 고치세요." in client.post(url, data).content.decode()
    services.minutes_approve(actor=None, minutes=minutes)
    services.minutes_lock(actor=None, minutes=Minutes.objects.get(pk=minutes.pk))
    response = client.post(url, data)
    assert response.status_code == 302
    html = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "찬성 9 → 찬성 8" in html and "집계 오기" in html
    minutes.refresh_from_db()
    assert minutes.remarks == "원안 가결"  # the locked text itself is unchanged
    assert AuditEntry.objects.filter(action="minutes_correct", object_id=str(minutes.pk)).count() == 1


def test_enrolled_members_are_those_in_office_on_the_seoul_date_of_an_early_meeting(db):
    from meetings import selectors, services

    body = factories.BodyFactory(gender_balance_applies=False)
    group = factories.seat_group(body, count=1)
    newcomer = factories.appoint(
        group, factories.PersonFactory(), start=dt.date(2026, 3, 2), end=dt.date(2028, 3, 1), reason="위촉"
    )
    starts = dt.datetime(2026, 3, 2, 8, 0, tzinfo=SEOUL)  # 2026-03-01 23:00 in UTC
    meeting = services.meeting_create(
        actor=None,
        meeting=Meeting(title="조찬 회의", starts_at=starts, ends_at=starts + dt.timedelta(hours=1)),
        bodies=[body],
    )
    meeting = Meeting.objects.get(pk=meeting.pk)  # as the database returns it, in UTC
    assert [m.pk for m in selectors.enrolled_memberships(meeting)] == [newcomer.pk]


@pytest.mark.parametrize(("days_ahead", "refused"), [(0, True), (1, False)])
def test_urgent_notice_still_keeps_the_bodys_urgent_minimum(db, days_ahead, refused):
    from django.core.exceptions import ValidationError

    from meetings import services

    body = factories.BodyFactory(gender_balance_applies=False, notice_days=5, urgent_notice_days=1)
    today = dt.date(2026, 11, 25)
    starts = dt.datetime.combine(today + dt.timedelta(days=days_ahead), dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="긴급 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        urgent=True,
        urgent_reason="재난 대응",
        uid=f"urgent-{days_ahead}@test",
    )
    meeting.bodies.set([body])
    if refused:
        with pytest.raises(ValidationError, match=r"긴급 소집도 회의 1일 전까지는 통지해야 합니다\."):
            services.meeting_send_notice(actor=None, meeting=meeting, today=today)
    else:
        assert services.meeting_send_notice(actor=None, meeting=meeting, today=today).status == "notice_sent"


def test_meeting_form_refuses_a_host_body_outside_the_meeting(db):
    from committees.models import Body
    from meetings.forms import MeetingForm

    a, b = factories.BodyFactory(), factories.BodyFactory()
    data = {
        "title": "합동회의",
        "bodies": [a.pk],
        "host_body": b.pk,
        "kind": "regular",
        "place": "회의실",
        "starts_at": "2026-12-10T16:00",
        "ends_at": "2026-12-10T17:00",
    }
    form = MeetingForm(data, bodies=Body.objects.all())
    assert not form.is_valid()
    assert form.errors["host_body"] == ["주관 기구는 참여 기구 가운데에서 고르세요."]
    assert MeetingForm({**data, "host_body": a.pk}, bodies=Body.objects.all()).is_valid()
