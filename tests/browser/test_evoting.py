"""전자 투표 in the browser (issue 15 §2): the secretary opens a secret vote, three members vote from
390 px phones (one of them by keyboard alone), the secretary sees "3명 투표" (never how) and closes it,
and the outcome on the meeting page is the one meetings.rules gives for those ballots."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import rules_outcome
from tests.browser.test_accessibility import AXE_URL, SERIOUS

SEOUL = ZoneInfo("Asia/Seoul")
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def sitting(transactional_db):
    from meetings.models import AgendaItem, Attendance, Meeting

    body = factories.BodyFactory(name="전자투표위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=3)
    today = dt.date.today()
    members = [
        factories.appoint(
            group,
            factories.PersonFactory(name=f"위원{i}"),
            start=today - dt.timedelta(days=100),
            end=today + dt.timedelta(days=600),
            reason="테스트",
        )
        for i in range(1, 4)
    ]
    users = [factories.user_for(m.person, username=f"voter{i}") for i, m in enumerate(members, 1)]
    secretary = factories.PersonFactory(name="간사")
    body.secretary_person = secretary
    body.save()
    factories.user_for(secretary, username="evote_secretary")
    starts = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="전자투표 시범 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        uid="evote-browser",
        status=Meeting.Status.HELD,
        host_body=body,
        agenda_published=True,
    )
    meeting.bodies.add(body)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=m, status="present") for m in members
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="주민참여 조례안")
    return {"meeting": meeting, "item": item, "users": users, "body": body}


def _log_in(browser, live_server, username, **context):
    ctx = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", base_url=live_server.url, **context)
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.get_by_label("사용자 이름").fill(username)
    page.get_by_label("비밀번호").fill(factories.PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url("**/")
    return ctx, page


def _vote_on_phone(page, choice: str, *, keyboard: bool = False) -> None:
    page.goto("/meetings/mine/")
    page.get_by_role("link", name="주민참여 조례안").click()
    group = page.get_by_role("group", name="내 표")
    # expect() waits for the ballot page; is_visible() would read the list page the click is leaving
    expect(group, "the choices are a radio group named by its legend").to_be_visible()
    page.add_script_tag(url=AXE_URL)
    assert page.evaluate(SERIOUS) == [], "no serious accessibility violation on the ballot page"
    if keyboard:
        group.get_by_role("radio").first.focus()
        for _ in range(["찬성", "반대", "기권"].index(choice)):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        assert group.get_by_role("radio", name=choice).is_checked()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        group.get_by_role("radio", name=choice).check()
        page.get_by_role("button", name="투표하기").click()
    page.get_by_text("투표했습니다 — 마감 전까지 바꿀 수 있습니다.").first.wait_for()
    expect(page.get_by_test_id("ballot-status")).to_be_visible()
    assert page.get_by_test_id("my-choice").count() == 0, "a secret ballot is not shown back"
    # nothing wider than the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_secret_vote_from_three_phones(sitting, browser, live_server):
    from meetings.models import SecretBallot, Vote

    meeting, item, body = sitting["meeting"], sitting["item"], sitting["body"]
    contexts = []
    try:
        ctx, secretary = _log_in(browser, live_server, "evote_secretary")
        contexts.append(ctx)
        secretary.goto(f"/meetings/{meeting.pk}/")
        secretary.get_by_role("link", name="전자 투표").first.click()
        secretary.get_by_label("안건").select_option(label=str(item))
        secretary.get_by_role("radio", name="무기명").check()
        secretary.get_by_role("button", name="투표 열기").click()
        assert secretary.get_by_test_id("box-counts").inner_text() == "0명 투표 / 투표 가능 3명"

        choices = ["찬성", "찬성", "반대"]
        for i, (user, choice) in enumerate(zip(sitting["users"], choices, strict=True)):
            ctx, phone = _log_in(browser, live_server, user.username, viewport=PHONE, is_mobile=True)
            contexts.append(ctx)
            _vote_on_phone(phone, choice, keyboard=i == 0)

        secretary.reload()
        counts = secretary.get_by_test_id("box-counts").inner_text()
        assert counts == "3명 투표 / 투표 가능 3명"
        secretary.get_by_role("button", name="투표 마감").click()
        secretary.wait_for_url(f"**/meetings/{meeting.pk}/")

        expected = rules_outcome(body, yes=2, no=1, abstain=0, enrolled=3, present=3, voting=3)
        expect(secretary.get_by_text(f"결과: {expected.label}").first).to_be_visible()
        assert secretary.get_by_test_id("vote-method").inner_text() == "무기명 · 전자 투표"
        vote = Vote.objects.get(item=item)
        assert (vote.yes, vote.no, vote.abstain, vote.electronic, vote.outcome_label) == (
            2,
            1,
            0,
            True,
            expected.label,
        )
        assert SecretBallot.objects.count() == 0
    finally:
        for ctx in contexts:
            ctx.close()
