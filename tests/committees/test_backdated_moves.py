"""A personnel move or an end of term dated before locked minutes is history: allowed, it changes
nothing in the locked meeting (its record is frozen), and the staff member is told which locked minutes
it predates (issue 10 §1)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from committees import services as committee_services
from committees.models import Membership
from meetings import services
from meetings.models import Attendance, Meeting, Minutes
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
PAST = dt.date.today() - dt.timedelta(days=20)


def _minutes_table(client, meeting) -> str:
    html = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    start = html.index('<table class="table table-bordered minutes">')
    return html[start : html.index("</table>", start)]


def _locked_meeting_with_ex_officio():
    body = factories.BodyFactory(name="건강도시위원회")
    post = factories.PostFactory(name="보건소장")
    holder = factories.PersonFactory(name="김소장")
    committee_services.post_holder_change(
        actor=None, post=post, person=holder, start=PAST - dt.timedelta(days=300)
    )
    factories.seat_group(body, post=post, effective=PAST - dt.timedelta(days=300))
    ex_officio = Membership.objects.get(body=body, person=holder)
    starts = dt.datetime.combine(PAST, dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="제2차 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        uid="backdated-move",
        status=Meeting.Status.HELD,
        host_body=body,
    )
    meeting.bodies.add(body)
    Attendance.objects.create(meeting=meeting, membership=ex_officio, status="present")
    staff = factories.staff_user()
    minutes = services.minutes_save(actor=None, meeting=meeting, remarks="보고 청취", is_public=True)
    services.minutes_approve(actor=staff, minutes=minutes)
    services.minutes_lock(actor=staff, minutes=Minutes.objects.get(pk=minutes.pk))
    return meeting, post, ex_officio, staff


def test_backdated_post_move_leaves_the_locked_meeting_and_names_it(db, client):
    meeting, post, ex_officio, staff = _locked_meeting_with_ex_officio()
    record = Minutes.objects.get(meeting=meeting).record
    client.force_login(staff)
    page_before = _minutes_table(client, meeting)
    assert "김소장" in page_before
    successor = factories.PersonFactory(name="이신임")
    moved = PAST - dt.timedelta(days=5)  # before the locked meeting
    response = client.post(
        reverse("committees:post_move", args=[post.pk]),
        {"person": successor.pk, "start": moved.isoformat(), "note": ""},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    day = f"{PAST.year}. {PAST.month}. {PAST.day}."
    assert messages == [
        "인사 발령을 기록했습니다. 이 직위의 당연직 좌석이 함께 옮겨졌습니다. "
        f"확정된 회의록 1건(제2차 회의 {day})보다 앞선 날짜입니다. 확정된 회의록은 바뀌지 않습니다."
    ]
    # the move is history: the former holder's seat ended before the meeting...
    assert Membership.objects.get(pk=ex_officio.pk).end == moved - dt.timedelta(days=1)
    # ...and the locked meeting still shows her, as it stood
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.record == record
    assert record["attendees"] == ["김소장"]
    assert _minutes_table(client, meeting) == page_before


def test_a_move_after_the_locked_meetings_names_none(db, client):
    _meeting, post, _ex_officio, staff = _locked_meeting_with_ex_officio()
    client.force_login(staff)
    successor = factories.PersonFactory(name="이신임")
    response = client.post(
        reverse("committees:post_move", args=[post.pk]),
        {"person": successor.pk, "start": (PAST + dt.timedelta(days=1)).isoformat(), "note": ""},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "인사 발령을 기록했습니다. 이 직위의 당연직 좌석이 함께 옮겨졌습니다."
    ]
