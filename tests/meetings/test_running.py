"""Running the meeting (issue 10 §3 wiring, §4): votes, elections and written resolutions by the body's
full rules; attendance in bulk with 모두 출석; the sign-in sheet; agenda 제안 이유·주요 내용; minutes
numbered per body and year; the minutes' absentees, recusals, late arrivals, early leaves and approval."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from committees.models import Membership
from meetings import selectors, services
from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Observer, WrittenAnswer
from seongdong_gov.models import AuditEntry
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=3)


def _body(n, *, names=None, chair=False, **rules):
    body = factories.BodyFactory(gender_balance_applies=False, **rules)
    group = factories.seat_group(body, count=n)
    members = [
        factories.appoint(
            group,
            factories.PersonFactory(name=names[i] if names else f"위원{i + 1:03d}"),
            start=PAST - dt.timedelta(days=100),
            end=PAST + dt.timedelta(days=600),
            reason="테스트",
            role=Membership.Role.CHAIR if chair and i == 0 else Membership.Role.MEMBER,
        )
        for i in range(n)
    ]
    return body, members


def _meeting(body, *, on=PAST, title="제1차 회의", status=Meeting.Status.HELD):
    starts = dt.datetime.combine(on, dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="구청 8층 대회의실",
        uid=f"running-{title}-{body.pk}",
        status=status,
        host_body=body,
    )
    meeting.bodies.add(body)
    return meeting


def _sitting(n_enrolled, n_present, *, recused=0, chair=False, **rules):
    body, members = _body(n_enrolled, chair=chair, **rules)
    meeting = _meeting(body)
    for ms in members[:n_present]:
        Attendance.objects.create(meeting=meeting, membership=ms, status="present")
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="안건")
    for ms in members[:recused]:
        services.recusal_add(actor=None, item=item, membership=ms, reason="이해관계")
    return item, members


# --- §3 votes by the body's rules --------------------------------------------------------------------

ONE_THIRD_73 = {"quorum_rule": "enrolled_one_third", "deciding_attendance_rule": "enrolled_majority"}
CHAIR_IF_NOT_VOTED = {"tie_rule": "chair_decides", "casting_vote_rule": "if_not_voted"}
CHAIR_SECOND_VOTE = {"tie_rule": "chair_decides", "casting_vote_rule": "second_vote"}

VOTE_CASES = [
    # (rules, enrolled, present, yes, no, chair_voted, chair_casting, passed, label)
    # 지방자치법 제72조·제73조: opens with 1/3, decides only with a majority of 재적 present
    (ONE_THIRD_73, 9, 4, 4, 0, False, None, False, "부결: 재적 과반수 출석 미달"),
    (ONE_THIRD_73, 9, 5, 3, 2, False, None, True, "가결"),
    (ONE_THIRD_73, 9, 5, 2, 2, False, None, False, "부결 (가부동수)"),
    # a majority of 재적 must agree: 5 of 6 present is not enough when 재적 is 9 and 4 say yes
    ({"decision_rule": "enrolled_majority"}, 9, 6, 4, 2, False, None, False, "부결: 재적 과반수 찬성 미달"),
    (
        {"decision_rule": "two_thirds_present"},
        9,
        6,
        3,
        3,
        False,
        None,
        False,
        "부결: 출석위원 3분의 2 찬성 미달",
    ),
    ({}, 5, 5, 2, 3, False, None, False, "부결: 출석위원 과반수 찬성 미달"),
    # the chair's casting vote per body
    (CHAIR_IF_NOT_VOTED, 6, 6, 3, 3, False, True, True, "가결 (가부동수, 위원장 결정)"),
    (CHAIR_IF_NOT_VOTED, 6, 6, 3, 3, True, True, False, "부결 (가부동수)"),
    (CHAIR_SECOND_VOTE, 6, 6, 3, 3, True, False, False, "부결 (가부동수, 위원장 결정)"),
]


@pytest.mark.parametrize(
    ("rules", "enrolled", "present", "yes", "no", "chair_voted", "casting", "passed", "label"), VOTE_CASES
)
def test_vote_outcome_follows_the_bodys_rules(
    db, rules, enrolled, present, yes, no, chair_voted, casting, passed, label
):
    item, _members = _sitting(enrolled, present, **rules)
    vote = services.vote_record(
        actor=None,
        item=item,
        method="show_of_hands",
        taken=dt.time(16, 30),
        yes=yes,
        no=no,
        chair_voted=chair_voted,
        chair_casting=casting,
    )
    assert (vote.passed, vote.outcome_label) == (passed, label)
    assert vote.chair_casting == (casting if "위원장 결정" in label else None)


def test_vote_without_opening_quorum_or_eligible_voters_is_refused(db):
    item, _m = _sitting(9, 2, **ONE_THIRD_73)  # 1/3 of 9 is 3
    with pytest.raises(ValidationError, match="의사정족수\\(3명\\)"):
        services.vote_record(actor=None, item=item, method="secret", taken=dt.time(16, 30), yes=2)
    item, _m = _sitting(3, 2, recused=2, quorum_rule="none")
    with pytest.raises(ValidationError, match="모두 회피·제척"):
        services.vote_record(actor=None, item=item, method="secret", taken=dt.time(16, 30), yes=0)


def test_named_vote_knows_the_chair_voted_and_gives_no_second_vote(db):
    item, members = _sitting(4, 4, chair=True, **CHAIR_IF_NOT_VOTED)
    ballots = dict(zip([m.pk for m in members], ["yes", "yes", "no", "no"], strict=True))
    vote = services.vote_record(
        actor=None, item=item, method="named", taken=dt.time(16, 30), ballots=ballots, chair_casting=True
    )
    assert (vote.passed, vote.outcome_label, vote.chair_casting) == (False, "부결 (가부동수)", None)


def test_vote_form_asks_whether_the_chair_voted(db, client):
    item, _m = _sitting(6, 6, **CHAIR_IF_NOT_VOTED)
    client.force_login(factories.staff_user())
    data = {"item": item.pk, "method": "show_of_hands", "taken": "16:30", "yes": 3, "no": 3, "abstain": 0}
    response = client.post(
        reverse("meetings:vote", args=[item.meeting_id]),
        {**data, "chair_voted": "on", "chair_casting": "yes"},
        follow=True,  # the vote page redirects after recording (one record per click)
    )
    assert "위원장 표결 참여" in response.content.decode()
    assert item.votes.get().outcome_label == "부결 (가부동수)"


def test_election_refused_below_the_deciding_attendance(db):
    body, members = _body(9, **ONE_THIRD_73)
    meeting = _meeting(body)
    for ms in members[:4]:
        Attendance.objects.create(meeting=meeting, membership=ms, status="present")
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="election", title="위원장 호선")
    with pytest.raises(ValidationError, match="의결에 필요한 출석\\(5명\\)"):
        services.election_record(
            actor=None, item=item, role="chair", counts={members[0].pk: 4}, taken=dt.time(16, 30)
        )


# --- §3 written resolutions ----------------------------------------------------------------------------


def _written(n, *, rule, answers, recused=0, leaves_before_deadline=0):
    body, members = _body(n, allows_written_resolution=True, written_rule=rule)
    meeting = _meeting(body, on=TODAY + dt.timedelta(days=20), status=Meeting.Status.PLANNED)
    meeting.agenda_published = True
    meeting.save()
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="서면 안건")
    for ms in members[:recused]:
        services.recusal_add(actor=None, item=item, membership=ms, reason="이해관계")
    opened = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=SEOUL)
    deadline = opened + dt.timedelta(days=10)
    resolution = services.written_open(actor=None, item=item, deadline=deadline, now=opened)
    voters = members[recused:]
    for ms, choice in zip(voters, answers, strict=False):
        WrittenAnswer.objects.create(resolution=resolution, membership=ms, choice=choice, answered_at=opened)
    # members whose term ends before the deadline are not in 재적 at the deadline
    for ms in members[n - leaves_before_deadline :]:
        Membership.objects.filter(pk=ms.pk).update(end=TODAY + dt.timedelta(days=2))
    return services.written_count(actor=None, resolution=resolution, now=deadline + dt.timedelta(hours=1))


WRITTEN_CASES = [
    # (n, rule, answers, recused, leaves, enrolled, base, passed, label)
    (15, "enrolled_majority_yes", ["yes"] * 8, 0, 0, 15, 15, True, "가결"),
    (15, "enrolled_majority_yes", ["yes"] * 7 + ["no"], 0, 0, 15, 15, False, "부결: 재적 과반수 찬성 미달"),
    # one recused: the base is 14, 8 still needed; two recused: 13 → 7
    (15, "enrolled_majority_yes", ["yes"] * 7, 2, 0, 15, 13, True, "가결"),
    # 재적 at the deadline: three left office before it, 12 → 7
    (15, "enrolled_majority_yes", ["yes"] * 7, 0, 3, 12, 12, True, "가결"),
    (15, "replies_then_yes", ["yes"] * 5 + ["no"] * 2, 0, 0, 15, 15, False, "부결: 재적 과반수 회신 미달"),
    (15, "replies_then_yes", ["yes"] * 5 + ["no"] * 3, 0, 0, 15, 15, True, "가결"),
    (
        15,
        "replies_then_yes",
        ["yes"] * 4 + ["no"] * 2 + ["abstain"] * 2,
        0,
        0,
        15,
        15,
        False,
        "부결: 회신 과반수 찬성 미달",
    ),
]


@pytest.mark.parametrize(
    ("n", "rule", "answers", "recused", "leaves", "enrolled", "base", "passed", "label"), WRITTEN_CASES
)
def test_written_resolution_counted_by_the_bodys_rule(
    db, n, rule, answers, recused, leaves, enrolled, base, passed, label
):
    resolution = _written(n, rule=rule, answers=answers, recused=recused, leaves_before_deadline=leaves)
    assert (resolution.enrolled, resolution.eligible) == (enrolled, base)
    assert (resolution.passed, resolution.outcome_label) == (passed, label)


# --- §4 attendance -------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 100])
def test_attendance_sheet_costs_the_same_queries_for_1_and_100_members(db, django_assert_num_queries, n):
    body, members = _body(n)
    meeting = Meeting.objects.select_related("host_body").get(pk=_meeting(body).pk)

    def sheet(status, arrived):
        return [
            {"membership": m, "status": status, "arrived": arrived, "left": None, "deputy_name": ""}
            for m in members
        ]

    ContentType.objects.get_for_model(meeting)  # cached per process: warm it so both runs count alike
    # first save, every row new: savepoint, the lifecycle guard (the meeting row locked, its minutes'
    # state, the rule body), the existing rows (locked), one bulk insert, the attendance tally marked
    # stale, the audit entry, release
    with django_assert_num_queries(9):
        services.attendance_save(actor=None, meeting=meeting, rows=sheet("present", dt.time(16, 5)))
    # second save, every row changed: the same with one bulk update instead of the insert
    with django_assert_num_queries(9):
        services.attendance_save(actor=None, meeting=meeting, rows=sheet("absent", None))
    assert Attendance.objects.filter(meeting=meeting, status="absent").count() == n
    entries = AuditEntry.objects.filter(action="attendance", object_id=str(meeting.pk))
    assert [len(e.changes["changes"][1]) for e in entries] == [n, n]


def test_attendance_sheet_refuses_all_rows_when_one_is_wrong(db):
    body, members = _body(3)
    meeting = _meeting(body)
    rows = [{"membership": m, "status": "present"} for m in members[:2]]
    rows.append({"membership": members[2], "status": "present", "deputy_name": "대리인"})
    with pytest.raises(ValidationError, match="대리 출석"):
        services.attendance_save(actor=None, meeting=meeting, rows=rows)
    assert not Attendance.objects.filter(meeting=meeting).exists()


def _sheet_fields(page: str) -> dict[str, str]:
    """The sheet's posted fields as the browser would send them untouched: each input's value, each
    select's selected option."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="(m\d+-\w+)"', tag)
        if name:
            value = re.search(r'value="([^"]*)"', tag)
            fields[name.group(1)] = value.group(1) if value else ""
    for name, options in re.findall(r'<select[^>]*name="(m\d+-\w+)"[^>]*>(.*?)</select>', page, re.S):
        fields[name] = re.search(r'<option value="([^"]*)"[^>]*selected', options).group(1)
    return fields


def test_attendance_sheet_shows_each_member_row_and_posts_it_back_unchanged(db, client):
    body, members = _body(3, names=["가위원", "나위원", "다위원"])
    meeting = _meeting(body)
    arrived = dt.datetime.combine(PAST, dt.time(16, 20), tzinfo=SEOUL)
    left = dt.datetime.combine(PAST, dt.time(17, 45), tzinfo=SEOUL)
    Attendance.objects.create(
        meeting=meeting, membership=members[0], status="present", arrived_at=arrived, left_at=left
    )
    Attendance.objects.create(meeting=meeting, membership=members[1], status="present")
    Attendance.objects.create(meeting=meeting, membership=members[2], status="excused")
    client.force_login(factories.staff_user())
    url = reverse("meetings:attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    a, b, c = (f"m{m.pk}" for m in members)
    # every member labelled by name and body on the status select, every field labelled
    for m in members:
        label = re.search(rf'<label\s+for="id_m{m.pk}-status"[^>]*>(.*?)</label>', page, re.S).group(1)
        assert label.strip().startswith(f"{m.person.name} ({body})")
    for label in ("도착 시각", "퇴장 시각", "대리 출석자"):
        assert len(re.findall(rf"<label[^>]*>\s*{label}\s*</label>", page)) == 3
    assert _sheet_fields(page) == {
        f"{a}-status": "present",
        f"{a}-arrived": "16:20",
        f"{a}-left": "17:45",
        f"{a}-deputy_name": "",
        f"{b}-status": "present",
        f"{b}-arrived": "",
        f"{b}-left": "",
        f"{b}-deputy_name": "",
        f"{c}-status": "excused",
        f"{c}-arrived": "",
        f"{c}-left": "",
        f"{c}-deputy_name": "",
    }
    columns = ("membership_id", "status", "arrived_at", "left_at", "deputy_name")
    before = sorted(meeting.attendances.values_list(*columns))
    response = client.post(url, _sheet_fields(page))
    assert response.status_code == 302, re.findall(r"alert[^>]*>([^<]*)", response.content.decode())
    assert sorted(meeting.attendances.values_list(*columns)) == before


def test_attendance_sheet_shows_a_wrong_row_with_its_message_and_keeps_the_input(db, client):
    body, members = _body(2)
    meeting = _meeting(body)
    client.force_login(factories.staff_user())
    url = reverse("meetings:attendance", args=[meeting.pk])
    data = _sheet_fields(client.get(url).content.decode())
    a = f"m{members[0].pk}"
    data |= {f"{a}-status": "present", f"{a}-arrived": "17:00", f"{a}-left": "16:30"}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "퇴장 시각은 도착 시각보다 늦어야 합니다." in page
    left_input = re.search(rf'<input[^>]*name="{a}-left"[^>]*>', page).group(0)
    assert "is-invalid" in left_input
    assert _sheet_fields(page) == data
    assert not meeting.attendances.exists()


# the view's session, user and scoping, the sheet read back (members and their persons, rows, the rule
# body), then the service's fixed set (tests above): here one bulk insert for the new rows, the recorded ones
# unchanged (the session's expiry is not saved again within SESSION_REFRESH_SECONDS of the warm-up)
QUERIES_SAVE_SHEET = 17


# 2 members: one row already recorded and one new, as for 30
@pytest.mark.parametrize("n", [2, 30])
def test_attendance_sheet_page_costs_the_same_queries_for_2_and_30_members(
    db, client, n, django_assert_num_queries
):
    body, members = _body(n)
    meeting = _meeting(body)
    for m in members[: n // 2]:
        Attendance.objects.create(meeting=meeting, membership=m, status="present")
    client.force_login(factories.staff_user())
    url = reverse("meetings:attendance", args=[meeting.pk])
    client.get(url)  # warm the session
    ContentType.objects.get_for_model(meeting)  # cached per process (the audit entry): warm it alike
    # the session (not saved again within SESSION_REFRESH_SECONDS), user, scoping, members and their
    # persons (by key), rows, rule body
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()
    assert len(re.findall(r'<select name="m\d+-status"', page)) == n
    # and saving the whole sheet back, every member now present
    data = _sheet_fields(page) | {f"m{m.pk}-status": "present" for m in members}
    with django_assert_num_queries(QUERIES_SAVE_SHEET):
        assert client.post(url, data).status_code == 302
    assert meeting.attendances.filter(status="present").count() == n


def test_all_present_in_one_click_then_exceptions(db, client):
    body, members = _body(4)
    meeting = _meeting(body)
    late = dt.datetime.combine(PAST, dt.time(16, 20), tzinfo=SEOUL)
    Attendance.objects.create(meeting=meeting, membership=members[0], status="present", arrived_at=late)
    Attendance.objects.create(meeting=meeting, membership=members[1], status="absent")
    client.force_login(factories.staff_user())
    page = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert "모두 출석" in page
    response = client.post(reverse("meetings:attendance_all_present", args=[meeting.pk]), follow=True)
    assert "위원 3명을 출석으로 기록했습니다" in response.content.decode()
    statuses = dict(Attendance.objects.filter(meeting=meeting).values_list("membership_id", "status"))
    assert statuses == {m.pk: "present" for m in members}
    # the member already present keeps the arrival time
    assert Attendance.objects.get(meeting=meeting, membership=members[0]).arrived_at == late


# --- §4 sign-in sheet ----------------------------------------------------------------------------------


def test_signin_rows_in_seat_order_with_observers_and_blanks(db):
    body, members = _body(3, names=["가위원", "나위원", "다위원"])
    Membership.objects.filter(pk=members[1].pk).update(role=Membership.Role.CHAIR)
    meeting = _meeting(body)
    Observer.objects.create(meeting=meeting, name="최배석", affiliation="자치행정과 주무관")
    rows = selectors.signin_rows(meeting, blank_rows=2)
    assert [(r["no"], r["kind"], r["name"]) for r in rows] == [
        ("1", "member", "가위원"),
        ("2", "member", "나위원"),
        ("3", "member", "다위원"),
        ("4", "observer", "최배석"),
        ("", "blank", ""),
        ("", "blank", ""),
    ]
    assert rows[1]["role"] == "위원장" and rows[0]["affiliation"] == "성동구"
    assert rows[3]["affiliation"] == "자치행정과 주무관"


def test_signin_sheet_page_lists_the_members_and_is_linked_from_the_meeting(db, client):
    body, _members = _body(2, names=["가위원", "나위원"])
    meeting = _meeting(body)
    client.force_login(factories.staff_user())
    detail = client.get(meeting.get_absolute_url()).content.decode()
    url = reverse("meetings:signin_sheet", args=[meeting.pk])
    assert url in detail
    page = client.get(url).content.decode()
    assert page.index("가위원") < page.index("나위원")
    assert "서명" in page and "css/signin.css" in page
    assert page.count('data-kind="blank"') == 5


# --- §4 agenda items and minutes --------------------------------------------------------------------


def test_agenda_item_reason_and_content_in_the_form_page_and_record(db, client):
    body, _members = _body(1)
    meeting = _meeting(body)
    client.force_login(factories.staff_user())
    response = client.post(
        reverse("meetings:item_create", args=[meeting.pk]),
        {
            "order": 1,
            "kind": "resolution",
            "title": "운영 규정 개정",
            "presenter": "",
            "planned_minutes": 10,
            "proposal_reason": "위원 정수 조정",
            "main_content": "제3조 위원 수를 15명에서 17명으로",
        },
    )
    assert response.status_code == 302
    item = meeting.items.get()
    assert (item.proposal_reason, item.main_content) == (
        "위원 정수 조정",
        "제3조 위원 수를 15명에서 17명으로",
    )
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "위원 정수 조정" in detail and "제3조 위원 수를 15명에서 17명으로" in detail
    record = selectors.record_build(meeting)
    assert (record["items"][0]["reason"], record["items"][0]["summary"]) == (
        "위원 정수 조정",
        "제3조 위원 수를 15명에서 17명으로",
    )


def _approve(meeting, actor=None):
    minutes = services.minutes_save(actor=None, meeting=meeting, remarks="원안 가결", is_public=True)
    return services.minutes_approve(actor=actor, minutes=minutes)


def test_minutes_numbered_per_body_and_year_at_approval(db):
    body, _m = _body(1)
    body.name = "추진운영위원회"
    body.save()
    other, _o = _body(1)
    year = PAST.year
    first = _approve(_meeting(body, title="제1차"))
    second = _approve(_meeting(body, title="제2차"))
    elsewhere = _approve(_meeting(other, title="제1차"))
    last_year = _approve(_meeting(body, on=PAST.replace(year=year - 1), title="작년"))
    assert first.number == f"추진운영위원회 {year}-1"
    assert second.number == f"추진운영위원회 {year}-2"
    assert elsewhere.number == f"{other.name} {year}-1"
    assert last_year.number == f"추진운영위원회 {year - 1}-1"
    assert Minutes.objects.filter(number_seq__isnull=True).count() == 0


def test_minutes_number_is_unique_in_the_database(db):
    body, _m = _body(1)
    _approve(_meeting(body, title="제1차"))
    minutes = Minutes.objects.create(meeting=_meeting(body, title="제2차"))
    minutes.number_body, minutes.number_year, minutes.number_seq = body, PAST.year, 1
    with pytest.raises(IntegrityError), transaction.atomic():
        minutes.save()


def test_minutes_show_absentees_recusals_late_early_and_approval(db, client):
    body, members = _body(5, names=["김하나", "이두리", "박세나", "최네리", "정다섯"])
    meeting = _meeting(body)
    at = lambda h, m: dt.datetime.combine(PAST, dt.time(h, m), tzinfo=SEOUL)  # noqa: E731
    Attendance.objects.create(meeting=meeting, membership=members[0], status="present")
    Attendance.objects.create(meeting=meeting, membership=members[1], status="present", arrived_at=at(16, 25))
    Attendance.objects.create(meeting=meeting, membership=members[2], status="present", left_at=at(17, 10))
    Attendance.objects.create(meeting=meeting, membership=members[3], status="excused")
    Attendance.objects.create(meeting=meeting, membership=members[4], status="absent")
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="예산안")
    services.recusal_add(actor=None, item=item, membership=members[0], reason="본인 소속 단체 사업")
    staff = factories.staff_user()
    staff.first_name, staff.last_name = "길동", "홍"
    staff.save()
    minutes = _approve(meeting, actor=staff)
    services.minutes_lock(actor=staff, minutes=Minutes.objects.get(pk=minutes.pk))
    record = Minutes.objects.get(pk=minutes.pk).record
    assert record["absentees"] == [
        {"name": "최네리", "status_label": "사유 불참"},
        {"name": "정다섯", "status_label": "불참"},
    ]
    assert record["late"] == [{"name": "이두리", "time": "16:25"}]
    assert record["left_early"] == [{"name": "박세나", "time": "17:10"}]
    assert record["items"][0]["recusals"] == [
        {"name": "김하나", "kind": "avoidance", "kind_label": "회피", "reason": "본인 소속 단체 사업"}
    ]
    assert record["minutes"]["number"] == f"{body.name} {PAST.year}-1"
    assert record["minutes"]["approved_by"] == staff.get_full_name()
    assert record["minutes"]["approved_on"] == f"{TODAY.year}. {TODAY.month}. {TODAY.day}."
    client.force_login(staff)
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    for text in ("최네리", "정다섯", "이두리", "16:25", "박세나", "17:10", "본인 소속 단체 사업", "홍"):
        assert text in page, text
    assert f"{body.name} {PAST.year}-1" in page
