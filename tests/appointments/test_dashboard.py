import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments import selectors, services
from meetings import services as meetings_services
from meetings.models import Attendance, AttendanceTallyStamp, Meeting, MeetingKind
from meetings.services.tally import TALLY_MAX_AGE
from tests import factories

D = dt.date
_uid = itertools.count(1)


def _meeting(body, day, *, status=Meeting.Status.HELD, kind=MeetingKind.REGULAR):
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(16, 0)))
    meeting = Meeting.objects.create(
        title=f"회의 {day}",
        host_body=body,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=status,
        kind=kind,
        uid=f"appt-test-{next(_uid)}",
    )
    meeting.bodies.add(body)
    return meeting


def _attend(meeting, marks):
    for membership, status in marks.items():
        Attendance.objects.create(meeting=meeting, membership=membership, status=status)


P, A, E = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED


@pytest.fixture
def attendance_body(db):
    """Four members from 2016-01-15; meetings in and out of the 12 months ending 2017-06-30."""
    body = factories.BodyFactory(name="추진운영위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=4)
    m = {name: factories.appoint(group, factories.PersonFactory(name=name)) for name in "가나다라"}
    for name in "가나다라":
        services.appointment_record(actor=None, membership=m[name])
    # 라 leaves before the day the alert is computed: no longer a member, never flagged
    services.appointment_end(
        actor=None, appointment=m["라"].appointment, kind="resignation", on=D(2017, 3, 1), ground="이사"
    )
    counted = [D(2016, 9, 1), D(2016, 12, 1), D(2017, 3, 2), D(2017, 6, 1)]
    rows = {  # 가 1/4 (25 %), 나 2/4 (exactly half: not below), 다 excused 3 + present 1, 라 0/4
        "가": [P, A, A, A],
        "나": [P, P, A, A],
        "다": [E, E, E, P],
        "라": [A, A, A, A],
    }
    for i, day in enumerate(counted):
        _attend(_meeting(body, day), {m[n]: rows[n][i] for n in "가나다라" if n != "라" or i < 2})
    # not counted: before the window (2016-06-30 is the day it starts after), a 위촉식, a planned meeting;
    # 나 is absent at each, so counting any of them would push 나 below half
    _attend(_meeting(body, D(2016, 6, 30)), {m["나"]: A})
    _attend(_meeting(body, D(2016, 10, 1), kind=MeetingKind.CEREMONY), {m["나"]: A})
    _attend(_meeting(body, D(2017, 6, 20), status=Meeting.Status.PLANNED), {m["나"]: A})
    return {"body": body, "m": m}


def test_low_attendance_flags_members_below_half_over_last_12_months(attendance_body):
    rows = selectors.low_attendance(D(2017, 6, 30))
    assert [(r.membership.person.name, r.attended, r.held, r.percent) for r in rows] == [
        ("가", 1, 4, 25),
        ("다", 1, 4, 25),
    ]


def test_low_attendance_window_moves_with_today(attendance_body):
    # by 2017-12-02 only the meetings of 2017-03-02 and 2017-06-01 are within 12 months: 다 is at half
    rows = selectors.low_attendance(D(2017, 12, 2))
    assert [(r.membership.person.name, r.attended, r.held) for r in rows] == [("가", 0, 2), ("나", 0, 2)]


def test_low_attendance_without_meetings_flags_nobody(cohort):
    assert selectors.low_attendance(D(2017, 6, 30)) == []


def test_ending_within_60_days_and_vacant_seats(db):
    body = factories.BodyFactory(gender_balance_applies=False)
    group = factories.seat_group(body, count=3)
    soon = factories.appoint(group, factories.PersonFactory(name="곧만료"))
    factories.appoint(
        group, factories.PersonFactory(name="새위원"), start=D(2016, 12, 1), end=D(2018, 11, 30)
    )
    today = D(2017, 11, 15)  # 2018-01-14 is 60 days away
    assert list(selectors.ending_within(today, 60)) == [soon]
    assert list(selectors.ending_within(D(2017, 11, 14), 60)) == []
    assert [s.number for s in selectors.vacant_appointed_seats(today)] == [3]
    assert [s.number for s in selectors.vacant_appointed_seats(D(2018, 1, 15))] == [1, 3]


def test_home_shows_alerts_to_staff_only(login, db):
    today = timezone.localdate()
    body = factories.BodyFactory(name="알림위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=3, effective=today - dt.timedelta(days=700))
    ending = factories.appoint(
        group,
        factories.PersonFactory(name="임기끝"),
        start=today - dt.timedelta(days=600),
        end=today + dt.timedelta(days=20),
    )
    low = factories.appoint(
        group,
        factories.PersonFactory(name="결석많음"),
        start=today - dt.timedelta(days=300),
        end=today + dt.timedelta(days=400),
    )
    for days, status in [(200, A), (100, A), (50, P)]:
        _attend(_meeting(body, today - dt.timedelta(days=days)), {low: status, ending: P})
    staff_page = login(factories.staff_user()).get(reverse("home")).content.decode()
    section = staff_page[staff_page.index("panel-appointment-alerts") :]
    assert "임기끝" in section.split("공석인 위촉직 좌석")[0]
    assert "3회 중 1회 출석 (33%)" in section
    assert "결석많음" in section.split("절반에 못 미치는")[1]
    assert "임기끝" not in section.split("절반에 못 미치는")[1]
    member_page = login(factories.UserFactory(username="plain_u")).get(reverse("home")).content.decode()
    assert "panel-appointment-alerts" not in member_page


def test_low_attendance_makes_three_queries_flagged_or_not(attendance_body, django_assert_num_queries):
    selectors.low_attendance(D(2017, 6, 30))  # the first read of a window builds the tally
    # the tally's stamp, its below-half rows, the current memberships of the people found (run even
    # when nobody is flagged): no attendance line is read
    with django_assert_num_queries(3) as ctx:
        flagged = selectors.low_attendance(D(2017, 6, 30))
    assert [r.membership.person.name for r in flagged] == ["가", "다"]
    assert not any('"meetings_attendance"' in q["sql"] for q in ctx.captured_queries)
    selectors.low_attendance(D(2020, 6, 30))
    with django_assert_num_queries(3):
        assert selectors.low_attendance(D(2020, 6, 30)) == []  # no meeting in the window


def test_low_attendance_read_costs_the_same_with_ten_times_the_lines(
    attendance_body, django_assert_num_queries
):
    """The home's cost does not grow with the data: with many more members and attendance lines in the
    window, a fresh read still makes the same three queries, none over the attendance lines."""
    body = factories.BodyFactory(name="대규모위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=40)
    members = [factories.appoint(group, factories.PersonFactory(name=f"위원{i:02d}")) for i in range(40)]
    for day in (D(2016, 8, 1), D(2016, 11, 1), D(2017, 2, 1), D(2017, 5, 1)):
        _attend(_meeting(body, day), {m: (A if i < 5 else P) for i, m in enumerate(members)})
    assert Attendance.objects.count() > 150
    selectors.low_attendance(D(2017, 6, 30))
    with django_assert_num_queries(3) as ctx:
        rows = selectors.low_attendance(D(2017, 6, 30))
    assert not any('"meetings_attendance"' in q["sql"] for q in ctx.captured_queries)
    assert len(rows) == 2 + 5  # 가, 다 and the five absentees of the big body


def test_recording_attendance_refreshes_the_low_attendance_list(attendance_body):
    """The tally is a snapshot: the attendance service marks it stale in its transaction, so the next
    read counts the new lines (가 present at a fifth meeting: 2 of 5, still below half; 다 present at
    two more: 3 of 6, no longer below)."""
    body, m = attendance_body["body"], attendance_body["m"]
    today = D(2017, 6, 30)
    assert [r.membership.person.name for r in selectors.low_attendance(today)] == ["가", "다"]
    meeting = _meeting(body, D(2017, 6, 15))
    meetings_services.attendance_save(
        actor=None,
        meeting=meeting,
        rows=[{"membership": m["가"], "status": P}, {"membership": m["다"], "status": P}],
    )
    meeting2 = _meeting(body, D(2017, 6, 16))
    meetings_services.attendance_save(
        actor=None, meeting=meeting2, rows=[{"membership": m["다"], "status": P}]
    )
    rows = selectors.low_attendance(today)
    assert [(r.membership.person.name, r.attended, r.held) for r in rows] == [("가", 2, 5)]


def test_meeting_state_change_refreshes_the_low_attendance_list(attendance_body):
    """A meeting whose attendance was taken counts once it is marked held (meeting_advance marks the
    tally stale): 나, absent there, falls below half."""
    body = attendance_body["body"]
    today = D(2017, 6, 30)
    assert [r.membership.person.name for r in selectors.low_attendance(today)] == ["가", "다"]
    planned = Meeting.objects.get(host_body=body, status=Meeting.Status.PLANNED)
    Meeting.objects.filter(pk=planned.pk).update(status=Meeting.Status.NOTICE_SENT)  # no notice mail here
    meetings_services.meeting_mark_held(actor=None, meeting=planned)
    names = [r.membership.person.name for r in selectors.low_attendance(today)]
    assert names == ["가", "나", "다"]


def test_tally_rebuilt_after_its_max_age(attendance_body):
    """Writes that bypass the services (the Django admin) show at the latest TALLY_MAX_AGE later."""
    today = D(2017, 6, 30)
    selectors.low_attendance(today)
    Attendance.objects.filter(membership=attendance_body["m"]["가"]).update(status=P)
    assert [r.membership.person.name for r in selectors.low_attendance(today)] == ["가", "다"]
    AttendanceTallyStamp.objects.update(computed_at=timezone.now() - TALLY_MAX_AGE)
    assert [r.membership.person.name for r in selectors.low_attendance(today)] == ["다"]


def test_low_attendance_window_is_seoul_days(attendance_body):
    """A meeting at 08:00 Seoul time on the first day of the window is 23:00 UTC the day before: it
    counts, because the window runs from Seoul midnight to Seoul midnight."""
    m = attendance_body["m"]
    early = _meeting(attendance_body["body"], D(2016, 7, 1))
    early.starts_at = timezone.make_aware(dt.datetime(2016, 7, 1, 8, 0))
    early.ends_at = early.starts_at + dt.timedelta(hours=1)
    early.save()
    _attend(early, {m["다"]: P})  # 다: 2 of 5 → still below half
    _attend(early, {m["나"]: A})  # 나: 2 of 5 → now below half
    rows = selectors.low_attendance(D(2017, 6, 30))
    assert [(r.membership.person.name, r.attended, r.held) for r in rows] == [
        ("가", 1, 4),
        ("나", 2, 5),
        ("다", 2, 5),
    ]


@pytest.mark.django_db(transaction=True)
def test_concurrent_reads_rebuild_the_tally_once_on_postgresql(attendance_body):
    """Four home pages opened at once on a stale tally: the stamp's row lock lets one rebuild it, the
    others wait and read the rebuilt rows (no duplicate rows, no error), and all see the same list."""
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("row locks (SELECT … FOR UPDATE) are tested on PostgreSQL; SQLite serialises writers")
    import threading

    from meetings.models import AttendanceTally

    barrier = threading.Barrier(4)
    results, errors = [], []

    def read():
        from django.db import connections

        try:
            barrier.wait()
            results.append([r.membership.person.name for r in selectors.low_attendance(D(2017, 6, 30))])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == [["가", "다"]] * 4
    # one row each for 가, 다 and 라 (below half, but no longer a member: not listed), not four times
    assert AttendanceTally.objects.count() == 3
    assert AttendanceTallyStamp.objects.get().valid
