"""Services of the meetings app against the database: notice and publication e-mails, one occurrence
moved or cancelled without breaking its series, staff calendar exceptions, convening requests, deputies,
recusals, named and secret votes, elections and the minutes lifecycle."""

import datetime as dt
import importlib
import io
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from committees import services as committee_services
from committees.models import CalendarException, Membership
from meetings import services
from meetings.models import (
    AgendaItem,
    Attendance,
    ConveningRequest,
    Meeting,
    MeetingPurpose,
    MeetingSeries,
    MinutesCorrection,
    NamedBallot,
    SeriesHost,
)
from seongdong_gov.mail import absolute_url
from tests import factories
from tests.outbox import run_worker

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()
D = dt.date


def _members(body, n, *, start=TODAY - dt.timedelta(days=10), role_first=None):
    group = factories.seat_group(body, count=n)
    out = []
    for i in range(n):
        role = role_first if (i == 0 and role_first) else Membership.Role.MEMBER
        out.append(
            factories.appoint(
                group,
                factories.PersonFactory(),
                start=start,
                end=start + dt.timedelta(days=700),
                reason="테스트",
                role=role,
            )
        )
    return out


def _meeting(body, *, days=30, title="정기회의", **fields):
    starts = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(16, 0), tzinfo=SEOUL)
    return services.meeting_create(
        actor=None,
        meeting=Meeting(title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=1), **fields),
        bodies=[body],
    )


# --- notice and publication ------------------------------------------------------------------------


def test_notice_emails_every_member_in_office_and_no_one_else(db, mailoutbox):
    body, other = factories.BodyFactory(), factories.BodyFactory()
    members = _members(body, 3)
    _members(other, 2)
    m = _meeting(body)
    services.meeting_send_notice(actor=None, meeting=m)
    run_worker()
    # one message per member: no one sees another member's address
    assert sorted(mail.to for mail in mailoutbox) == sorted([ms.person.email] for ms in members)
    day = m.starts_at.astimezone(SEOUL).date()
    assert all(f"{day.year}. {day.month}. {day.day}. 16:00" in mail.subject for mail in mailoutbox)
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.NOTICE_SENT


def test_cancel_mail_text_is_plain_text_line_by_line(db, mailoutbox):
    """The mail templates render plain text: nothing HTML-escaped, one fact a line, as sent before."""
    body = factories.BodyFactory()
    _members(body, 1)
    m = _meeting(body, title='예산 & "결산" 회의', place="")
    services.meeting_send_notice(actor=None, meeting=m)
    services.meeting_cancel(actor=None, meeting=m, reason="위원 <과반> 불참")
    run_worker()
    local = m.starts_at.astimezone(SEOUL)
    when = f"{local.year}. {local.month}. {local.day}. 16:00"
    (cancel,) = [mail for mail in mailoutbox if mail.subject.startswith("[회의 취소]")]
    assert cancel.subject == f'[회의 취소] 예산 & "결산" 회의 ({when})'
    assert cancel.body == "\n".join(
        [
            "다음 회의가 취소되었습니다. 사유: 위원 <과반> 불참",
            "",
            '회의명: 예산 & "결산" 회의',
            f"일시: {when}",
            "장소: -",
            "",
            f"자세한 내용은 '내 회의'에서 확인하세요: {absolute_url(m.get_absolute_url())}",
        ]
    )


def test_notice_shorter_than_body_rule_needs_urgent_reason(db, mailoutbox):
    body = factories.BodyFactory(notice_days=5)
    _members(body, 2)
    m = _meeting(body, days=3, urgent=True, urgent_reason="예산 심의 기한")
    Meeting.objects.filter(pk=m.pk).update(urgent=False, urgent_reason="")
    m.refresh_from_db()
    with pytest.raises(ValidationError, match="긴급 소집"):
        services.meeting_send_notice(actor=None, meeting=m)
    assert mailoutbox == [] and Meeting.objects.get(pk=m.pk).status == Meeting.Status.PLANNED
    Meeting.objects.filter(pk=m.pk).update(urgent=True, urgent_reason="예산 심의 기한")
    m.refresh_from_db()
    services.meeting_send_notice(actor=None, meeting=m)
    run_worker()
    assert "긴급 소집 사유: 예산 심의 기한" in mailoutbox[0].body


def test_publishing_the_agenda_tells_members(db, mailoutbox):
    body = factories.BodyFactory()
    members = _members(body, 2)
    m = _meeting(body)
    with pytest.raises(ValidationError, match="안건이 없어"):
        services.agenda_publish(actor=None, meeting=m)
    AgendaItem.objects.create(meeting=m, order=1, kind="report", title="보고")
    services.agenda_publish(actor=None, meeting=m)
    run_worker()
    assert all("[안건 공개]" in mail.subject for mail in mailoutbox)
    assert sorted(mail.to for mail in mailoutbox) == sorted([x.person.email] for x in members)


# --- series: generated occurrences, one moved or cancelled ---------------------------------------------


@pytest.fixture
def friday_series(db):
    council, support, task_force = (factories.BodyFactory() for _ in range(3))
    series = MeetingSeries.objects.create(
        name="실무협의 회의",
        recurrence="second_fourth_friday",
        start_date=D(2026, 9, 1),
        end_date=D(2026, 12, 31),
        start_time=dt.time(16, 0),
        non_working_policy="next",
    )
    series.bodies.set([council, support, task_force])
    for order, body in enumerate([task_force, council, support], start=1):
        SeriesHost.objects.create(series=series, body=body, order=order)
    services.series_generate(actor=None, series=series, until=D(2026, 12, 31))
    return series, (task_force, council, support)


def test_series_2026_moves_holidays_with_visible_reason(friday_series, login):
    series, _hosts = friday_series
    by_nominal = {m.original_date: m for m in series.meetings.all()}
    assert len(by_nominal) == 8
    chuseok = by_nominal[D(2026, 9, 25)]
    assert (chuseok.starts_at.astimezone(SEOUL).date(), chuseok.moved_reason) == (D(2026, 9, 28), "추석")
    assert by_nominal[D(2026, 10, 9)].starts_at.astimezone(SEOUL).date() == D(2026, 10, 12)
    assert by_nominal[D(2026, 12, 25)].starts_at.astimezone(SEOUL).date() == D(2026, 12, 28)
    assert by_nominal[D(2026, 9, 11)].moved_reason == ""
    page = login(factories.staff_user()).get(reverse("meetings:list")).content.decode()
    assert "2026. 9. 25. 추석 → 변경" in page and "2026. 10. 9. 한글날 → 변경" in page


def test_series_host_rotation_is_recorded_on_each_occurrence(friday_series):
    series, hosts = friday_series
    ordered = list(series.meetings.order_by("starts_at").select_related("host_body"))
    assert [m.host_body for m in ordered[:4]] == [hosts[0], hosts[1], hosts[2], hosts[0]]


def test_one_occurrence_moved_and_one_cancelled_keep_the_series(friday_series, login):
    series, _ = friday_series
    staff = login(factories.staff_user())
    moved = series.meetings.get(original_date=D(2026, 10, 23))
    cancelled = series.meetings.get(original_date=D(2026, 11, 13))
    response = staff.post(
        reverse("meetings:reschedule", args=[moved.pk]),
        {"starts_at": "2026-10-21T14:00", "ends_at": "2026-10-21T15:00", "reason": "구청장 일정"},
    )
    assert response.status_code == 302
    response = staff.post(reverse("meetings:cancel", args=[cancelled.pk]), {"reason": ""})
    assert "취소 사유" in response.content.decode()  # refused, nothing lost
    staff.post(reverse("meetings:cancel", args=[cancelled.pk]), {"reason": "예산 심의 일정과 겹침"})
    again = services.series_generate(actor=None, series=series, until=D(2026, 12, 31))
    assert again == [] and series.meetings.count() == 8
    moved.refresh_from_db()
    cancelled.refresh_from_db()
    assert (moved.starts_at.astimezone(SEOUL), moved.original_date, moved.moved_reason, moved.sequence) == (
        dt.datetime(2026, 10, 21, 14, 0, tzinfo=SEOUL),
        D(2026, 10, 23),
        "구청장 일정",
        1,
    )
    assert (cancelled.status, cancelled.cancelled_reason) == ("cancelled", "예산 심의 일정과 겹침")
    others = series.meetings.exclude(pk__in=[moved.pk, cancelled.pk])
    assert set(others.values_list("status", flat=True)) == {"planned"}
    detail = staff.get(reverse("meetings:detail", args=[moved.pk])).content.decode()
    assert "2026. 10. 23. 구청장 일정 → 변경" in detail
    feed = icalendar.Calendar.from_ical(staff.get(reverse("meetings:ics", args=[cancelled.pk])).content)
    assert str(feed.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_reschedule_onto_a_holiday_is_flagged_and_held_meetings_cannot_move(friday_series):
    series, _ = friday_series
    m = series.meetings.get(original_date=D(2026, 11, 27))
    start = dt.datetime(2026, 12, 25, 10, 0, tzinfo=SEOUL)
    m = services.meeting_reschedule(
        actor=None, meeting=m, starts_at=start, ends_at=start + dt.timedelta(hours=1), reason="연말"
    )
    assert m.date_flagged is True
    services.meeting_send_notice(actor=None, meeting=m, today=D(2026, 12, 1))
    services.meeting_mark_held(actor=None, meeting=m, now=start + dt.timedelta(minutes=5))
    with pytest.raises(ValidationError, match=r"현재 상태\(개최\)에서는 일정 변경할 수 없습니다"):
        services.meeting_reschedule(
            actor=None, meeting=m, starts_at=start, ends_at=start + dt.timedelta(hours=1), reason="다시"
        )


def test_staff_closure_and_extra_working_day_from_the_ui_drive_the_schedule(db, login):
    staff = login(factories.staff_user())
    url = reverse("meetings:calendar")
    staff.post(url, {"date": "2026-03-10", "kind": "closure", "reason": "구청 전산 이전"})
    staff.post(url, {"date": "2026-05-10", "kind": "working", "reason": "행사 대체 근무"})
    response = staff.post(url, {"date": "2026-06-10", "kind": "closure", "reason": ""})
    assert "이 필드는 필수 항목입니다." in response.content.decode() or "필수" in response.content.decode()
    assert set(CalendarException.objects.values_list("date", "kind")) == {
        (D(2026, 3, 10), "closure"),
        (D(2026, 5, 10), "working"),
    }
    series = MeetingSeries.objects.create(
        name="사업성과 회의",
        recurrence="monthly_day",
        day_of_month=10,
        start_date=D(2026, 3, 1),
        end_date=D(2026, 5, 31),
        start_time=dt.time(16, 0),
    )
    series.bodies.set([factories.BodyFactory()])
    services.series_generate(actor=None, series=series, until=D(2026, 5, 31))
    got = {
        m.original_date: (m.starts_at.astimezone(SEOUL).date(), m.moved_reason) for m in series.meetings.all()
    }
    assert got == {
        D(2026, 3, 10): (D(2026, 3, 11), "구청 전산 이전"),
        D(2026, 4, 10): (D(2026, 4, 10), ""),
        D(2026, 5, 10): (D(2026, 5, 10), ""),  # a Sunday, declared a working day
    }
    page = staff.get(url + "?year=2026").content.decode()
    assert "구청 전산 이전" in page and "추석" in page


# --- convening requests ----------------------------------------------------------------------------


def test_convening_request_satisfied_at_one_third_of_fifteen(db, mailoutbox):
    body = factories.BodyFactory()
    secretary = factories.PersonFactory(email="secretary@example.org")
    body.secretary_person = secretary
    body.save()
    staff = factories.staff_user()
    staff.email = "staff@example.org"
    staff.save()
    members = _members(body, 15, role_first=Membership.Role.CHAIR)
    outsider = _members(factories.BodyFactory(), 1)[0]
    request = services.convening_request_open(
        actor=None, body=body, membership=members[1], reason="임시회의 소집 요구"
    )
    assert (request.enrolled, request.threshold) == (15, 5)
    for m in members[2:5]:
        services.convening_request_sign(actor=None, request=request, membership=m)
    request.refresh_from_db()
    run_worker()
    assert request.satisfied_at is None and mailoutbox == []
    with pytest.raises(ValidationError, match="이미 서명"):
        services.convening_request_sign(actor=None, request=request, membership=members[2])
    with pytest.raises(ValidationError, match="현재 위원만"):
        services.convening_request_sign(actor=None, request=request, membership=outsider)
    services.convening_request_sign(actor=None, request=request, membership=members[5])
    request.refresh_from_db()
    assert request.satisfied_at is not None and request.signatures.count() == 5
    run_worker()
    assert sorted(mail.to for mail in mailoutbox) == sorted(
        [[members[0].person.email], ["secretary@example.org"], ["staff@example.org"]]
    )
    services.convening_request_sign(actor=None, request=request, membership=members[6])
    run_worker()
    assert len(mailoutbox) == 3 and request.signatures.count() == 6


def test_convening_threshold_excludes_vacancies(db):
    body = factories.BodyFactory()
    members = _members(body, 12)  # 15 seats would give 5; 12 in office give 4
    factories.seat_group(body, count=3, label="공석")
    request = services.convening_request_open(actor=None, body=body, membership=members[0], reason="요구")
    assert (request.enrolled, request.threshold) == (12, 4)


def test_member_opens_and_signs_through_the_portal(db, login):
    body = factories.BodyFactory()
    members = _members(body, 6)
    users = []
    for i, m in enumerate(members[:3]):
        user = factories.UserFactory(username=f"conv{i}")
        m.person.user = user
        m.person.save()
        users.append(user)
    client = login(users[0])
    response = client.post(reverse("meetings:convening"), {"body": body.pk, "reason": "긴급 현안 논의"})
    assert response.status_code == 302
    request = ConveningRequest.objects.get()
    client.force_login(users[1])
    client.post(reverse("meetings:convening_sign", args=[request.pk]))
    page = client.get(reverse("meetings:convening")).content.decode()
    assert request.signatures.count() == 2 and "2 / 2명 (재적 6명)" in page and "요건 충족" in page


def _sitting(body):
    m = _meeting(body, days=-1)
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.HELD)
    return Meeting.objects.get(pk=m.pk)


# --- attendance, recusal, votes, elections --------------------------------------------------------------


def test_deputy_only_for_ex_officio_members_where_the_body_allows(db):
    body = factories.BodyFactory(allows_deputies=True)
    post = factories.PostFactory(name="보건소장")
    holder = factories.PersonFactory()
    committee_services.post_holder_change(actor=None, post=post, person=holder, start=D(2016, 1, 1))
    factories.seat_group(body, post=post, effective=D(2016, 1, 1))
    ex_officio = Membership.objects.get(body=body, person=holder)
    appointed = _members(body, 1)[0]
    m = _meeting(body, days=-1)  # attendance is recorded once the meeting has started
    att = services.attendance_record(
        actor=None, meeting=m, membership=ex_officio, status="present", deputy_name="보건행정팀장"
    )
    assert att.deputy_name == "보건행정팀장"
    with pytest.raises(ValidationError, match="당연직 위원만"):
        services.attendance_record(
            actor=None, meeting=m, membership=appointed, status="present", deputy_name="대리인"
        )
    body.allows_deputies = False
    body.save()
    m = Meeting.objects.get(pk=m.pk)
    with pytest.raises(ValidationError, match="허용하지 않습니다"):
        services.attendance_record(
            actor=None, meeting=m, membership=ex_officio, status="present", deputy_name="보건행정팀장"
        )


def _held(body, n):
    """Yesterday's meeting, held (votes and elections need a meeting that sat and has started)."""
    members = _members(body, n)
    m = _sitting(body)
    for ms in members:
        Attendance.objects.create(meeting=m, membership=ms, status="present")
    item = AgendaItem.objects.create(meeting=m, order=1, kind="resolution", title="안건")
    return m, item, members


def test_recused_member_counts_for_quorum_not_for_the_vote(db):
    body = factories.BodyFactory()
    _m, item, members = _held(body, 5)
    services.recusal_add(actor=None, item=item, membership=members[0], reason="이해관계")
    with pytest.raises(ValidationError, match="이미"):
        services.recusal_add(actor=None, item=item, membership=members[0], reason="중복")
    with pytest.raises(ValidationError, match="투표 수\\(5\\)"):
        services.vote_record(actor=None, item=item, method="secret", taken=dt.time(16, 30), yes=3, no=2)
    vote = services.vote_record(actor=None, item=item, method="secret", taken=dt.time(16, 30), yes=2, no=2)
    assert (vote.present, vote.voting, vote.required, vote.passed) == (5, 4, 3, False)
    assert vote.outcome_label == "부결 (가부동수)"


def test_named_vote_keeps_each_choice_secret_vote_keeps_totals_only(db):
    body = factories.BodyFactory()
    _m, item, members = _held(body, 3)
    ballots = {members[0].pk: "yes", members[1].pk: "yes", members[2].pk: "no"}
    vote = services.vote_record(actor=None, item=item, method="named", taken=dt.time(16, 30), ballots=ballots)
    assert (vote.yes, vote.no, vote.passed) == (2, 1, True)
    assert dict(NamedBallot.objects.filter(vote=vote).values_list("membership_id", "choice")) == ballots
    secret = services.vote_record(actor=None, item=item, method="secret", taken=dt.time(16, 40), yes=1, no=2)
    assert secret.passed is False and not NamedBallot.objects.filter(vote=secret).exists()
    with pytest.raises(ValidationError, match="기명 표결에서만"):
        services.vote_record(
            actor=None, item=item, method="secret", taken=dt.time(16, 50), ballots={members[0].pk: "yes"}
        )


def test_member_who_left_early_is_not_counted_at_a_later_vote(db):
    body = factories.BodyFactory()
    members = _members(body, 5)
    m = _sitting(body)
    for i, ms in enumerate(members[:3]):
        services.attendance_record(
            actor=None,
            meeting=m,
            membership=ms,
            status="present",
            left=dt.time(16, 30) if i == 0 else None,
        )
    item = AgendaItem.objects.create(meeting=m, order=1, kind="resolution", title="안건")
    vote = services.vote_record(actor=None, item=item, method="show_of_hands", taken=dt.time(16, 20), yes=3)
    assert vote.present == 3
    with pytest.raises(ValidationError, match="의사정족수\\(3명\\)"):
        services.vote_record(actor=None, item=item, method="show_of_hands", taken=dt.time(16, 40), yes=2)


def test_election_records_the_winners_role_on_the_membership(db):
    body = factories.BodyFactory()
    _m, item, members = _held(body, 5)
    item.kind = "election"
    item.save()
    with pytest.raises(ValidationError, match="과반수"):
        services.election_record(
            actor=None,
            item=item,
            role=Membership.Role.CO_CHAIR_CIVIL,
            counts={members[0].pk: 2, members[1].pk: 2},
            taken=dt.time(16, 30),
        )
    services.election_record(
        actor=None,
        item=item,
        role=Membership.Role.CO_CHAIR_CIVIL,
        counts={members[0].pk: 1, members[1].pk: 4},
        taken=dt.time(16, 30),
    )
    assert Membership.objects.get(pk=members[1].pk).role == Membership.Role.CO_CHAIR_CIVIL
    assert Membership.objects.get(pk=members[0].pk).role == Membership.Role.MEMBER


def test_election_without_quorum_at_that_moment_is_refused_and_a_held_one_is_audited(db):
    from seongdong_gov.models import AuditEntry

    body = factories.BodyFactory()
    _m, item, members = _held(body, 5)
    item.kind = "election"
    item.save()
    # three of five leave before the ballot: 2 present, the quorum to open is 3
    left = _m.starts_at  # they left as the meeting opened, before the 16:30 ballot
    Attendance.objects.filter(membership__in=members[2:]).update(left_at=left)
    with pytest.raises(ValidationError, match="의사정족수"):
        services.election_record(
            actor=None,
            item=item,
            role=Membership.Role.CHAIR,
            counts={members[0].pk: 2},
            taken=dt.time(16, 30),
        )
    assert not Membership.objects.filter(pk=members[0].pk, role=Membership.Role.CHAIR).exists()
    Attendance.objects.update(left_at=None)
    election = services.election_record(
        actor=None,
        item=item,
        role=Membership.Role.CHAIR,
        counts={members[0].pk: 4, members[1].pk: 1},
        taken=dt.time(16, 30),
    )
    entry = AuditEntry.objects.get(action="election_record", object_id=str(election.pk))
    assert entry.changes["candidates"] == [None, {str(members[0].pk): 4, str(members[1].pk): 1}]


def test_a_new_election_to_an_office_returns_the_previous_holder_to_member(db):
    body = factories.BodyFactory()
    _m, item, members = _held(body, 5)
    item.kind = "election"
    item.save()
    Membership.objects.filter(pk=members[0].pk).update(role=Membership.Role.CHAIR)
    services.election_record(
        actor=None,
        item=item,
        role=Membership.Role.CHAIR,
        counts={members[1].pk: 4, members[0].pk: 1},
        taken=dt.time(16, 30),
    )
    roles = dict(Membership.objects.filter(pk__in=[members[0].pk, members[1].pk]).values_list("pk", "role"))
    assert roles == {members[0].pk: Membership.Role.MEMBER, members[1].pk: Membership.Role.CHAIR}


# --- minutes ------------------------------------------------------------------------------------------


def test_minutes_draft_approved_locked_then_only_corrections(db, login):
    body = factories.BodyFactory()
    m, *_rest = _held(body, 3)
    services.observer_add(actor=None, meeting=m, name="김배석", affiliation="자치행정과")
    with pytest.raises(ValidationError):
        services.minutes_save(actor=None, meeting=m, remarks="요지", is_public=False)
    minutes = services.minutes_save(
        actor=None, meeting=m, remarks="요지", is_public=False, nondisclosure_reason="개인정보 포함"
    )
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.MINUTES_DRAFT
    with pytest.raises(ValidationError, match=r"현재 상태\(회의록 작성 중\)에서는 회의록 확정할 수 없습니다"):
        services.minutes_lock(actor=None, minutes=minutes)
    services.minutes_approve(actor=None, minutes=minutes)
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.MINUTES_APPROVED
    with pytest.raises(ValidationError, match=r"현재 상태\(회의록 승인\)에서는 회의록 작성할 수 없습니다"):
        services.minutes_save(actor=None, meeting=m, remarks="변경", is_public=True)
    with pytest.raises(ValidationError, match="확정 전"):
        services.minutes_correct(actor=None, minutes=minutes, text="오기 정정", reason="오타")
    services.minutes_lock(actor=None, minutes=minutes)
    services.minutes_correct(actor=None, minutes=minutes, text="3쪽 '찬성 2' → '찬성 3'", reason="집계 오기")
    assert MinutesCorrection.objects.filter(minutes=minutes).count() == 1
    page = login(factories.staff_user()).get(reverse("meetings:minutes", args=[m.pk])).content.decode()
    for field in [
        "회의명",
        "주관",
        "일시",
        "장소",
        "참석자",
        "배석자",
        "김배석",
        "진행 순서 및 안건",
        "발언 요지",
    ]:
        assert field in page
    assert "비공개" in page and "개인정보 포함" in page and "집계 오기" in page


def test_minutes_pdf_is_a4_pdf(db, login):
    body = factories.BodyFactory()
    m, _item, _ = _held(body, 2)
    services.minutes_save(actor=None, meeting=m, remarks="한글 요지", is_public=True)
    response = login(factories.staff_user()).get(reverse("meetings:minutes", args=[m.pk]) + "?format=pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 from print.css
    fonts = {f["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("NanumMyeongjo" in str(f) for f in fonts)  # the Korean font is embedded
    assert "한글 요지" in reader.pages[0].extract_text()


# --- documents attached by other apps, and the purpose link ------------------------------------------


def test_attachment_replace_document_replaces_same_names_only(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    m = _meeting(factories.BodyFactory())
    item = AgendaItem.objects.create(meeting=m, order=1, kind="report", title="보고")
    services.attachment_add(
        actor=None, meeting=m, file=SimpleUploadedFile("안건.pdf", b"%PDF-1.4 keep"), item=None
    )
    docs = {"종합 2026-01.pdf": b"%PDF-1.4 one", "종합 2026-01.xlsx": b"PK one"}
    services.attachment_replace_document(
        actor=None, meeting=m, item=item, documents=docs, action="report.consolidated_attach", note="1"
    )
    again = {"종합 2026-01.pdf": b"%PDF-1.4 two", "종합 2026-01.xlsx": b"PK two"}
    services.attachment_replace_document(
        actor=None, meeting=m, item=item, documents=again, action="report.consolidated_attach", note="2"
    )
    rows = {a.original_name: (a.item_id, a.file.read()) for a in m.attachments.all()}
    assert rows == {
        "안건.pdf": (None, b"%PDF-1.4 keep"),
        "종합 2026-01.pdf": (item.pk, b"%PDF-1.4 two"),
        "종합 2026-01.xlsx": (item.pk, b"PK two"),
    }


def test_a_file_goes_on_an_item_of_its_own_meeting_only(db, settings, tmp_path):
    """The meeting page lists a meeting's files by their meeting: an item of another meeting is refused,
    and nothing is stored."""
    settings.MEDIA_ROOT = tmp_path
    m, other = _meeting(factories.BodyFactory()), _meeting(factories.BodyFactory())
    foreign = AgendaItem.objects.create(meeting=other, order=1, kind="report", title="보고")
    with pytest.raises(ValidationError, match="이 회의의 안건이 아닙니다"):
        services.attachment_add(
            actor=None, meeting=m, file=SimpleUploadedFile("안건.pdf", b"%PDF-1.4 x"), item=foreign
        )
    with pytest.raises(ValidationError, match="이 회의의 안건이 아닙니다"):
        services.attachment_replace_document(
            actor=None, meeting=m, item=foreign, documents={"a.pdf": b"%PDF-1.4"}, action="x", note=""
        )
    assert not m.attachments.exists() and not other.attachments.exists()
    assert list(tmp_path.rglob("*.pdf")) == []


def test_purpose_migration_marks_review_meetings_by_the_old_title_rule(db):
    """Existing rows get the purpose the reports app used to infer: the series' name or the title."""
    migration = importlib.import_module("meetings.migrations.0006_purpose_from_title")
    body = factories.BodyFactory()
    series = MeetingSeries.objects.create(
        name="사업성과 회의",
        recurrence="monthly_day",
        day_of_month=10,
        start_date=TODAY,
        start_time=dt.time(16),
    )
    series.bodies.add(body)
    (from_series, *_rest) = services.series_generate(
        actor=None, series=series, until=TODAY + dt.timedelta(days=40)
    )
    titled = _meeting(body, title="사업성과 회의 2026. 2.")
    other = _meeting(body, title="정기회의")
    migration.forwards(django_apps, None)
    purposes = {m.pk: m.purpose for m in Meeting.objects.filter(pk__in=[from_series.pk, titled.pk, other.pk])}
    assert purposes == {
        from_series.pk: MeetingPurpose.PERFORMANCE_REVIEW,
        titled.pk: MeetingPurpose.PERFORMANCE_REVIEW,
        other.pk: MeetingPurpose.GENERAL,
    }
    series.refresh_from_db()
    assert series.purpose == MeetingPurpose.PERFORMANCE_REVIEW


def test_series_occurrences_carry_the_series_purpose(db):
    series = MeetingSeries.objects.create(
        name="성과 점검",
        purpose=MeetingPurpose.PERFORMANCE_REVIEW,
        recurrence="monthly_day",
        day_of_month=10,
        start_date=TODAY,
        start_time=dt.time(16),
    )
    series.bodies.add(factories.BodyFactory())
    created = services.series_generate(actor=None, series=series, until=TODAY + dt.timedelta(days=70))
    assert {m.purpose for m in created} == {MeetingPurpose.PERFORMANCE_REVIEW}
