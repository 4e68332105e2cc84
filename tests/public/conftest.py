import datetime as dt

import pytest

from committees.models import Body
from meetings import services
from meetings.models import Meeting, Vote
from tests import factories

# Private data planted in the world below; none may appear on any public page.
MARKERS = [
    "secret-mail@example.com",
    "010-9999-8888",
    "1961-07-23",
    "1961. 7. 23.",
    "초안안건마커",  # an agenda item of an unpublished agenda
    "비공개발언마커",  # remarks of minutes not marked public
    "비공개사유마커",  # their non-disclosure reason
    "미확정발언마커",  # remarks of public minutes that are not locked yet
    "비공개첨부마커.pdf",  # an attachment not marked public
    "회피사유마커",  # a recusal reason
    "기명투표자 찬성",  # a named ballot as the staff minutes render it
    "취소회의마커",  # a cancelled meeting
    "비위촉공개마커",  # an appointed member of a body that does not disclose names
]

YEAR = dt.date.today().year
SEOUL = factories.SEOUL


def _at(month: int, day: int) -> dt.datetime:
    return dt.datetime(YEAR, month, day, 16, 0, tzinfo=SEOUL)


def _meeting(body, title, starts, **fields):
    return factories.MeetingFactory(
        bodies=[body], title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=1), **fields
    )


@pytest.fixture
def public_world(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    staff = factories.staff_user("public_staff")
    term = {"start": dt.date(YEAR - 1, 1, 1), "end": dt.date(YEAR + 1, 12, 31)}
    body = factories.BodyFactory(
        name="공개기구", disclosure=Body.Disclosure.NAMES, gender_balance_applies=False
    )
    closed = factories.BodyFactory(name="명단비공개기구", gender_balance_applies=False)
    person = factories.PersonFactory(
        name="공개위원",
        affiliation="마장동 주민자치회",
        email="secret-mail@example.com",
        phone="010-9999-8888",
        birth_date=dt.date(1961, 7, 23),
    )
    member = factories.member(body, person, **term)
    voter = factories.member(body, factories.PersonFactory(name="기명투표자", email="v@example.com"), **term)
    factories.member(closed, factories.PersonFactory(name="비위촉공개마커"), **term)
    holding = factories.PostHoldingFactory(post=factories.PostFactory(name="구청장"))
    factories.seat_group(body, post=holding.post, effective=term["start"])

    # held, agenda published, locked public minutes with a recusal and a named vote
    held = _meeting(body, "공개회의", _at(3, 10), status=Meeting.Status.HELD, agenda_published=True)
    item = factories.AgendaItemFactory(meeting=held, order=1, title="공개안건")
    factories.AttendanceFactory(meeting=held, membership=member)
    factories.AttendanceFactory(meeting=held, membership=voter)
    factories.RecusalFactory(item=item, membership=member, reason="회피사유마커")
    vote = factories.VoteFactory(
        item=item,
        method=Vote.Method.NAMED,
        yes=1,
        no=0,
        abstain=0,
        enrolled=2,
        present=2,
        voting=1,
        required=1,
    )
    factories.NamedBallotFactory(vote=vote, membership=voter)
    public_file = factories.AttachmentFactory(meeting=held, original_name="공개자료.pdf", is_public=True)
    factories.AttachmentFactory(meeting=held, original_name="비공개첨부마커.pdf")
    minutes = services.minutes_save(actor=staff, meeting=held, remarks="공개발언요지", is_public=True)
    services.minutes_lock(actor=staff, minutes=services.minutes_approve(actor=staff, minutes=minutes))

    # planned, agenda not published
    planned = _meeting(body, "예정회의", _at(4, 10))
    factories.AgendaItemFactory(meeting=planned, order=1, title="초안안건마커")

    # held, minutes locked but not public
    private = _meeting(
        body, "비공개회의록회의", _at(5, 10), status=Meeting.Status.HELD, agenda_published=True
    )
    secret = services.minutes_save(
        actor=staff,
        meeting=private,
        remarks="비공개발언마커",
        is_public=False,
        nondisclosure_reason="비공개사유마커",
    )
    services.minutes_lock(actor=staff, minutes=services.minutes_approve(actor=staff, minutes=secret))

    # held, public minutes approved but not locked
    approved = _meeting(body, "승인회의", _at(6, 10), status=Meeting.Status.HELD)
    services.minutes_approve(
        actor=staff,
        minutes=services.minutes_save(
            actor=staff, meeting=approved, remarks="미확정발언마커", is_public=True
        ),
    )

    cancelled = _meeting(
        body, "취소회의마커", _at(7, 10), status=Meeting.Status.CANCELLED, cancelled_reason="사정"
    )
    return {
        "body": body,
        "closed": closed,
        "held": held,
        "planned": planned,
        "private": private,
        "approved": approved,
        "cancelled": cancelled,
        "public_file": public_file,
        "meetings": [held, planned, private, approved, cancelled],
    }
