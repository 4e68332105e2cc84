"""The meeting's state machine, enforced by the services (issue 10 §2): locked minutes refuse every
write, states and start times are checked under the meeting's row lock, 유회, one record per submitted
form, confirmation pages and the messages that end each step."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Observer, Vote
from seongdong_gov.models import SubmissionKey
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
LOCKED = "회의록이 확정되어 더 이상 바꿀 수 없습니다. 정정 기록을 남기세요."


def _day(days: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=days)


def _meeting(*, status=Meeting.Status.HELD, days=-3, members=3, present=2):
    """A meeting of a body with `members` appointed members, `present` of them recorded present."""
    body = factories.BodyFactory(name="추진운영위원회", allows_written_resolution=True)
    group = factories.seat_group(body, count=members)
    ms = [
        factories.appoint(
            group,
            factories.PersonFactory(name=f"위원{i}"),
            start=_day(-400),
            end=_day(600),
            reason="테스트",
        )
        for i in range(members)
    ]
    starts = dt.datetime.combine(_day(days), dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="제3차 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        uid=f"lifecycle-{status}-{days}",
        status=status,
        cancelled_reason="장소 사정" if status == Meeting.Status.CANCELLED else "",
        host_body=body,
    )
    meeting.bodies.add(body)
    for i, m in enumerate(ms):
        Attendance.objects.create(
            meeting=meeting, membership=m, status="present" if i < present else "absent"
        )
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="운영 규정 개정")
    return meeting, item, ms


def _lock(meeting):
    staff = factories.staff_user()
    minutes = services.minutes_save(actor=None, meeting=meeting, remarks="원안 가결", is_public=True)
    services.minutes_approve(actor=staff, minutes=minutes)
    return services.minutes_lock(actor=staff, minutes=Minutes.objects.get(pk=minutes.pk)), staff


# every meetings write, as a call on (meeting, item, members)
WRITES = {
    "agenda_item_save": lambda mt, it, ms: services.agenda_item_save(
        actor=None, item=AgendaItem(meeting=mt, order=2, kind="report", title="새 안건")
    ),
    "agenda_item_edit": lambda mt, it, ms: services.agenda_item_save(actor=None, item=it),
    "agenda_publish": lambda mt, it, ms: services.agenda_publish(actor=None, meeting=mt),
    "attachment_add": lambda mt, it, ms: services.attachment_add(
        actor=None, meeting=mt, file=SimpleUploadedFile("a.txt", b"hello")
    ),
    "attachment_replace_document": lambda mt, it, ms: services.attachment_replace_document(
        actor=None, meeting=mt, item=None, documents={"r.txt": b"x"}, action="report", note=""
    ),
    "attendance_record": lambda mt, it, ms: services.attendance_record(
        actor=None, meeting=mt, membership=ms[2], status="present"
    ),
    "attendance_save": lambda mt, it, ms: services.attendance_save(
        actor=None, meeting=mt, rows=[{"membership": ms[2], "status": "present"}]
    ),
    "observer_add": lambda mt, it, ms: services.observer_add(actor=None, meeting=mt, name="최배석"),
    "recusal_add": lambda mt, it, ms: services.recusal_add(
        actor=None, item=it, membership=ms[0], reason="이해관계"
    ),
    "vote_record": lambda mt, it, ms: services.vote_record(
        actor=None, item=it, method="show_of_hands", taken=dt.time(16, 30), yes=2, no=0
    ),
    "election_record": lambda mt, it, ms: services.election_record(
        actor=None, item=it, role="chair", counts={ms[0].pk: 2}, taken=dt.time(16, 30)
    ),
    "written_open": lambda mt, it, ms: services.written_open(
        actor=None, item=it, deadline=dt.datetime.now(SEOUL) + dt.timedelta(days=3)
    ),
    "minutes_save": lambda mt, it, ms: services.minutes_save(
        actor=None, meeting=mt, remarks="고침", is_public=True
    ),
    "minutes_approve": lambda mt, it, ms: services.minutes_approve(actor=None, minutes=mt.minutes),
    "minutes_lock": lambda mt, it, ms: services.minutes_lock(actor=None, minutes=mt.minutes),
    "meeting_send_notice": lambda mt, it, ms: services.meeting_send_notice(actor=None, meeting=mt),
    "meeting_reschedule": lambda mt, it, ms: services.meeting_reschedule(
        actor=None,
        meeting=mt,
        starts_at=mt.starts_at + dt.timedelta(days=1),
        ends_at=mt.ends_at + dt.timedelta(days=1),
        reason="장소 사정",
    ),
    "meeting_cancel": lambda mt, it, ms: services.meeting_cancel(actor=None, meeting=mt, reason="사정"),
    "meeting_mark_held": lambda mt, it, ms: services.meeting_mark_held(actor=None, meeting=mt),
    "meeting_mark_no_quorum": lambda mt, it, ms: services.meeting_mark_no_quorum(actor=None, meeting=mt),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_locked_meeting_refuses_every_write(db, write):
    meeting, item, ms = _meeting()
    _lock(meeting)
    meeting = Meeting.objects.get(pk=meeting.pk)
    counts = (Vote.objects.count(), AgendaItem.objects.count(), Observer.objects.count())
    with pytest.raises(ValidationError) as exc:
        WRITES[write](meeting, item, ms)
    assert exc.value.messages == [LOCKED]
    assert (Vote.objects.count(), AgendaItem.objects.count(), Observer.objects.count()) == counts
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.MINUTES_LOCKED


def test_correction_is_the_one_write_after_locking(db):
    meeting, _item, _ms = _meeting()
    minutes, staff = _lock(meeting)
    services.minutes_correct(actor=staff, minutes=minutes, text="오기 정정", reason="오타")
    assert minutes.corrections.count() == 1


def test_minutes_status_follows_the_meeting(db):
    meeting, _item, _ms = _meeting()
    staff = factories.staff_user()
    minutes = services.minutes_save(actor=None, meeting=meeting, remarks="초안", is_public=True)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.MINUTES_DRAFT
    services.minutes_approve(actor=staff, minutes=minutes)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.MINUTES_APPROVED
    minutes = services.minutes_lock(actor=staff, minutes=Minutes.objects.get(pk=minutes.pk))
    assert (Meeting.objects.get(pk=meeting.pk).status, minutes.status) == ("minutes_locked", "locked")


def test_vote_before_the_meeting_starts_is_refused(db):
    meeting, item, _ms = _meeting(status=Meeting.Status.NOTICE_SENT, days=10)
    with pytest.raises(ValidationError) as exc:
        WRITES["vote_record"](meeting, item, _ms)
    assert exc.value.messages == [
        "현재 상태(소집 통지)에서는 표결할 수 없습니다."  # the state is judged before the time
    ]
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as exc:
        WRITES["vote_record"](meeting, item, _ms)
    when = f"{_day(10).year}. {_day(10).month}. {_day(10).day}. 16:00"
    assert exc.value.messages == [f"회의 시작({when}) 전에는 표결할 수 없습니다."]
    assert not Vote.objects.exists()


def test_approval_before_the_meeting_date_is_refused(db):
    meeting, _item, _ms = _meeting(status=Meeting.Status.MINUTES_DRAFT, days=5)
    minutes = Minutes.objects.create(meeting=meeting, remarks="미리 쓴 초안")
    with pytest.raises(ValidationError) as exc:
        services.minutes_approve(actor=None, minutes=minutes)
    assert "전에는 회의록 승인할 수 없습니다." in exc.value.messages[0]
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.DRAFT


def test_held_before_the_meeting_starts_is_refused(db):
    meeting, _item, _ms = _meeting(status=Meeting.Status.NOTICE_SENT, days=2)
    with pytest.raises(ValidationError, match="전에는 개최 완료 처리할 수 없습니다"):
        services.meeting_mark_held(actor=None, meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.NOTICE_SENT


def test_cancelled_meeting_agenda_cannot_be_published(db, mailoutbox):
    meeting, _item, _ms = _meeting(status=Meeting.Status.CANCELLED, days=5)
    with pytest.raises(ValidationError, match=r"현재 상태\(취소\)에서는 안건 공개할 수 없습니다"):
        services.agenda_publish(actor=None, meeting=meeting)
    assert not Meeting.objects.get(pk=meeting.pk).agenda_published
    assert mailoutbox == []


def test_no_quorum_meeting_holds_no_vote_and_its_minutes_say_so(db, client):
    meeting, item, ms = _meeting(status=Meeting.Status.NOTICE_SENT, present=1)
    services.meeting_mark_no_quorum(actor=None, meeting=meeting)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.status == Meeting.Status.NO_QUORUM
    for write in ("vote_record", "election_record"):
        with pytest.raises(ValidationError, match=r"현재 상태\(유회\)에서는"):
            WRITES[write](meeting, item, ms)
    minutes, staff = _lock(meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.NO_QUORUM
    assert minutes.record["meeting"]["no_quorum"] is True
    client.force_login(staff)
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "유회 (정족수 미달)" in page
    with pytest.raises(ValidationError, match="회의록이 확정되어"):
        WRITES["vote_record"](meeting, item, ms)


def test_no_quorum_refused_when_the_quorum_was_met(db):
    meeting, _item, _ms = _meeting(status=Meeting.Status.HELD, present=2)
    with pytest.raises(ValidationError, match=r"개의정족수\(2명\)를 충족하여 유회로 처리할 수 없습니다"):
        services.meeting_mark_no_quorum(actor=None, meeting=meeting)


def test_same_submission_key_records_one_vote(db):
    _mt, item, _ms = _meeting()
    kwargs = {"actor": None, "item": item, "method": "show_of_hands", "taken": dt.time(16, 30), "yes": 2}
    services.vote_record(**kwargs, submission_key="k1")
    with pytest.raises(ValidationError, match="이미 처리된 요청입니다"):
        services.vote_record(**kwargs, submission_key="k1")
    services.vote_record(**kwargs, submission_key="k2")  # a new form is a new vote
    assert Vote.objects.count() == 2


def test_posting_the_vote_form_twice_stores_one_vote(db, client):
    meeting, item, _ms = _meeting()
    client.force_login(factories.staff_user())
    url = reverse("meetings:vote", args=[meeting.pk])
    form = client.get(url).context["form"]
    key = form["submission_key"].value()
    assert key
    data = {
        "submission_key": key,
        "item": item.pk,
        "method": "show_of_hands",
        "taken": "16:30",
        "yes": 2,
        "no": 0,
        "abstain": 0,
    }
    first = client.post(url, data)
    vote = Vote.objects.get()
    assert first.status_code == 302 and first["Location"] == f"{url}?vote={vote.pk}"
    # the second click of a double click lands on the vote the first one recorded
    second = client.post(url, data, follow=True)
    assert second.redirect_chain == [(first["Location"], 302)]
    assert "이미 기록된 표결입니다. 같은 요청은 한 번만 기록합니다." in _messages(second)
    assert Vote.objects.count() == 1
    shown = client.get(first["Location"])
    assert shown.context["vote"] == vote and shown.context["form"]["submission_key"].value() != key


@pytest.mark.parametrize(
    ("name", "create"),
    [
        (
            "observer",
            lambda mt, it, ms, k: services.observer_add(actor=None, meeting=mt, name="최", submission_key=k),
        ),
        (
            "recusal",
            lambda mt, it, ms, k: services.recusal_add(
                actor=None, item=it, membership=ms[1], reason="이해", submission_key=k
            ),
        ),
        (
            "item",
            lambda mt, it, ms, k: services.agenda_item_save(
                actor=None,
                item=AgendaItem(meeting=mt, order=5, kind="report", title="보고"),
                submission_key=k,
            ),
        ),
        (
            "attachment",
            lambda mt, it, ms, k: services.attachment_add(
                actor=None, meeting=mt, file=SimpleUploadedFile("a.txt", b"a"), submission_key=k
            ),
        ),
        (
            "election",
            lambda mt, it, ms, k: services.election_record(
                actor=None,
                item=it,
                role="chair",
                counts={ms[0].pk: 2},
                taken=dt.time(16, 30),
                submission_key=k,
            ),
        ),
    ],
)
def test_create_services_refuse_a_repeated_key(db, name, create):
    meeting, item, ms = _meeting()
    if name == "election":
        AgendaItem.objects.filter(pk=item.pk).update(kind=AgendaItem.Kind.ELECTION)
        item.refresh_from_db()
    create(meeting, item, ms, "same")
    with pytest.raises(ValidationError, match="이미 처리된 요청입니다"):
        create(meeting, item, ms, "same")
    assert SubmissionKey.objects.filter(key="same").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_with_one_key_store_one_vote():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    _mt, item, _ms = _meeting()
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def post():
        from django.db import connection as thread_connection  # each thread opens its own connection

        try:
            barrier.wait()
            services.vote_record(
                actor=None,
                item=item,
                method="show_of_hands",
                taken=dt.time(16, 30),
                yes=2,
                submission_key="race",
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Vote.objects.filter(item=item).count() == 1


# ---- pages: confirmation, messages, next step ------------------------------------------------------


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_approve_and_lock_ask_for_confirmation(db, client):
    meeting, _item, _ms = _meeting()
    minutes = services.minutes_save(actor=None, meeting=meeting, remarks="초안", is_public=True)
    client.force_login(factories.staff_user())
    approve = reverse("meetings:minutes_status", args=[meeting.pk, "approve"])
    page = client.get(approve).content.decode()
    assert "회의록을 승인하면 위원에게 공개되고" in page
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.DRAFT  # GET changes nothing
    done = client.post(approve, follow=True)
    assert "회의록을 승인했습니다. 위원에게 공개했습니다. 다음 단계: 확정." in _messages(done)
    lock = reverse("meetings:minutes_status", args=[meeting.pk, "lock"])
    page = client.get(lock).content.decode()
    assert "더 이상 바꿀 수 없고 정정 기록만 남길 수 있습니다" in page
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.APPROVED
    done = client.post(lock, follow=True)
    assert "회의록을 확정했습니다. 이제 바꿀 수 없습니다." in _messages(done)
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.LOCKED


def test_cancel_page_says_what_will_happen(db, client):
    meeting, _item, _ms = _meeting(status=Meeting.Status.PLANNED, days=20)
    client.force_login(factories.staff_user())
    url = reverse("meetings:cancel", args=[meeting.pk])
    assert "회의를 취소하면 되돌릴 수 없습니다" in client.get(url).content.decode()
    done = client.post(url, {"reason": "장소 사정"}, follow=True)
    assert "제3차 회의을(를) 취소했습니다." in _messages(done)[0]
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED


def test_publish_message_names_the_members(db, client):
    meeting, _item, _ms = _meeting(status=Meeting.Status.NOTICE_SENT, days=20)
    client.force_login(factories.staff_user())
    done = client.post(reverse("meetings:status", args=[meeting.pk, "publish"]), follow=True)
    assert _messages(done) == ["제3차 회의 안건을 위원 3명에게 공개했습니다."]


def test_vote_on_locked_meeting_shows_the_refusal(db, client):
    meeting, item, _ms = _meeting()
    _minutes, staff = _lock(meeting)
    client.force_login(staff)
    url = reverse("meetings:vote", args=[meeting.pk])
    data = {"item": item.pk, "method": "show_of_hands", "taken": "16:30", "yes": 2, "no": 0, "abstain": 0}
    response = client.post(url, {**data, "submission_key": "x"})
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("status", "days", "shown"),
    [
        (Meeting.Status.PLANNED, 20, "소집 통지 보내기"),
        (Meeting.Status.NOTICE_SENT, 20, "안건 공개"),
        (Meeting.Status.NOTICE_SENT, -1, "개최 완료"),
        (Meeting.Status.HELD, -1, "표결 기록"),
    ],
)
def test_meeting_page_shows_the_next_step_first(db, client, status, days, shown):
    meeting, _item, _ms = _meeting(status=status, days=days)
    client.force_login(factories.staff_user())
    html = client.get(meeting.get_absolute_url()).content.decode()
    start = html.index('data-testid="next-step"')
    assert shown in html[start : html.index("</section>", start)]


def test_secretary_menu_has_meetings(db, client):
    client.force_login(factories.staff_user())
    html = client.get(reverse("meetings:list")).content.decode()
    assert f'href="{reverse("meetings:list")}">회의</a>' in html
