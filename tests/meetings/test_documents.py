"""The meeting's printed papers (issue 12): notice, agenda pack, sign-in sheet and minutes as HWPX and
PDF, downloaded from the meeting page, read back by independent readers (hwp-hwpx-parser, pypdf)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Attendance, Meeting, Minutes
from tests import factories
from tests.conftest import LOGIN, assert_statuses
from tests.docreaders import assert_page_numbers, read_hwpx, read_pdf

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()
KINDS = ("notice", "agenda", "signin", "minutes")


@pytest.fixture
def world(role_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    body, users = role_world.body, role_world.users
    role_world.member_person.affiliation = "성수1가1동"
    role_world.member_person.save()
    other = factories.member(
        body,
        factories.PersonFactory(name="김둘째", affiliation="왕십리도선동"),
        start=TODAY - dt.timedelta(days=5),
        end=TODAY + dt.timedelta(days=700),
    )
    starts = dt.datetime.combine(TODAY + dt.timedelta(days=30), dt.time(16, 0), tzinfo=SEOUL)
    meeting = services.meeting_create(
        actor=None,
        meeting=Meeting(
            title="제3차 정기회의",
            place="성동구청 3층 대회의실",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
        ),
        bodies=[body],
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=1,
        kind="report",
        title="2026년 사업 보고",
        presenter="자치행정과",
        planned_minutes=15,
    )
    second = AgendaItem.objects.create(
        meeting=meeting, order=2, kind="resolution", title='=HYPERLINK("x")', planned_minutes=20
    )
    factories.AttachmentFactory(meeting=meeting, item=item, original_name="사업계획서.pdf")
    factories.ObserverFactory(meeting=meeting, name="이배석", affiliation="성동구청 주무관")
    Attendance.objects.create(meeting=meeting, membership=role_world.membership, status="present")
    Attendance.objects.create(meeting=meeting, membership=other, status="absent")
    factories.VoteFactory(item=second, enrolled=2, present=1, voting=1, yes=1, no=0, required=1)
    minutes = factories.MinutesFactory(meeting=meeting, remarks="위원장 인사말씀이 있었다.")
    return {"users": users, "meeting": meeting, "minutes": minutes, "body": body, "role_world": role_world}


def _url(meeting, kind, fmt):
    return reverse("meetings:document", args=[meeting.pk, kind, fmt])


def _filename(response) -> str:
    match = re.search(r"filename\*=UTF-8''([^;]+)", response["Content-Disposition"])
    return unquote(match.group(1))


def test_secretary_downloads_every_paper_from_the_meeting_page(login, world):
    meeting = world["meeting"]
    client = login(world["users"]["secretary"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    for kind in KINDS:
        for fmt in ("hwpx", "pdf"):
            assert _url(meeting, kind, fmt) in page, (kind, fmt)
    day = f"{TODAY + dt.timedelta(days=30):%Y-%m-%d}"
    expected = {
        "notice": (
            "소집통지문",
            ["회의 소집 통지", "수신: 추진운영위원회 위원", "2026년 사업 보고", "사업계획서.pdf"],
        ),
        "agenda": (
            "회의자료",
            ["회의자료", "진행 순서", "16:00–16:15", "16:15–16:35", "자치행정과", "제안 이유"],
        ),
        "signin": ("참석자서명부", ["참석자 서명부", "본인위원", "김둘째", "왕십리도선동", "이배석"]),
        "minutes": ("회의록", ["회의록", "위원장 인사말씀이 있었다.", "이배석", "김둘째(불참)", "가결"]),
    }
    for kind, (label, texts) in expected.items():
        hwpx = client.get(_url(meeting, kind, "hwpx"))
        assert hwpx.status_code == 200
        assert hwpx["Content-Type"] == "application/hwp+zip"
        assert _filename(hwpx) == f"{day} 제3차 정기회의 {label}.hwpx"
        text, tables = read_hwpx(hwpx.content)
        cells = "\n".join(c for t in tables for row in t for c in row)
        for wanted in texts:
            assert wanted in text or wanted in cells, (kind, wanted)
        pdf = client.get(_url(meeting, kind, "pdf"))
        assert pdf["Content-Type"] == "application/pdf"
        assert _filename(pdf) == f"{day} 제3차 정기회의 {label}.pdf"
        pdf_text, _pages = read_pdf(pdf.content)
        flat = re.sub(r"\s+", "", pdf_text)
        for wanted in texts:
            assert re.sub(r"\s+", "", wanted) in flat, (kind, wanted)


def test_sign_in_sheet_cells_in_seat_order_with_empty_signatures(login, world):
    client = login(world["users"]["secretary"])
    _text, tables = read_hwpx(client.get(_url(world["meeting"], "signin", "hwpx")).content)
    members, observers = tables
    assert members[0] == ["연번", "구분", "성명", "소속", "서명"]
    assert [row[2] for row in members[1:]] == ["본인위원", "김둘째"]
    assert members[1][3] == "성수1가1동" and all(row[4] == "" for row in members[1:])
    assert observers[1][1:] == ["이배석", "성동구청 주무관", ""]
    # five blank rows for observers not announced beforehand
    assert observers[2:] == [[str(n), "", "", ""] for n in range(2, 7)]


def test_notice_date_and_time_written_the_office_way(login, world):
    client = login(world["users"]["secretary"])
    _text, tables = read_hwpx(client.get(_url(world["meeting"], "notice", "hwpx")).content)
    day = TODAY + dt.timedelta(days=30)
    assert ["일시", f"{day.year}. {day.month}. {day.day}. 16:00–18:00"] in tables[0]
    assert ["장소", "성동구청 3층 대회의실"] in tables[0]
    assert tables[1][1:] == [["1", "보고", "2026년 사업 보고"], ["2", "의결", '=HYPERLINK("x")']]


@pytest.mark.parametrize(
    "kind, expected",
    [
        # members get the published agenda's papers and approved minutes, never the sign-in sheet
        (
            "notice",
            dict(
                anonymous=LOGIN,
                member=200,
                secretary_other=404,
                secretary=200,
                reporter=404,
                staff=200,
                admin=200,
            ),
        ),
        (
            "agenda",
            dict(
                anonymous=LOGIN,
                member=200,
                secretary_other=404,
                secretary=200,
                reporter=404,
                staff=200,
                admin=200,
            ),
        ),
        (
            "signin",
            dict(
                anonymous=LOGIN,
                member=403,
                secretary_other=404,
                secretary=200,
                reporter=404,
                staff=200,
                admin=200,
            ),
        ),
        # draft minutes are outside a member's reach, as on the minutes page
        (
            "minutes",
            dict(
                anonymous=LOGIN,
                member=404,
                secretary_other=404,
                secretary=200,
                reporter=404,
                staff=200,
                admin=200,
            ),
        ),
    ],
)
def test_document_permission_matrix(world, kind, expected):
    meeting = world["meeting"]
    meeting.agenda_published = True
    meeting.save()
    assert_statuses(world["users"], _url(meeting, kind, "hwpx"), expected)


def _sat(meeting):
    """The meeting took place yesterday and its minutes are being written: the lifecycle (meetings.rules.
    lifecycle) allows approving them only then."""
    starts = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(16, 0), tzinfo=SEOUL)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=2), status=Meeting.Status.MINUTES_DRAFT
    )


def test_member_gets_no_draft_agenda_papers_but_gets_approved_minutes(login, world):
    meeting, client = world["meeting"], login(world["users"]["member"])
    assert client.get(_url(meeting, "notice", "hwpx")).status_code == 404
    assert client.get(_url(meeting, "agenda", "pdf")).status_code == 404
    _sat(meeting)
    services.minutes_approve(actor=None, minutes=world["minutes"])
    assert client.get(_url(meeting, "minutes", "hwpx")).status_code == 200
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert _url(meeting, "minutes", "hwpx") in page
    assert _url(meeting, "notice", "hwpx") not in page and _url(meeting, "signin", "hwpx") not in page


def test_unknown_kind_or_format_is_404(login, world):
    client = login(world["users"]["secretary"])
    assert client.get(_url(world["meeting"], "minutes", "docx")).status_code == 404
    assert client.get(_url(world["meeting"], "budget", "pdf")).status_code == 404


def test_locked_minutes_document_shows_the_frozen_record(login, world):
    minutes = world["minutes"]
    _sat(world["meeting"])
    services.minutes_approve(actor=None, minutes=minutes)
    services.minutes_lock(actor=None, minutes=Minutes.objects.get(pk=minutes.pk))
    person = world["role_world"].member_person
    person.name = "개명한위원"
    person.save()
    client = login(world["users"]["secretary"])
    text, tables = read_hwpx(client.get(_url(world["meeting"], "minutes", "hwpx")).content)
    cells = {row[0]: row[1] for row in tables[0]}
    assert "본인위원" in cells["참석자"] and "개명한위원" not in text + str(tables)
    assert "승인" in text


def test_long_sign_in_sheet_pdf_has_page_numbers_on_every_page(login, world):
    body = world["body"]
    for n in range(45):
        factories.member(
            body,
            factories.PersonFactory(name=f"위원{n:02d}"),
            start=TODAY - dt.timedelta(days=5),
            end=TODAY + dt.timedelta(days=700),
        )
    client = login(world["users"]["secretary"])
    _text, pages = read_pdf(client.get(_url(world["meeting"], "signin", "pdf")).content)
    assert len(pages) > 1
    assert_page_numbers(pages)


def test_locked_minutes_files_are_rendered_once_until_a_correction(login, world, monkeypatch, document_cache):
    from meetings import documents

    rendered = []
    build = documents.minutes_document
    monkeypatch.setattr(
        documents,
        "minutes_document",
        lambda meeting, minutes: rendered.append(minutes.status) or build(meeting, minutes),
    )
    client = login(world["users"]["secretary"])
    url = _url(world["meeting"], "minutes", "hwpx")
    client.get(url), client.get(url)
    assert rendered == ["draft", "draft"]  # a draft follows the meeting: rendered on every request
    minutes = world["minutes"]
    _sat(world["meeting"])
    services.minutes_approve(actor=None, minutes=minutes)
    services.minutes_lock(actor=None, minutes=Minutes.objects.get(pk=minutes.pk))
    rendered.clear()
    first, again = client.get(url).content, client.get(url).content
    assert rendered == ["locked"] and again == first
    client.get(_url(world["meeting"], "minutes", "pdf"))
    assert rendered == ["locked", "locked"]  # each format once
    services.minutes_correct(
        actor=None, minutes=Minutes.objects.get(pk=minutes.pk), text="참석자 정정", reason="오기"
    )
    corrected = client.get(url).content
    assert len(rendered) == 3 and corrected != first
    assert "참석자 정정" in read_hwpx(corrected)[0]
