"""Issue 15, the whole journey in one browser session with separate contexts: a member declares an interest
from a 390 px phone and asks to step aside; the secretary records 회피 from that declaration; the meeting
sits; the room's screen (no login, its secret link) follows the secret vote the secretary opens — how many
have voted, never how — within 3 s and without a reload; the recused member's phone is refused a ballot;
three members vote from their phones; the secretary closes the vote and the outcome on the screen and in
the database is the one meetings.rules gives with the recused member out of the base. No secret ballot row
remains, and none ever named a member."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories
from tests.browser.conftest import rules_outcome

PHONE = {"width": 390, "height": 844}
WITHIN_MS = 3_000  # the screen polls every 2 s
ITEM = "주민참여예산 조례 개정안"


@pytest.fixture
def world(transactional_db):
    from meetings import services
    from meetings.models import AgendaItem, Meeting

    today = dt.date.today()
    body = factories.BodyFactory(name="민간협의체", gender_balance_applies=False)
    secretary = factories.PersonFactory(name="간사")
    body.secretary_person = secretary
    body.save()
    group = factories.seat_group(body, count=4)
    members = [
        factories.appoint(
            group,
            factories.PersonFactory(name=f"위원{i}"),
            start=today - dt.timedelta(days=100),
            end=today + dt.timedelta(days=600),
            reason="테스트",
        )
        for i in range(1, 5)
    ]
    users = [factories.user_for(m.person, username=f"part{i}") for i, m in enumerate(members, 1)]
    factories.user_for(secretary, username="part_secretary")
    # the agenda is published and the meeting starts in an hour: declarations are open until the start
    starts = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(hours=1)
    meeting = factories.MeetingFactory(
        bodies=[body],
        title="제2차 민간협의체",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        status=Meeting.Status.NOTICE_SENT,
        agenda_published=True,
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title=ITEM)
    token = services.screen_link_create(actor=None, meeting=meeting)
    return {
        "meeting": meeting,
        "item": item,
        "members": members,
        "users": users,
        "body": body,
        "token": token,
    }


def _context(browser, live_server, **extra):
    ctx = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", base_url=live_server.url, **extra)
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    return ctx, page


def _log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("사용자 이름").fill(username)
    page.get_by_label("비밀번호").fill(factories.PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url("**/")


def _screen_shows(screen, testid: str, text: str) -> None:
    screen.locator(f'[data-testid="{testid}"]').filter(has_text=text).wait_for(timeout=WITHIN_MS)


def test_declare_recuse_vote_from_phones_and_the_room_screen_follows(world, browser, live_server):
    from meetings.models import Attendance, BallotBox, Meeting, Recusal, SecretBallot, Vote, VoterMark

    meeting, item, body = world["meeting"], world["item"], world["body"]
    contexts = []
    try:
        # 1. the first member declares an interest from the phone and asks to step aside
        ctx, phone1 = _context(browser, live_server, viewport=PHONE, is_mobile=True)
        contexts.append(ctx)
        _log_in(phone1, "part1")
        phone1.goto(f"/meetings/{meeting.pk}/interests/mine/")
        phone1.get_by_test_id(f"interest-item-{item.pk}").get_by_role("link", name="답하기").click()
        phone1.get_by_label("있음").check()
        phone1.get_by_label("이해관계 종류").select_option("adviser")
        phone1.get_by_label("내용").fill("개정안을 제안한 단체의 자문위원")
        phone1.get_by_label("이 안건에서 회피를 신청합니다").check()
        phone1.get_by_role("button", name="저장").click()
        phone1.wait_for_url(f"**/meetings/{meeting.pk}/interests/mine/")
        assert "회피 신청" in phone1.get_by_test_id(f"interest-item-{item.pk}").inner_text()
        assert phone1.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # 2. the secretary records 회피 from the declaration
        ctx, office = _context(browser, live_server)
        contexts.append(ctx)
        _log_in(office, "part_secretary")
        office.goto(f"/meetings/{meeting.pk}/interests/")
        office.get_by_role("link", name="회피 기록").first.click()
        office.get_by_role("button", name="회피 기록").click()
        office.get_by_text("회피를 기록했습니다.").wait_for()
        recused = world["members"][0]
        assert Recusal.objects.filter(item=item, membership=recused, kind="avoidance").exists()

        # 3. the meeting sits (time passes: it started 20 minutes ago, and is recorded as held); all present
        starts = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=20)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=starts, ends_at=starts + dt.timedelta(hours=2), status=Meeting.Status.HELD
        )
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, membership=m, status="present") for m in world["members"]
        )

        # 4. the room's screen, no login
        ctx, screen = _context(browser, live_server)
        contexts.append(ctx)
        screen.goto(f"/screen/{world['token']}/")
        _screen_shows(screen, "present", "4")

        # 5. the secretary opens a secret vote; the screen shows it within 3 s, without a reload
        office.goto(f"/meetings/{meeting.pk}/evote/")
        office.get_by_label("안건").select_option(label=str(item))
        office.get_by_role("radio", name="무기명").check()
        office.get_by_role("button", name="투표 열기").click()
        assert office.get_by_test_id("box-counts").inner_text() == "0명 투표 / 투표 가능 3명"
        _screen_shows(screen, "vote-in-progress", f"{ITEM} 표결 중: 0명 투표")

        # 6. the recused member's phone is refused a ballot
        box = BallotBox.objects.get(item=item, closed_at=None)
        phone1.goto(f"/meetings/evote/{box.pk}/")
        assert "회피·제척되어 투표할 수 없습니다" in phone1.content()

        # 7. the three others vote from their phones; the screen counts them, never how
        for username, choice in (("part2", "찬성"), ("part3", "찬성"), ("part4", "반대")):
            ctx, phone = _context(browser, live_server, viewport=PHONE, is_mobile=True)
            contexts.append(ctx)
            _log_in(phone, username)
            phone.goto("/meetings/mine/")
            phone.get_by_role("link", name=ITEM).first.click()
            phone.wait_for_url(f"**/meetings/evote/{box.pk}/")
            phone.get_by_role("group", name="내 표").get_by_role("radio", name=choice).check()
            phone.get_by_role("button", name="투표하기").click()
            phone.get_by_text("투표했습니다 — 마감 전까지 바꿀 수 있습니다.").first.wait_for()
            assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        _screen_shows(screen, "vote-in-progress", "3명 투표")
        assert "찬성 2" not in screen.content()  # how they voted is not on the screen while it is open

        # 8. the secretary closes the vote; the outcome is the rules' with the recused member out
        office.goto(f"/meetings/{meeting.pk}/evote/")
        office.get_by_role("button", name="투표 마감").click()
        office.wait_for_url(f"**/meetings/{meeting.pk}/")
        expected = rules_outcome(body, yes=2, no=1, abstain=0, enrolled=4, present=4, voting=3)
        vote = Vote.objects.get(item=item)
        assert (vote.yes, vote.no, vote.abstain, vote.voting, vote.electronic) == (2, 1, 0, 3, True)
        assert vote.outcome_label == expected.label
        _screen_shows(screen, "last-vote", expected.label)
        assert screen.locator('[data-testid="vote-in-progress"]').count() == 0
        assert "찬성 2" in screen.locator('[data-testid="last-vote"]').inner_text()

        # 9. what is stored: totals and who voted; no ballot, and a mark names no ballot
        assert SecretBallot.objects.count() == 0
        assert set(VoterMark.objects.filter(box=box).values_list("membership_id", flat=True)) == {
            m.pk for m in world["members"][1:]
        }
        assert {f.name for f in VoterMark._meta.concrete_fields} == {"id", "box", "membership"}
    finally:
        for ctx in contexts:
            ctx.close()
