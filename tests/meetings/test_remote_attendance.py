"""Remote attendance (issue 15 §4): 영상회의 attendance is recorded only where the body's rules count it as
present; it counts toward the quorum like any presence, and the minutes (page, PDF, HWPX, frozen record)
name the mode."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from meetings import selectors, services
from meetings.models import AgendaItem, Attendance, Meeting, Minutes
from tests import factories
from tests.docreaders import read_hwpx, read_pdf

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()


def _world(*, video: bool):
    body = factories.BodyFactory(video_attendance_counts=video)
    members = [
        factories.member(
            body,
            factories.PersonFactory(name=name),
            start=TODAY - dt.timedelta(days=60),
            end=TODAY + dt.timedelta(days=700),
        )
        for name in ("김현장", "이영상", "박불참")
    ]
    secretary = factories.PersonFactory(name="정간사")
    body.secretary_person = secretary
    body.save()
    starts = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(16, 0), tzinfo=SEOUL)
    meeting = factories.MeetingFactory(
        bodies=[body],
        host_body=body,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        status=Meeting.Status.NOTICE_SENT,
    )
    AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="운영 규정 개정")
    user = factories.user_for(secretary, username=f"sec-{body.pk}")
    return body, members, meeting, user


def _rows(members, second_mode):
    kim, lee, park = members
    return [
        {"membership": kim, "status": "present"},
        {"membership": lee, "status": "present", "mode": second_mode},
        {"membership": park, "status": "absent"},
    ]


@pytest.mark.django_db
def test_video_mode_only_when_present_is_a_constraint():
    _body, members, meeting, _user = _world(video=True)
    with pytest.raises(IntegrityError, match="attendance_video_only_when_present"), transaction.atomic():
        Attendance.objects.create(meeting=meeting, membership=members[0], status="absent", mode="video")


@pytest.mark.django_db
def test_video_attendance_is_refused_where_the_body_does_not_count_it():
    _body, members, meeting, user = _world(video=False)
    with pytest.raises(ValidationError) as exc:
        services.attendance_save(actor=user, meeting=meeting, rows=_rows(members, "video"))
    assert exc.value.messages == [
        "이 기구는 영상회의 출석을 출석으로 인정하지 않습니다 (이영상). 현장 출석 또는 불참으로 기록하세요."
    ]
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_video_attendance_counts_as_present_where_the_body_allows_it():
    _body, members, meeting, user = _world(video=True)
    services.attendance_save(actor=user, meeting=meeting, rows=_rows(members, "video"))
    modes = dict(Attendance.objects.values_list("membership__person__name", "mode"))
    assert modes == {"김현장": "in_person", "이영상": "video", "박불참": "in_person"}
    panel = selectors.quorum_panel(
        meeting, selectors.enrolled_memberships(meeting), list(meeting.attendances.all())
    )
    assert (panel.quorum.present, panel.quorum.enrolled, panel.quorum.met) == (2, 3, True)
    # an absence never keeps a video mode
    services.attendance_record(
        actor=user, meeting=meeting, membership=members[1], status="absent", mode="video"
    )
    assert Attendance.objects.get(membership=members[1]).mode == "in_person"


@pytest.mark.django_db
def test_attendance_sheet_offers_the_mode_only_where_it_counts(client):
    _body, members, meeting, user = _world(video=True)
    client.force_login(user)
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert f'name="m{members[1].pk}-mode"' in client.get(url).content.decode()
    data = {}
    for m, status, mode in zip(
        members, ["present", "present", "absent"], ["in_person", "video", "in_person"], strict=True
    ):
        data |= {f"m{m.pk}-status": status, f"m{m.pk}-mode": mode}
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.get(membership=members[1]).mode == "video"

    _body, members, meeting, user = _world(video=False)
    client.force_login(user)
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert "-mode" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_minutes_page_pdf_hwpx_and_record_name_the_video_mode(client):
    _body, members, meeting, user = _world(video=True)
    services.attendance_save(actor=user, meeting=meeting, rows=_rows(members, "video"))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    factories.MinutesFactory(meeting=meeting, status=Minutes.Status.LOCKED, approved_at=timezone.now())
    record = Minutes.objects.get(meeting=meeting).record
    assert [(r["name"], r["mode"], r["mode_label"]) for r in record["roster"]] == [
        ("김현장", "in_person", ""),
        ("이영상", "video", "영상"),
        ("박불참", "in_person", ""),
    ]
    assert record["attendees"] == ["김현장", "이영상 (영상)"]
    client.force_login(user)

    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    attendees = page[page.index("참석자</th>") :].split("</tr>")[0]
    assert re.sub(r"<[^>]+>", "", attendees).count("(영상)") == 1 and "이영상" in attendees

    hwpx = client.get(reverse("meetings:document", args=[meeting.pk, "minutes", "hwpx"]))
    _text, tables = read_hwpx(hwpx.content)
    cells = {row[0]: row[1] for row in tables[0]}
    assert "이영상(영상)" in cells["참석자"] and "김현장(영상)" not in cells["참석자"]

    pdf_text, _pages = read_pdf(
        client.get(reverse("meetings:minutes", args=[meeting.pk]) + "?format=pdf").content
    )
    assert "이영상(영상)" in re.sub(r"\s+", "", pdf_text)


@pytest.mark.django_db
def test_body_form_sets_the_video_rule_and_the_body_page_shows_it(client):
    body, _members, _meeting, _user = _world(video=False)
    client.force_login(factories.staff_user())
    page = client.get(reverse("committees:body_edit", args=[body.pk])).content.decode()
    assert 'name="video_attendance_counts"' in page and 'name="disqualify_parties"' in page
    detail = client.get(reverse("committees:body_detail", args=[body.pk])).content.decode()
    assert 'data-testid="video-rule">인정하지 않음' in detail
    body.video_attendance_counts = True
    body.save()
    detail = client.get(reverse("committees:body_detail", args=[body.pk])).content.decode()
    assert 'data-testid="video-rule">출석으로 인정' in detail
