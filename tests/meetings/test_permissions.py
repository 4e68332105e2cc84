"""Permission matrix: every meetings URL × every role → expected status.

Roles (tests.conftest.ROLES, on the shared role_world): anonymous, member (of the meeting's body), secretary
of another body, secretary (of the meeting's body), reporter, governance staff, admin. Managing URLs answer
200 (GET) or 302 (POST, after the change) for the secretary, staff and admin only. The one scoping rule
(meetings.permissions): an object outside the user's reach is 404 (its existence is not revealed); an
object in reach that the role may not change is 403, as is a page for one role only (the staff
calendar, the series pages, creation).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committees.models import Membership
from meetings import services
from meetings.models import AgendaItem, Attachment, Meeting, PaymentList
from tests import factories
from tests.conftest import LOGIN, ROLES, assert_statuses

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()
MANAGERS = {"secretary", "staff", "admin"}
VIEWERS = MANAGERS | {"member"}
EVERYONE = set(ROLES) - {"anonymous"}
STAFF = {"staff", "admin"}


@pytest.fixture
def world(role_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    body, users = role_world.body, role_world.users
    # a second member, so the body has more than one person to count, sign and answer
    factories.member(body, start=TODAY - dt.timedelta(days=5), end=TODAY + dt.timedelta(days=700))
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
    box = factories.BallotBoxFactory(item=item)  # made directly: the meeting has not started
    attachment = factories.AttachmentFactory(meeting=meeting)
    factories.MinutesFactory(meeting=meeting)
    PaymentList.objects.create(meeting=meeting, source="live", paid_on=TODAY, prepared_at=starts)
    request = factories.ConveningRequestFactory(body=body, reason="요구", enrolled=2, threshold=1)
    exception = factories.CalendarExceptionFactory(date=dt.date(2026, 3, 10), kind="closure", reason="휴무")
    token = factories.FeedTokenFactory(user=users["member"], token="secret-token-for-matrix")
    second = Membership.objects.filter(body=body).exclude(pk=role_world.membership.pk).first()
    declaration = factories.InterestDeclarationFactory(item=item, membership=role_world.membership)
    challenge = factories.RecusalChallengeFactory(item=item, filed_by=second, against=role_world.membership)
    series = factories.MeetingSeriesFactory(
        name="실무협의 회의", start_date=TODAY, start_time=dt.time(16, 0), bodies=[body]
    )
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
        "declaration": declaration,
        "challenge": challenge,
        "box": box,
    }


def _case(method, name, args, ok, ok_status=200, forbidden=frozenset()):
    """A matrix row: the roles in `ok` get `ok_status`, those in `forbidden` 403 (in reach, may not
    change), anonymous visitors the login page, everyone else 404."""
    expected = {
        role: LOGIN if role == "anonymous" else ok_status if role in ok else 403 if role in forbidden else 404
        for role in ROLES
    }
    return pytest.param(method, name, args, expected, id=name)


IN_REACH = {"member"}  # sees the meeting, may not manage it
NOT_STAFF = EVERYONE - STAFF


m = "meeting"
URLS = [
    _case("get", "list", [], EVERYONE),
    # a secretary creates for their own body
    _case("get", "create", [], MANAGERS | {"secretary_other"}, forbidden={"member", "reporter"}),
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
    _case("post", "attendance_all_present", [m], MANAGERS, 302, IN_REACH),
    # the sitting, live (issue 15 §3): members poll the current item; secretaries mark it and make the
    # room's screen link (shown once, on the POST's own response: 200); revoking with none left: 302
    _case("get", "live", [m], VIEWERS),
    _case("get", "live_control", [m], MANAGERS, forbidden=IN_REACH),
    _case("post", "screen_link_create", [m], MANAGERS, 200, IN_REACH),
    _case("post", "screen_link_revoke", [m], MANAGERS, 302, IN_REACH),
    _case("get", "signin_sheet", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "vote", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "vote_named", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "election", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "written_open", [m], MANAGERS, forbidden=IN_REACH),
    # only members who may answer; those who see the meeting but may not answer: 403
    _case("get", "written_answer", ["written"], {"member"}, forbidden=MANAGERS),
    _case("post", "written_count", ["written"], MANAGERS, 302, IN_REACH),
    # 전자 투표 (issue 15 §2): the secretary's page; a member's ballot only for members of the body
    _case("get", "evote", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "evote_close", ["box"], MANAGERS, forbidden=IN_REACH),
    _case("post", "evote_close", ["box"], MANAGERS, 200, IN_REACH),  # refused (not started): the page again
    _case("post", "evote_void", ["box"], MANAGERS, 302, IN_REACH),
    _case("get", "ballot", ["box"], {"member"}, forbidden=MANAGERS),
    _case("post", "ballot", ["box"], {"member"}, forbidden=MANAGERS),  # refused (not present): the page
    _case("get", "minutes", [m], MANAGERS),  # a draft: members see approved minutes only
    # the papers: the published agenda's to members, the sign-in sheet to managers (tests/meetings/test_documents.py)
    _case("get", "document", [m, "notice", "hwpx"], VIEWERS),
    _case("get", "minutes_edit", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "minutes_correct", [m], MANAGERS, forbidden=IN_REACH),
    _case("post", "minutes_status", [m, "approve"], MANAGERS, 302, IN_REACH),
    # the confirmation page of an irreversible step
    _case("get", "minutes_status", [m, "lock"], MANAGERS, forbidden=IN_REACH),
    _case("post", "status", [m, "no_quorum"], MANAGERS, 302, IN_REACH),
    _case("get", "reschedule", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "cancel", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "observer_add", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "recusal_add", [m], MANAGERS, forbidden=IN_REACH),
    # 이해충돌 (issue 15 §1): members declare on their own page (those who see the meeting without a seat:
    # 403); declarations and challenges are the managers' to act on
    _case("get", "interests", [m], MANAGERS, forbidden=IN_REACH),
    _case("get", "interests_mine", [m], {"member"}, forbidden=MANAGERS),
    _case("get", "interest_declare", [m, "item"], {"member"}, forbidden=MANAGERS),
    _case("get", "challenge_file", [m, "item"], {"member"}, forbidden=MANAGERS),
    _case("get", "interest_recuse", [m, "declaration"], MANAGERS, forbidden=IN_REACH),
    _case("get", "challenge_decide", [m, "challenge"], MANAGERS, forbidden=IN_REACH),
    _case("get", "convening", [], VIEWERS | {"secretary_other"}, forbidden={"reporter"}),
    _case("post", "convening_sign", ["request"], {"member"}, 302, forbidden=MANAGERS),  # see, not sign
    # Series are managed by staff and the secretaries of the series' bodies (each secretary sees their
    # own); members never reach one (404), and the pages for managers alone answer them 403.
    _case("get", "series_list", [], MANAGERS | {"secretary_other"}, forbidden={"member", "reporter"}),
    _case("get", "series_create", [], MANAGERS | {"secretary_other"}, forbidden={"member", "reporter"}),
    _case("get", "series_detail", ["series"], MANAGERS),
    _case("get", "series_edit", ["series"], MANAGERS),
    _case("post", "series_generate", ["series"], MANAGERS, 200),  # no horizon posted: the form again
    _case("get", "calendar", [], STAFF, forbidden=NOT_STAFF),  # staff-only page: 403 (README)
    _case("post", "calendar_delete", ["exception"], STAFF, 302, NOT_STAFF),
    # 참석수당 (issue 16): the managers of the meeting; the annual totals are the finance side's, staff only
    _case("get", "allowances", [m], MANAGERS, forbidden=IN_REACH),
    _case("post", "allowances_prepare", [m], MANAGERS, 302, IN_REACH),
    _case("post", "allowances_confirm", [m], MANAGERS, 302, IN_REACH),
    _case("get", "allowances_export", [m, "xlsx"], MANAGERS, forbidden=IN_REACH),
    _case("get", "allowances_annual", [], STAFF, forbidden=NOT_STAFF),
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


@pytest.mark.parametrize(("method", "name", "args", "expected"), URLS)
def test_permission_matrix(world, method, name, args, expected):
    url = reverse(f"meetings:{name}", args=_resolve(world, args))
    assert_statuses(world["users"], url, expected, method=method)


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
