"""The locked record is final: after minutes are locked, changing persons, memberships, bodies or the
rows themselves leaves the locked page, its PDF source and the stored record exactly as they were."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from committees.models import Body, Membership, Person
from meetings import services
from meetings.models import AgendaItem, Attendance, InterestDeclaration, Meeting, Minutes, Observer
from meetings.selectors import record as meeting_record
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
PAST = dt.date.today() - dt.timedelta(days=3)


def _locked_meeting():
    body = factories.BodyFactory(name="추진운영위원회")
    group = factories.seat_group(body, count=3)
    members = [
        factories.appoint(
            group,
            factories.PersonFactory(name=name, affiliation="성동구"),
            start=PAST - dt.timedelta(days=100),
            end=PAST + dt.timedelta(days=600),
            reason="테스트",
        )
        for name in ("김하나", "이두리", "박세나")
    ]
    starts = dt.datetime.combine(PAST, dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="제1차 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        place="구청 8층 대회의실",
        uid="record-test",
        status=Meeting.Status.HELD,
        host_body=body,
    )
    meeting.bodies.add(body)
    for ms, status in zip(members, ["present", "present", "absent"], strict=True):
        Attendance.objects.create(meeting=meeting, membership=ms, status=status)
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="운영 규정 개정")
    services.recusal_add(actor=None, item=item, membership=members[1], reason="이해관계")
    services.vote_record(
        actor=None, item=item, method="named", taken=dt.time(16, 30), ballots={members[0].pk: "yes"}
    )
    Observer.objects.create(meeting=meeting, name="최배석", affiliation="자치행정과")
    minutes = services.minutes_save(actor=None, meeting=meeting, remarks="원안 가결", is_public=True)
    staff = factories.staff_user()
    services.minutes_approve(actor=staff, minutes=minutes)
    services.minutes_lock(actor=staff, minutes=Minutes.objects.get(pk=minutes.pk))
    return meeting, body, members, staff


def _page(client, meeting):
    html = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    start = html.index('<table class="table table-bordered minutes">')
    return html[start : html.index("</table>", start)]


def test_locked_minutes_unchanged_by_later_edits_anywhere(db, client):
    meeting, body, members, staff = _locked_meeting()
    client.force_login(staff)
    before_page = _page(client, meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    before_record = minutes.record
    assert "김하나" in before_page and "박세나(불참)" in before_page
    assert "재적 3명 중 2명 출석" in before_page and "이두리 (이해관계)" in before_page
    assert "김하나 찬성" in before_page and "최배석" in before_page

    # everything a later day may change
    Person.objects.filter(pk=members[0].person_id).update(name="김개명")
    Membership.objects.filter(pk=members[1].pk).update(end=PAST - dt.timedelta(days=30))  # back-dated
    Body.objects.filter(pk=body.pk).update(name="새 이름 위원회")
    Meeting.objects.filter(pk=meeting.pk).update(title="바뀐 제목", place="다른 곳")
    Observer.objects.filter(meeting=meeting).update(name="다른 배석자")
    AgendaItem.objects.filter(meeting=meeting).update(title="바뀐 안건")

    assert _page(client, meeting) == before_page
    minutes.refresh_from_db()
    assert minutes.record == before_record
    assert meeting_record.record_intact(minutes)
    # the live record would have shown the changes: the freeze, not an accident, keeps the page
    live = meeting_record.record_build(Meeting.objects.get(pk=meeting.pk), minutes)
    assert live["meeting"]["title"] == "바뀐 제목" and live["quorum"]["enrolled"] == 2


def test_tampering_with_the_stored_record_is_detected(db):
    meeting, *_ = _locked_meeting()
    minutes = Minutes.objects.get(meeting=meeting)
    record = dict(minutes.record)
    record["attendees"] = ["누군가"]
    Minutes.objects.filter(pk=minutes.pk).update(record=record)
    minutes.refresh_from_db()
    assert not meeting_record.record_intact(minutes)


def test_record_lists_absentees_late_arrivals_and_approval(db):
    meeting, _body, _members, staff = _locked_meeting()
    record = Minutes.objects.get(meeting=meeting).record
    assert record["absentees"] == [{"name": "박세나", "status_label": "불참"}]
    assert record["attendees"] == ["김하나", "이두리"]
    assert record["items"][0]["recusals"] == [
        {"name": "이두리", "kind": "avoidance", "kind_label": "회피", "reason": "이해관계"}
    ]
    assert record["minutes"]["approved_by"] == staff.get_username()
    assert record["minutes"]["locked_on"] == record["minutes"]["approved_on"]


def test_record_reads_the_same_members_in_the_same_order_as_the_meeting_page(db):
    """The record reads 재적 as plain values (`enrolled_rows`); the pages read model objects
    (`enrolled_memberships`): one definition, the same members, the same order, the same names."""
    from meetings import selectors
    from meetings.selectors.meetings import attendance_rows, enrolled_rows

    meeting, body, members, _staff = _locked_meeting()
    second = factories.BodyFactory(name="민간협의체", order=body.order + 1)  # sorts after the host
    outsider = factories.appoint(
        factories.seat_group(second, count=1),
        factories.PersonFactory(name="정다섯", affiliation="주민", title="대표"),
        start=PAST - dt.timedelta(days=10),
        end=PAST + dt.timedelta(days=700),
        reason="테스트",
    )
    meeting.bodies.add(second)
    meeting = Meeting.objects.prefetch_related("bodies").get(pk=meeting.pk)
    objects = selectors.enrolled_memberships(meeting)
    rows = enrolled_rows(meeting)
    assert (
        [r.membership_id for r in rows] == [m.pk for m in objects] == [*(m.pk for m in members), outsider.pk]
    )
    assert [(r.name, r.affiliation, r.title, r.body.name, r.seat_group_label, r.role) for r in rows] == [
        (m.person.name, m.person.affiliation, m.person.title, m.body.name, m.seat.group.label, m.role)
        for m in objects
    ]
    assert sorted((a.membership_id, a.status) for a in attendance_rows(meeting)) == sorted(
        (a.membership_id, a.status) for a in selectors.attendances_of(meeting)
    )
    record = meeting_record.record_build(meeting)
    assert record["roster"][-1]["name"] == "정다섯" and record["roster"][-1]["affiliation"] == "주민 대표"
    assert record["quorum"]["enrolled"] == 4


def _kinds_read(meeting) -> set[str]:
    """The kinds of row the record read with a query of their own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tables = (
        "namedballot",
        "recusal",
        "vote",
        "electioncandidate",
        "interestdeclaration",
        "recusalchallenge",
    )
    with CaptureQueriesContext(connection) as queries:
        meeting_record.record_build(Meeting.objects.prefetch_related("bodies").get(pk=meeting.pk))
    return {t for q in queries for t in tables if q["sql"].startswith(f'SELECT "meetings_{t}"."id"')}


def test_record_skips_the_queries_of_kinds_no_item_has(db):
    meeting, _body, members, _staff = _locked_meeting()
    # the fixture's item has a named vote with a ballot and a recusal
    assert _kinds_read(meeting) == {"namedballot", "recusal", "vote"}
    item = AgendaItem.objects.get(meeting=meeting)
    InterestDeclaration.objects.create(
        item=item,
        membership=members[0],
        has_interest=False,
        declared_at=meeting.starts_at,
        updated_at=meeting.starts_at,
    )
    assert _kinds_read(meeting) == {"namedballot", "recusal", "vote", "interestdeclaration"}
    bare = Meeting.objects.create(
        title="안건만 있는 회의",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        uid="record-test-bare",
        host_body=meeting.host_body,
    )
    bare.bodies.add(meeting.host_body)
    report = AgendaItem.objects.create(meeting=bare, order=1, kind="report", title="보고")
    assert _kinds_read(bare) == set()
    record = meeting_record.record_build(Meeting.objects.prefetch_related("bodies").get(pk=bare.pk))
    assert [(i["title"], i["votes"], i["recusals"], i["declarations"]) for i in record["items"]] == [
        ("보고", [], [], [])
    ]
    # each kind is read when an item has it, even with no other kind on the agenda
    services.recusal_add(actor=None, item=report, membership=members[2], reason="친족")
    assert _kinds_read(bare) == {"recusal"}
    record = meeting_record.record_build(Meeting.objects.prefetch_related("bodies").get(pk=bare.pk))
    assert [r["name"] for r in record["items"][0]["recusals"]] == ["박세나"]


def test_record_roster_and_election_against_the_model_objects(db):
    """Each roster line as the pages' model objects give it (an independent reading: enrolled_memberships,
    attendances_of, the enums' labels): late with a deputy, by video, left early, absent, excused, not
    recorded; and an election's candidates, read because an item has one."""
    from meetings import selectors
    from meetings.models import Election, ElectionCandidate

    body = factories.BodyFactory(name="민간협의체")
    group = factories.seat_group(body, count=6, label="위촉직")
    names = ("가위원", "나위원", "다위원", "라위원", "마위원", "바위원")
    members = [
        factories.appoint(
            group,
            factories.PersonFactory(name=name, affiliation="성수동", title="대표" if n % 2 else ""),
            start=PAST - dt.timedelta(days=100),
            end=PAST + dt.timedelta(days=600),
            reason="테스트",
            role=Membership.Role.CHAIR if n == 0 else Membership.Role.MEMBER,
        )
        for n, name in enumerate(names)
    ]
    starts = dt.datetime.combine(PAST, dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="제2차 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        uid="record-reference",
        status=Meeting.Status.HELD,
        host_body=body,
    )
    meeting.bodies.add(body)
    lines = [
        dict(status="present", arrived_at=starts + dt.timedelta(minutes=20), deputy_name="가대리"),
        dict(status="present", mode=Attendance.Mode.VIDEO),
        dict(status="present", arrived_at=starts, left_at=starts + dt.timedelta(minutes=50)),
        dict(status="absent"),
        dict(status="excused"),
    ]
    for membership, line in zip(members, lines, strict=False):  # the sixth is not recorded
        Attendance.objects.create(meeting=meeting, membership=membership, **line)
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="election", title="위원장 호선")
    election = Election.objects.create(item=item, role="chair", winner=members[1], voting=3)
    for membership, votes in ((members[1], 2), (members[2], 1)):
        ElectionCandidate.objects.create(election=election, membership=membership, votes=votes)

    meeting = Meeting.objects.prefetch_related("bodies").get(pk=meeting.pk)
    assert "electioncandidate" in _kinds_read(meeting)
    record = meeting_record.record_build(meeting)
    by_member = {a.membership_id: a for a in selectors.attendances_of(meeting)}
    expected = []
    for m in selectors.enrolled_memberships(meeting):
        a = by_member.get(m.pk)
        expected.append(
            {
                "membership_id": m.pk,
                "name": m.person.name,
                "affiliation": " ".join(p for p in (m.person.affiliation, m.person.title) if p),
                "body": m.body.name,
                "seat": m.seat.group.label,
                "role": m.get_role_display(),
                "status": a.status if a else "",
                "status_label": a.get_status_display() if a else "미기록",
                "arrived": timezone.localtime(a.arrived_at).strftime("%H:%M") if a and a.arrived_at else "",
                "left": timezone.localtime(a.left_at).strftime("%H:%M") if a and a.left_at else "",
                "deputy": a.deputy_name if a else "",
                "mode": a.mode if a else "",
                "mode_label": "영상" if a and a.mode == "video" else "",
            }
        )
    assert record["roster"] == expected
    assert [r["name"] for r in record["roster"]] == list(names)
    assert record["roster"][0]["role"] == "위원장" and record["roster"][1]["affiliation"] == "성수동 대표"
    assert record["attendees"] == ["가위원", "나위원 (영상)", "다위원"]
    assert record["late"] == [{"name": "가위원", "time": "16:20"}]
    assert record["left_early"] == [{"name": "다위원", "time": "16:50"}]
    assert [a["status_label"] for a in record["absentees"]] == ["불참", "사유 불참", "미기록"]
    assert record["quorum"]["enrolled"] == 6 and record["quorum"]["present"] == 3
    assert record["items"][0]["election"]["candidates"] == [
        {"name": "나위원", "votes": 2},
        {"name": "다위원", "votes": 1},
    ]
