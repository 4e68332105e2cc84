"""Permission matrix: every meetings URL × every role → expected status.

Roles: anonymous, member (of the meeting's body), secretary of another body, secretary (of the meeting's
body), reporter, governance staff, admin. Managing URLs answer 200 (GET) or 302 (POST, after the
change) for the secretary, staff and admin only. The one scoping rule (meetings.permissions): an object
outside the user's reach is 404 (its existence is not revealed); an object in reach that the role may
not change is 403, as is a page for one role only (the staff calendar, the series pages, creation).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committees.models import CalendarException, OrgUnit
from meetings import services
from meetings.models import (
    AgendaItem,
    Attachment,
    ConveningRequest,
    FeedToken,
    Meeting,
    MeetingSeries,
    Minutes,
)
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()
ROLES = ["anonymous", "member", "other_secretary", "secretary", "reporter", "staff", "admin"]
MANAGERS = {"secretary", "staff", "admin"}
VIEWERS = MANAGERS | {"member"}
EVERYONE = set(ROLES) - {"anonymous"}
STAFF = {"staff", "admin"}


@pytest.fixture
def world(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # 7 users per case
    body, other = factories.BodyFactory(), factories.BodyFactory()
    users = {}
    group = factories.seat_group(body, count=2)
    for name in ["member", "member2"]:
        person = factories.PersonFactory()
        factories.appoint(
            group,
            person,
            start=TODAY - dt.timedelta(days=5),
            end=TODAY + dt.timedelta(days=700),
            reason="테스트",
        )
        users[name] = factories.UserFactory(username=name)
        person.user = users[name]
        person.save()
    for name, b in [("secretary", body), ("other_secretary", other)]:
        person = factories.PersonFactory()
        users[name] = factories.UserFactory(username=name)
        person.user = users[name]
        person.save()
        b.secretary_person = person
        b.save()
    users["reporter"] = factories.UserFactory(username="reporter")
    factories.OrgUnitFactory(kind=OrgUnit.Kind.DIVISION).reporting_officers.add(users["reporter"])
    users["staff"] = factories.staff_user()
    users["admin"] = factories.UserFactory(username="admin", is_superuser=True, is_staff=True)
    starts = dt.datetime.combine(TODAY + dt.timedelta(days=30), dt.time(16, 0), tzinfo=SEOUL)
    meeting = services.meeting_create(
        actor=None,
        meeting=Meeting(title="회의", starts_at=starts, ends_at=starts + dt.timedelta(hours=1)),
        bodies=[body],
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="안건")
    meeting.agenda_published = True
    meeting.save()
    body.allows_written_resolution = True
    body.save()
    written = services.written_open(actor=None, item=item, deadline=starts - dt.timedelta(days=1))
    attachment = Attachment.objects.create(
        meeting=meeting, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"), original_name="a.pdf", size=8
    )
    Minutes.objects.create(meeting=meeting, remarks="초안")
    request = ConveningRequest.objects.create(body=body, reason="요구", enrolled=2, threshold=1)
    exception = CalendarException.objects.create(date=dt.date(2026, 3, 10), kind="closure", reason="휴무")
    token = FeedToken.objects.create(user=users["member"], token="secret-token-for-matrix")
    series = MeetingSeries.objects.create(
        name="실무협의 회의", recurrence="second_fourth_friday", start_date=TODAY, start_time=dt.time(16, 0)
    )
    series.bodies.set([body])
    return {
        "users": users,
        "meeting": meeting,
        "item": item,
        "attachment": attachment,
        "request": request,
        "exception": exception,
        "token": token,
        "written": written,
        "series": series,
    }


def _case(method, name, args, ok, ok_status=200, forbidden=frozenset()):
    return pytest.param(method, name, args, ok, ok_status, forbidden, id=name)


IN_REACH = {"member"}  # sees the meeting, may not manage it
NOT_STAFF = EVERYONE - STAFF


m = "meeting"
URLS = [
    _case("get", "list", [], EVERYONE),
    # a secretary creates for their own body
    _case("get", "create", [], MANAGERS | {"other_secretary"}, forbidden={"member", "reporter"}),
    _case("get", "portal", [], EVERYONE),
    _case("post", "feed_renew", [], EVERYONE, 302),
    _case("get", "detail", [m], VIEWERS),
    _case("get", "ics", [m], VIEWERS),
    _case("post", "status", [m, "publish"], MANAGERS, 302, IN_REACH),
    _case("get", "item_create", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "item_edit", [m, "item"], MANAGERS, forbidden=IN_REACH),
    _case("get", "attachment_upload", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "attachment", ["attachment"], VIEWERS),
    _case("get", "attendance", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "vote", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "vote_named", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "election", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "written_open", [m], MANAGERS, forbidden=IN_REACH),
    # only members who may answer; those who see the meeting but may not answer: 403
    _case("get", "written_answer", ["written"], {"member"}, forbidden=MANAGERS),
    _case("post", "written_count", ["written"], MANAGERS, 302, IN_REACH),
    _case("get", "minutes", [m], MANAGERS),  # a draft: members see approved minutes only
    _case("get", "minutes_edit", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "minutes_correct", [m], MANAGERS, forbidden=IN_REACH),
    _case("post", "minutes_status", [m, "approve"], MANAGERS, 302, IN_REACH),
    _case("get", "reschedule", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "cancel", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "observer_add", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "recusal_add", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "convening", [], VIEWERS | {"other_secretary"}, forbidden={"reporter"}),
    _case("post", "convening_sign", ["request"], {"member"}, 302, forbidden=MANAGERS),  # see, not sign
    # Series are managed by staff and the secretaries of the series' bodies (each secretary sees their
    # own); members never reach one (404), and the pages for managers alone answer them 403.
    _case("get", "series_list", [], MANAGERS | {"other_secretary"}, forbidden={"member", "reporter"}),
    _case("get", "series_create", [], MANAGERS | {"other_secretary"}, forbidden={"member", "reporter"}),
    _case("get", "series_detail", ["series"], MANAGERS),
    _case("get", "series_edit", ["series"], MANAGERS),
    _case("post", "series_generate", ["series"], MANAGERS, 200),  # no horizon posted: the form again
    _case("get", "calendar", [], STAFF, forbidden=NOT_STAFF),  # staff-only page: 403 (README)
    _case("post", "calendar_delete", ["exception"], STAFF, 302, NOT_STAFF),
]


def _resolve(world, args):
    out = []
    for a in args:
        if a in world:
            out.append(world[a].pk)
        elif a == "item":
            out.append(world["item"].pk)
        else:
            out.append(a)
    return out


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "name", "args", "ok", "ok_status", "forbidden"), URLS)
def test_permission_matrix(client, world, role, method, name, args, ok, ok_status, forbidden):
    url = reverse(f"meetings:{name}", args=_resolve(world, args))
    if role != "anonymous":
        client.force_login(world["users"][role])
    response = getattr(client, method)(url)
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    elif role in ok:
        assert response.status_code == ok_status
    elif role in forbidden:
        assert response.status_code == 403
    else:
        assert response.status_code == 404


def test_feed_needs_only_the_secret_and_dies_with_it(client, world):
    url = reverse("meetings:feed", args=[world["token"].token])
    assert world["meeting"].uid in client.get(url).content.decode()
    assert client.get(reverse("meetings:feed", args=["guessed-token"])).status_code == 404
    world["users"]["member"].is_active = False
    world["users"]["member"].save()
    assert client.get(url).status_code == 404


def test_draft_agenda_attachment_is_hidden_from_members(client, world):
    meeting = world["meeting"]
    meeting.agenda_published = False
    meeting.save()
    client.force_login(world["users"]["member"])
    assert client.get(reverse("meetings:attachment", args=[world["attachment"].pk])).status_code == 404
    client.force_login(world["users"]["secretary"])
    response = client.get(reverse("meetings:attachment", args=[world["attachment"].pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4"


def test_attachment_type_and_size_are_checked(client, world, settings):
    client.force_login(world["users"]["secretary"])
    url = reverse("meetings:attachment_upload", args=[world["meeting"].pk])
    response = client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert "허용되지 않는 파일 형식입니다 (.exe)" in response.content.decode()
    big = SimpleUploadedFile("big.pdf", b"0" * 10)
    big.size = 21 * 1024 * 1024
    from meetings.models import validate_attachment

    with pytest.raises(Exception, match="20MB"):
        validate_attachment(big)
    # an executable renamed to .pdf is refused by its content, not accepted by its name
    response = client.post(url, {"file": SimpleUploadedFile("회의자료.pdf", b"MZ\x90\x00")})
    assert "파일 내용이 확장자(.pdf)와 맞지 않습니다." in response.content.decode()
    hwp = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24  # an OLE compound file, as HWP 5 is
    client.post(url, {"file": SimpleUploadedFile("안건자료.hwp", hwp)})
    assert set(Attachment.objects.values_list("original_name", flat=True)) == {"a.pdf", "안건자료.hwp"}


def test_every_meetings_url_is_in_the_matrix():
    from meetings import urls

    names = {p.name for p in urls.urlpatterns}
    covered = {case.values[1] for case in URLS} | {"feed"}  # the feed has its own test above
    assert names - covered == set(), f"add these URLs to the permission matrix: {names - covered}"
