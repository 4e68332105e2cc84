import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from committees.models import Membership
from meetings import services
from meetings.models import AgendaItem, Attendance, Meeting, Minutes
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()


def _meeting(body, *, published=False, when=None, title="정기회의"):
    starts = when or dt.datetime.combine(TODAY + dt.timedelta(days=30), dt.time(16, 0), tzinfo=SEOUL)
    m = services.meeting_create(
        actor=None,
        meeting=Meeting(title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=1)),
        bodies=[body],
    )
    AgendaItem.objects.create(meeting=m, order=1, kind="resolution", title="비밀 안건 제목")
    m.agenda_published = published
    m.save()
    return m


def _member_user(body, n=1, username="mem"):
    group = factories.seat_group(body, count=n)
    users = []
    for i in range(n):
        person = factories.PersonFactory()
        factories.appoint(
            group,
            person,
            start=TODAY - dt.timedelta(days=10),
            end=TODAY + dt.timedelta(days=700),
            reason="테스트",
        )
        user = factories.UserFactory(username=f"{username}{i}")
        person.user = user
        person.save()
        users.append(user)
    return users


@pytest.fixture
def setup(db):
    body = factories.BodyFactory()
    other = factories.BodyFactory()
    member = _member_user(body, 3)[0]
    outsider = _member_user(other, 1, "out")[0]
    return body, member, outsider


def test_anonymous_redirected_to_login(client, setup):
    body, *_ = setup
    m = _meeting(body)
    for url in [
        reverse("meetings:list"),
        reverse("meetings:detail", args=[m.pk]),
        reverse("meetings:portal"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_member_of_other_body_gets_404(login, setup):
    body, _member, outsider = setup
    m = _meeting(body, published=True)
    client = login(outsider)
    assert client.get(reverse("meetings:detail", args=[m.pk])).status_code == 404
    assert client.get(reverse("meetings:ics", args=[m.pk])).status_code == 404
    assert m.title not in client.get(reverse("meetings:list")).content.decode()


def test_member_sees_published_agenda_not_draft(login, setup):
    body, member, _ = setup
    draft = _meeting(body, published=False, title="초안회의")
    published = _meeting(body, published=True, title="공개회의")
    client = login(member)
    assert "비밀 안건 제목" not in client.get(reverse("meetings:detail", args=[draft.pk])).content.decode()
    assert "비밀 안건 제목" in client.get(reverse("meetings:detail", args=[published.pk])).content.decode()


def test_member_cannot_manage(login, setup):
    body, member, _ = setup
    m = _meeting(body)
    client = login(member)
    # the member sees the meeting but may not change it: 403 (a meeting out of reach is 404)
    assert client.get(reverse("meetings:attendance", args=[m.pk])).status_code == 403
    assert client.post(reverse("meetings:status", args=[m.pk, "publish"])).status_code == 403
    m.refresh_from_db()
    assert m.agenda_published is False


def test_member_sees_only_approved_minutes(login, setup):
    body, member, _ = setup
    m = _meeting(body, when=dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(16, 0), tzinfo=SEOUL))
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.MINUTES_DRAFT)
    minutes = Minutes.objects.create(meeting=m, remarks="발언 요지 초안")
    client = login(member)
    assert client.get(reverse("meetings:minutes", args=[m.pk])).status_code == 404
    services.minutes_approve(actor=None, minutes=minutes)
    assert "발언 요지 초안" in client.get(reverse("meetings:minutes", args=[m.pk])).content.decode()


def test_staff_vote_records_computed_outcome_and_refuses_overcount(login, setup):
    body, *_ = setup
    m = _meeting(body, when=dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(16, 0), tzinfo=SEOUL))
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.HELD)
    for ms in Membership.objects.filter(body=body):
        Attendance.objects.create(meeting=m, membership=ms, status="present")
    client = login(factories.staff_user())
    item = m.items.get()
    url = reverse("meetings:vote", args=[m.pk])
    response = client.post(
        url,
        {"item": item.pk, "method": "show_of_hands", "taken": "16:30", "yes": 2, "no": 1, "abstain": 0},
        follow=True,
    )
    assert "가결" in response.content.decode()
    assert item.votes.get().passed is True
    response = client.post(
        url, {"item": item.pk, "method": "secret", "taken": "16:40", "yes": 3, "no": 1, "abstain": 0}
    )
    assert "투표 수(4)가 표결 가능한 출석위원 수(3)보다 많습니다." in response.content.decode()
    assert item.votes.count() == 1


def test_short_notice_needs_urgent_reason(setup):
    body, *_ = setup
    starts = dt.datetime.combine(TODAY + dt.timedelta(days=2), dt.time(16, 0), tzinfo=SEOUL)
    with pytest.raises(Exception, match="긴급"):
        services.meeting_create(
            actor=None,
            meeting=Meeting(title="급한 회의", starts_at=starts, ends_at=starts + dt.timedelta(hours=1)),
            bodies=[body],
        )


def test_ics_parsed_back(login, setup):
    body, member, _ = setup
    m = _meeting(body, when=dt.datetime(2026, 9, 28, 16, 0, tzinfo=SEOUL))
    services.meeting_cancel(actor=None, meeting=m, reason="추석 연휴")
    client = login(member)
    response = client.get(reverse("meetings:ics", args=[m.pk]))
    cal = icalendar.Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.replace(tzinfo=None), str(start.tzinfo)) == (dt.datetime(2026, 9, 28, 16, 0), "Asia/Seoul")
    assert str(event["uid"]) == m.uid and str(event["status"]) == "CANCELLED"
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Asia/Seoul"


def test_feed_token_revocable(login, setup, client):
    body, member, _ = setup
    m = _meeting(body)
    login(member).post(reverse("meetings:feed_renew"))
    old = member.meeting_feed.token
    client.logout()
    response = client.get(reverse("meetings:feed", args=[old]))
    assert m.uid in response.content.decode()
    services.feed_token_renew(actor=member)
    assert client.get(reverse("meetings:feed", args=[old])).status_code == 404


@pytest.mark.parametrize("rows", [1, 10])
def test_meeting_detail_query_count(login, setup, rows, django_assert_num_queries):
    body, *_ = setup
    factories.appoint(
        factories.seat_group(body, count=rows, label="추가"),
        factories.PersonFactory(),
        start=TODAY - dt.timedelta(days=1),
        end=TODAY + dt.timedelta(days=800),
        reason="테스트",
    )
    m = _meeting(body, published=True)
    for i in range(2, rows + 2):
        AgendaItem.objects.create(meeting=m, order=i, kind="report", title=f"보고 {i}")
    client = login(factories.staff_user())
    client.get(reverse("meetings:list"))  # warm the session
    # Constant for 1 and 10 rows: session, user, roles (one query), nav/context roles, meeting + bodies, enrolled members
    # with their persons (one query),
    # attendances, items (with the kinds of row they have: no vote, ballot or recusal here, so none is
    # read); the meeting's first query says it has no attachments, minutes, observers or open ballot box,
    # so none of those is read (test_meeting_detail_reads_what_the_meeting_has); no session write (the
    # warm-up stamped it: it is saved at most once per SESSION_REFRESH_SECONDS).
    with django_assert_num_queries(8):
        response = client.get(reverse("meetings:detail", args=[m.pk]))
    assert f"보고 {rows + 1}" in response.content.decode()


def test_meeting_detail_reads_what_the_meeting_has(login, setup, django_assert_num_queries):
    """The queries skipped for an empty meeting are made when it has each kind of row, and the page shows
    them: an attachment, the minutes, an observer, an open electronic ballot box (4 queries more)."""
    from django.utils import timezone

    from meetings.models import BallotBox

    body, *_ = setup
    m = _meeting(body, published=True)
    item = m.items.get()
    factories.AttachmentFactory(meeting=m, item=None, original_name="회의자료.pdf")
    factories.MinutesFactory(meeting=m)
    factories.ObserverFactory(meeting=m, name="배석 홍길동")
    BallotBox.objects.create(item=item, method="named", opened_at=timezone.now())
    client = login(factories.staff_user())
    client.get(reverse("meetings:list"))  # warm the session
    with django_assert_num_queries(12):
        page = client.get(reverse("meetings:detail", args=[m.pk])).content.decode()
    assert "회의자료.pdf" in page and "배석 홍길동" in page
    assert reverse("meetings:minutes", args=[m.pk]) in page and 'data-testid="evote-open"' in page


@pytest.mark.parametrize("rows", [1, 10])
def test_portal_query_count(login, setup, rows, django_assert_num_queries):
    body, member, _ = setup
    body.allows_written_resolution = True
    body.save()
    for i in range(rows):
        m = _meeting(body, title=f"회의 {i}", published=True)
        services.written_open(actor=None, item=m.items.get(), deadline=m.starts_at - dt.timedelta(days=1))
    client = login(member)
    # Constant for 1 and 10 rows: session, user, roles (one query), context processors,
    # meetings with minutes, their bodies, feed token, written resolutions with their recusals and
    # bodies, the member's memberships and answers, the open electronic ballot boxes (issue 15 §2), the
    # meetings sitting now (the live panel); whether the member sits on each upcoming meeting's bodies
    # (the 이해충돌 신고 links) comes with the upcoming meetings.
    with django_assert_num_queries(17):  # +1: the header's unread-notification count
        response = client.get(reverse("meetings:portal"))
    assert f"회의 {rows - 1}" in response.content.decode()
    assert response.content.decode().count("응답 필요") == rows
    assert response.content.decode().count('data-testid="interests-link-') == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_meeting_list_query_count(login, setup, rows, django_assert_num_queries):
    body, member, _ = setup
    for i in range(rows):
        _meeting(body, title=f"목록 회의 {i}")
    client = login(member)
    client.get(reverse("meetings:portal"))  # warm the session
    # Constant for 1 and 10 rows: session, user, roles (one query), context processors, the paginator's count,
    # the page's meetings with their host body, and one prefetch of their bodies; no session write
    # (saved at most once per SESSION_REFRESH_SECONDS).
    with django_assert_num_queries(7):  # +1: the header's unread-notification count
        response = client.get(reverse("meetings:list"))
    assert f"목록 회의 {rows - 1}" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 10])
def test_convening_page_query_count(login, setup, rows, django_assert_num_queries):
    body, member, _ = setup
    membership = Membership.objects.filter(body=body).first()
    for i in range(rows):
        services.convening_request_open(actor=None, body=body, membership=membership, reason=f"요구 {i}")
    client = login(member)
    client.get(reverse("meetings:portal"))
    # Constant for 1 and 10 rows: session, user, roles (one query), context processors, the form's bodies,
    # requests with their body, signatures with members; no session write (the warm-up stamped it).
    with django_assert_num_queries(7):  # +1: the header's unread-notification count
        response = client.get(reverse("meetings:convening"))
    assert f"요구 {rows - 1}" in response.content.decode()


# --- the meeting list at district scale: a date window, 50 a page ------------------------------------


def _bulk_meetings(body, days, title="회의"):
    """Meetings at 16:00 Seoul time on the given days, created in one go (the list reads them only)."""
    meetings = Meeting.objects.bulk_create(
        Meeting(
            title=f"{title} {day:%Y-%m-%d}",
            starts_at=dt.datetime.combine(day, dt.time(16, 0), tzinfo=SEOUL),
            ends_at=dt.datetime.combine(day, dt.time(17, 0), tzinfo=SEOUL),
            uid=f"list-{title}-{day.isoformat()}",
        )
        for day in days
    )
    for m in meetings:
        m.bodies.add(body)
    return meetings


def test_meeting_list_page_2_shows_the_51st(login, setup):
    body, *_ = setup
    days = [TODAY + dt.timedelta(days=i) for i in range(1, 56)]
    _bulk_meetings(body, days)
    client = login(factories.staff_user())
    first = client.get(reverse("meetings:list")).content.decode()
    assert f"회의 {days[49]:%Y-%m-%d}" in first and f"회의 {days[50]:%Y-%m-%d}" not in first
    assert "전체 55건 중 1–50번째" in first and 'href="?page=2"' in first
    second = client.get(reverse("meetings:list") + "?page=2").content.decode()
    assert f"회의 {days[50]:%Y-%m-%d}" in second and f"회의 {days[49]:%Y-%m-%d}" not in second
    assert "전체 55건 중 51–55번째" in second


def test_meeting_list_defaults_to_last_12_months_and_filters_by_year(login, setup):
    body, *_ = setup
    old_year = TODAY.year - 3
    _bulk_meetings(
        body,
        [dt.date(old_year, 3, d) for d in range(1, 29)] + [dt.date(old_year, 4, d) for d in range(1, 29)],
    )
    _bulk_meetings(body, [TODAY - dt.timedelta(days=300), TODAY - dt.timedelta(days=400)], title="최근")
    client = login(factories.staff_user())
    default = client.get(reverse("meetings:list")).content.decode()
    assert "최근 12개월과 예정된 회의" in default
    assert f"최근 {TODAY - dt.timedelta(days=300):%Y-%m-%d}" in default
    assert f"최근 {TODAY - dt.timedelta(days=400):%Y-%m-%d}" not in default
    assert f"회의 {old_year}-03-01" not in default
    by_year = client.get(reverse("meetings:list") + f"?year={old_year}").content.decode()
    assert f"{old_year}년 회의" in by_year and f"회의 {old_year}-03-01" in by_year
    assert "전체 56건 중 1–50번째" in by_year
    assert f'href="?year={old_year}&amp;page=2"' in by_year  # the filter stays in the page links
    page2 = client.get(reverse("meetings:list") + f"?year={old_year}&page=2").content.decode()
    assert f"회의 {old_year}-04-28" in page2 and f"회의 {old_year}-03-01" not in page2
    bad = client.get(reverse("meetings:list") + "?year=19").content.decode()
    assert "2000" in bad and "최근 12개월과 예정된 회의" in bad  # a clear message, the default window


@pytest.mark.parametrize("rows", [1, 60])
def test_meeting_list_query_count_over_pages(login, setup, rows, django_assert_num_queries):
    body, *_ = setup
    _bulk_meetings(body, [TODAY + dt.timedelta(days=i) for i in range(1, rows + 1)])
    client = login(factories.staff_user())
    client.get(reverse("meetings:portal"))  # warm the session
    # Constant for 1 and 60 rows, first or last page: session, user, a staff user's roles, context
    # processors, the paginator's count, the page's meetings with their host body, one prefetch of their
    # bodies (a member's roles are the same one query: 7 in test_meeting_list_query_count, with the header's
    # unread count).
    with django_assert_num_queries(6):
        response = client.get(reverse("meetings:list") + ("?page=2" if rows > 50 else ""))
    assert f"회의 {TODAY + dt.timedelta(days=rows):%Y-%m-%d}" in response.content.decode()


def test_meeting_page_attendance_table_names_office_status_deputy_and_times(client, db):
    body = factories.BodyFactory(name="민간협의체", gender_balance_applies=False)
    group = factories.seat_group(body, count=3, label="위촉직")
    start, end = TODAY - dt.timedelta(days=100), TODAY + dt.timedelta(days=600)
    chair, late, unrecorded = (
        factories.appoint(group, factories.PersonFactory(name=name), start=start, end=end, role=role)
        for name, role in (
            ("가위원", Membership.Role.CHAIR),
            ("나위원", Membership.Role.MEMBER),
            ("다위원", Membership.Role.MEMBER),
        )
    )
    starts = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="출결 확인 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        uid="attendance-table",
    )
    meeting.bodies.add(body)
    Attendance.objects.create(meeting=meeting, membership=chair, status="present", deputy_name="<대리인>")
    Attendance.objects.create(
        meeting=meeting,
        membership=late,
        status="present",
        arrived_at=starts + dt.timedelta(minutes=15),
        left_at=starts + dt.timedelta(minutes=70),
    )
    client.force_login(factories.staff_user())
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    table = html[html.index("<tbody><tr><td>가위원") :]
    table = table[: table.index("</tbody>")]
    rows = [r for r in table.split("</tr>") if "<td>" in r]
    assert len(rows) == 3 and unrecorded.person.name in rows[2]
    assert "<td>가위원 (위원장)</td><td>민간협의체</td><td>출석 (대리: &lt;대리인&gt;)</td>" in rows[0]
    assert "<td>나위원</td><td>민간협의체</td><td>출석</td>" in rows[1] and "<td>16:15–17:10</td>" in rows[1]
    assert "<td>—</td>" in rows[2]


def test_list_rows_show_each_meeting_escaped_with_bodies_host_badges_and_status(login, db):
    """회의 목록's rows (written in Python, meetings.markup): date and time, the badge of a moved or a
    flagged date, the title linked, the bodies and the host, the place or a dash, the status; user text
    escaped; and the empty row."""
    staff = login(factories.staff_user())
    assert (
        '<tr><td colspan="5">회의가 없습니다.</td></tr>'
        in staff.get(reverse("meetings:list")).content.decode()
    )
    body = factories.BodyFactory(name='<b>&"기구')
    other = factories.BodyFactory(name="둘째 위원회")
    day = TODAY + dt.timedelta(days=7)
    starts = dt.datetime.combine(day, dt.time(9, 5), tzinfo=SEOUL)
    moved = services.meeting_create(
        actor=None,
        meeting=Meeting(
            title='<i>"회의"</i>',
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            host_body=body,
            place="3층 <회의실>",
            original_date=day - dt.timedelta(days=3),
            moved_reason="<추석>",
        ),
        bodies=[body, other],
    )
    later = starts + dt.timedelta(days=1)
    flagged = services.meeting_create(
        actor=None,
        meeting=Meeting(
            title="휴일 회의",
            starts_at=later,
            ends_at=later + dt.timedelta(hours=1),
            date_flagged=True,
            moved_reason="선거일",
        ),
        bodies=[other],
    )
    page = staff.get(reverse("meetings:list")).content.decode()
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    assert rows.count("<tr>") == 2
    d = f"{day.year}. {day.month}. {day.day}."
    o = day - dt.timedelta(days=3)
    assert (
        f'<tr><td>{d} 09:05 <span class="badge text-bg-warning">{o.year}. {o.month}. {o.day}. &lt;추석&gt; → 변경'
        "</span></td>\n"
        f'      <th scope="row"><a href="/meetings/{moved.pk}/">&lt;i&gt;&quot;회의&quot;&lt;/i&gt;</a></th>\n'
        '      <td>&lt;b&gt;&amp;&quot;기구, 둘째 위원회 <span class="text-muted small">(주관: &lt;b&gt;&amp;&quot;기구)'
        "</span></td>\n"
        "      <td>3층 &lt;회의실&gt;</td><td>예정</td></tr>"
    ) in rows
    n = later.date()
    assert (
        f'<tr><td>{n.year}. {n.month}. {n.day}. 09:05 <span class="badge text-bg-danger">선거일</span></td>\n'
        f'      <th scope="row"><a href="/meetings/{flagged.pk}/">휴일 회의</a></th>\n'
        "      <td>둘째 위원회</td>\n"
        "      <td>—</td><td>예정</td></tr>"
    ) in rows
    assert rows.index(f"/meetings/{moved.pk}/") < rows.index(f"/meetings/{flagged.pk}/")
