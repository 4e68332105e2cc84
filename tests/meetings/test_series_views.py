"""Staff screens for meeting series (회의 일정 계획): the form, generation on the working-day calendar,
idempotence, occurrences moved or cancelled on their own, and query counts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, MeetingSeries
from seongdong_gov.models import AuditEntry
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
D = dt.date


@pytest.fixture
def bodies(db):
    return [factories.BodyFactory(name=n) for n in ("추진단", "민간협의체", "추진지원단")]


@pytest.fixture
def staff(login, db):
    return login(factories.staff_user())


def _secretary(body, username="sec"):
    person = factories.PersonFactory()
    person.user = factories.UserFactory(username=username)
    person.save()
    body.secretary_person = person
    body.save()
    return person.user


def _form(chosen, **over):
    data = {
        "name": "실무협의 회의",
        "bodies": [b.pk for b in chosen],
        "kind": "regular",
        "recurrence": "second_fourth_friday",
        "day_of_month": "",
        "non_working_policy": "next",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "start_time": "16:00",
        "duration_minutes": "90",
        "place": "성동구청 3층 회의실",
        "host_1": chosen[0].pk,
        "host_2": chosen[1].pk,
        "host_3": chosen[2].pk,
    }
    data.update(over)
    return data


def _friday_series(bodies, **over) -> MeetingSeries:
    fields = {
        "name": "실무협의 회의",
        "recurrence": "second_fourth_friday",
        "start_date": D(2026, 1, 1),
        "end_date": D(2026, 12, 31),
        "start_time": dt.time(16, 0),
        "non_working_policy": "next",
        **over,
    }
    return services.series_save(actor=None, series=MeetingSeries(**fields), bodies=bodies, hosts=list(bodies))


def _kdate(m: Meeting) -> dt.date:
    return m.starts_at.astimezone(SEOUL).date()


# --- the form ----------------------------------------------------------------------------------------


def test_series_create_through_the_form_saves_bodies_hosts_in_order_and_audits(staff, bodies):
    task_force, _council, support = bodies
    # 1순위 추진지원단, 2순위 empty, 3순위 추진단: the gap is closed up.
    data = _form(bodies, host_1=support.pk, host_2="", host_3=task_force.pk)
    response = staff.post(reverse("meetings:series_create"), data)
    series = MeetingSeries.objects.get()
    assert response.status_code == 302 and response.url == reverse("meetings:series_detail", args=[series.pk])
    assert (series.recurrence, series.start_time, series.duration_minutes) == (
        "second_fourth_friday",
        dt.time(16, 0),
        90,
    )
    assert set(series.bodies.all()) == set(bodies)
    assert [(h.order, h.body) for h in series.hosts.order_by("order")] == [(1, support), (2, task_force)]
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(MeetingSeries), object_id=str(series.pk)
    )
    assert entry.action == "create" and entry.changes["hosts"] == [None, ["추진지원단", "추진단"]]


@pytest.mark.parametrize(
    ("over", "message"),
    [
        (
            {"recurrence": "monthly_day", "day_of_month": ""},
            "매월 지정일 반복에는 일자(1–31)를 적어야 합니다.",
        ),
        ({"recurrence": "monthly_day", "day_of_month": "32"}, "일자는 1일부터 31일 사이로 적으세요."),
        ({"recurrence": "monthly_day", "day_of_month": "0"}, "일자는 1일부터 31일 사이로 적으세요."),
        ({"day_of_month": "10"}, "이 반복 방식(매월 둘째·넷째 금요일)에는 일자를 쓰지 않습니다."),
        (
            {"start_date": "2026-06-01", "end_date": "2026-05-31"},
            "종료일은 시작일과 같거나 그 뒤여야 합니다.",
        ),
        ({"duration_minutes": "0"}, "소요 시간은 1분 이상이어야 합니다."),
        ({"bodies": []}, "참여 기구를 하나 이상 고르세요."),
        ({"start_date": "2026-13-01"}, "날짜를 2016-01-15 형식으로 적으세요."),
    ],
)
def test_series_create_rejected_keeps_input_and_shows_korean_error(staff, bodies, over, message):
    response = staff.post(reverse("meetings:series_create"), _form(bodies, **over))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "Constraint" not in html and "violated" not in html  # no raw database-constraint text
    assert MeetingSeries.objects.count() == 0
    # nothing lost: the other fields come back as typed
    assert 'value="성동구청 3층 회의실"' in html and 'value="실무협의 회의"' in html
    form = response.context["form"]
    assert form["place"].value() == "성동구청 3층 회의실"
    assert [str(form[f"host_{i}"].value()) for i in (1, 3)] == [str(bodies[0].pk), str(bodies[2].pk)]


def test_series_host_must_be_one_of_the_series_bodies(staff, bodies):
    task_force, council, support = bodies
    data = _form(bodies, bodies=[task_force.pk, council.pk], host_3=support.pk)
    html = staff.post(reverse("meetings:series_create"), data).content.decode()
    assert "주관 기구(추진지원단)는 참여 기구 중에서 골라야 합니다." in html
    assert MeetingSeries.objects.count() == 0


def test_series_edit_shows_the_rotation_and_reorders_it(staff, bodies):
    task_force, council, support = bodies
    series = _friday_series(bodies)
    url = reverse("meetings:series_edit", args=[series.pk])
    form = staff.get(url).context["form"]
    assert [form[f"host_{i}"].value() for i in (1, 2, 3)] == [task_force.pk, council.pk, support.pk]
    response = staff.post(
        url, _form(bodies, host_1=council.pk, host_2=support.pk, host_3=task_force.pk, place="구청 별관")
    )
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.place == "구청 별관"
    assert [h.body for h in series.hosts.order_by("order")] == [council, support, task_force]


def test_secretary_edits_a_joint_series_without_losing_the_other_bodies(login, bodies):
    task_force, council, support = bodies
    client = login(_secretary(council))
    series = _friday_series(bodies)
    response = client.post(reverse("meetings:series_edit", args=[series.pk]), _form(bodies, place="새 장소"))
    assert response.status_code == 302
    assert set(series.bodies.all()) == set(bodies)
    # but a secretary cannot drop all of their own bodies from it (they would lose the series)
    response = client.post(
        reverse("meetings:series_edit", args=[series.pk]),
        _form(bodies, bodies=[task_force.pk, support.pk], host_2=""),
    )
    assert "담당하는 기구를 하나 이상 참여 기구에 넣어야 합니다." in response.content.decode()
    assert set(series.bodies.all()) == set(bodies)


def test_secretary_sees_only_series_of_their_bodies(login, bodies):
    task_force, council, support = bodies
    _friday_series([task_force, council], name="실무협의 회의")
    _friday_series([support], name="사업성과 회의")
    client = login(_secretary(council))
    html = client.get(reverse("meetings:series_list")).content.decode()
    assert "실무협의 회의" in html and "사업성과 회의" not in html
    other = MeetingSeries.objects.get(name="사업성과 회의")
    assert client.get(reverse("meetings:series_detail", args=[other.pk])).status_code == 404
    assert (
        client.post(reverse("meetings:series_generate", args=[other.pk]), {"until": "2026-12-31"}).status_code
        == 404
    )
    assert not other.meetings.exists()


# --- generation ----------------------------------------------------------------------------------------


def test_series_generate_2026_moves_chuseok_with_its_reason_on_the_series_page(staff, bodies):
    series = _friday_series(bodies)
    url = reverse("meetings:series_generate", args=[series.pk])
    response = staff.post(url, {"until": "2026-12-31"}, follow=True)
    html = response.content.decode()
    # 2nd and 4th Friday of each of the 12 months
    assert series.meetings.count() == 24
    assert "회의 24건을 새로 만들었습니다." in html
    chuseok = series.meetings.get(original_date=D(2026, 9, 25))
    assert (_kdate(chuseok), chuseok.moved_reason) == (D(2026, 9, 28), "추석")
    hangul = series.meetings.get(original_date=D(2026, 10, 9))
    assert (_kdate(hangul), hangul.moved_reason) == (D(2026, 10, 12), "한글날")
    # the series page shows the moved date next to the nominal one, with the reason
    rows = [r for r in html.split('data-testid="occurrence"')[1:]]
    assert len(rows) == 24
    (row,) = [r for r in rows if "2026. 9. 25. 추석 → 변경" in r]
    assert "2026. 9. 28. 16:00" in row
    assert any("2026. 10. 9. 한글날 → 변경" in r and "2026. 10. 12. 16:00" in r for r in rows)
    # hosts rotate through the series in order
    hosts = [m.host_body for m in series.meetings.order_by("starts_at").select_related("host_body")[:4]]
    assert hosts == [bodies[0], bodies[1], bodies[2], bodies[0]]


def test_series_generate_twice_creates_nothing_new(staff, bodies):
    series = _friday_series(bodies)
    url = reverse("meetings:series_generate", args=[series.pk])
    staff.post(url, {"until": "2026-06-30"})
    assert series.meetings.count() == 12
    first = set(series.meetings.values_list("pk", flat=True))
    html = staff.post(url, {"until": "2026-06-30"}, follow=True).content.decode()
    assert "새로 만들 회차가 없습니다." in html
    assert set(series.meetings.values_list("pk", flat=True)) == first
    # a later horizon adds only the missing months
    staff.post(url, {"until": "2026-07-31"})
    assert series.meetings.count() == 14 and first < set(series.meetings.values_list("pk", flat=True))


def test_moved_and_cancelled_occurrences_are_not_recreated(staff, bodies):
    series = _friday_series(bodies)
    url = reverse("meetings:series_generate", args=[series.pk])
    staff.post(url, {"until": "2026-12-31"})
    moved = series.meetings.get(original_date=D(2026, 11, 13))
    new_start = dt.datetime(2026, 11, 17, 14, 0, tzinfo=SEOUL)
    services.meeting_reschedule(
        actor=None,
        meeting=moved,
        starts_at=new_start,
        ends_at=new_start + dt.timedelta(hours=1),
        reason="구청장 일정",
    )
    cancelled = series.meetings.get(original_date=D(2026, 11, 27))
    services.meeting_cancel(actor=None, meeting=cancelled, reason="안건 없음")
    html = staff.post(url, {"until": "2026-12-31"}, follow=True).content.decode()
    assert "새로 만들 회차가 없습니다." in html
    assert series.meetings.count() == 24
    assert series.meetings.filter(original_date=D(2026, 11, 13)).count() == 1
    moved.refresh_from_db()
    assert moved.starts_at == new_start
    assert series.meetings.get(original_date=D(2026, 11, 27)).status == Meeting.Status.CANCELLED
    assert "2026. 11. 13. 구청장 일정 → 변경" in html and "안건 없음" in html


@pytest.mark.parametrize(
    ("over", "until", "message"),
    [
        ({}, "2025-12-31", "생성 기한은 시작일(2026. 1. 1.) 이후여야 합니다."),
        ({}, "2040-01-01", "한 번에 3년 뒤까지만 만들 수 있습니다"),
        ({}, "", "생성 기한을 적으세요."),
        ({"recurrence": "ad_hoc", "end_date": None}, "2026-12-31", "수시 회의는 자동으로 만들지 않습니다."),
    ],
)
def test_series_generate_refuses_a_bad_horizon_in_korean(staff, bodies, over, until, message):
    series = _friday_series(bodies, **over)
    response = staff.post(reverse("meetings:series_generate", args=[series.pk]), {"until": until})
    assert response.status_code == 200 and message in response.content.decode()
    assert response.context["form"]["until"].value() == until
    assert not series.meetings.exists()


def test_meeting_list_links_to_series_for_managers_only(login, bodies):
    member_body = factories.BodyFactory()
    group = factories.seat_group(member_body)
    person = factories.PersonFactory()
    factories.appoint(
        group, person, start=dt.date.today(), end=dt.date.today() + dt.timedelta(days=30), reason="테스트"
    )
    person.user = factories.UserFactory(username="member")
    person.save()
    link = reverse("meetings:series_list")
    assert link not in login(person.user).get(reverse("meetings:list")).content.decode()
    assert link in login(_secretary(bodies[0])).get(reverse("meetings:list")).content.decode()


# --- query counts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 10])
def test_series_list_query_count(staff, bodies, rows, django_assert_num_queries):
    for i in range(rows):
        series = _friday_series(bodies, name=f"계획 {i}")
        services.series_generate(actor=None, series=series, until=D(2026, 2, 28))
    staff.get(reverse("meetings:list"))  # warm the session
    # Constant for 1 and 10 rows: session, user, roles (one query),
    # the series with their meeting counts, their bodies, their hosts with each host's body (no session
    # save: the warm-up stamped it, and it is saved at most once per SESSION_REFRESH_SECONDS).
    with django_assert_num_queries(6):
        response = staff.get(reverse("meetings:series_list"))
    html = response.content.decode()
    assert f"계획 {rows - 1}" in html and html.count("4건") == rows


@pytest.mark.parametrize("until", [D(2026, 1, 31), D(2026, 12, 31)])
def test_series_detail_query_count(staff, bodies, until, django_assert_num_queries):
    series = _friday_series(bodies)
    created = services.series_generate(actor=None, series=series, until=until)
    staff.get(reverse("meetings:list"))  # warm the session
    # Constant for 2 and 24 occurrences: session, user, roles (one
    # query), the series, its bodies, its hosts with their bodies, the occurrences with their host (no
    # session save: the warm-up stamped it).
    with django_assert_num_queries(7):
        response = staff.get(reverse("meetings:series_detail", args=[series.pk]))
    assert response.content.decode().count('data-testid="occurrence"') == len(created)
