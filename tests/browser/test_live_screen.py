"""The meeting room's screen live (issue 15 §3): the projector opens the secret link with no login; the
secretary, in another browser, marks the item under discussion and records attendance; the screen and a
member's 390 px phone show each change within 2–3 s without a reload, with the strict CSP intact (no
violation in the console, no <style> injected by htmx). Revoking the link blanks the screen at once."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import AXE_URL, SERIOUS

PASSWORD = "live-screen-2026"
WITHIN_MS = 3_000  # the screen polls every 2 s


@pytest.fixture
def sitting(transactional_db):
    from meetings import services
    from meetings.models import AgendaItem, Meeting
    from tests import factories

    today = dt.date.today()
    body = factories.BodyFactory(name="추진운영위원회", gender_balance_applies=False)
    secretary = factories.PersonFactory(name="간사")
    body.secretary_person = secretary
    body.save()
    members = [
        factories.member(body, start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=700))
        for _ in range(3)
    ]
    users = {"secretary": factories.user_for(secretary, username="live_secretary")}
    users["member"] = factories.user_for(members[0].person, username="live_member")
    for user in users.values():
        user.set_password(PASSWORD)
        user.save()
    starts = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=20)
    meeting = factories.MeetingFactory(
        bodies=[body],
        title="제5차 추진운영위원회",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        status=Meeting.Status.NOTICE_SENT,
        agenda_published=True,
    )
    for order, (title, minutes) in enumerate([("개회", 5), ("경과보고", 10), ("위원장 호선", 10)], start=1):
        AgendaItem.objects.create(
            meeting=meeting, order=order, kind="report", title=title, planned_minutes=minutes
        )
    token = services.screen_link_create(actor=users["secretary"], meeting=meeting)
    return {"meeting": meeting, "token": token, "users": users}


def _log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("사용자 이름").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url("**/")


def _watch_console(page) -> list[str]:
    """Console errors and warnings, script errors and failed responses (the browser's own favicon
    request aside: its console line names no URL, so failed responses are collected by URL instead)."""
    problems: list[str] = []

    def console(m):
        if m.type in ("error", "warning") and not m.text.startswith("Failed to load resource"):
            problems.append(m.text)

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    return problems


def _shows(page, testid: str, text: str) -> float:
    """Wait until the element shows `text`; the seconds it took."""
    t0 = time.monotonic()
    page.locator(f'[data-testid="{testid}"]').filter(has_text=text).wait_for(timeout=WITHIN_MS)
    return time.monotonic() - t0


def test_screen_and_phone_follow_the_secretary_without_reload(browser, live_server, page, sitting):
    meeting = sitting["meeting"]
    screen_ctx = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", base_url=live_server.url)
    phone_ctx = browser.new_context(
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
    )
    try:
        screen = screen_ctx.new_page()
        screen_problems = _watch_console(screen)
        screen.goto(f"/screen/{sitting['token']}/")
        screen.get_by_text("진행 중인 안건이 아직 없습니다.").wait_for()
        assert screen.locator('[data-testid="present"]').inner_text() == "0"
        assert screen.locator('[data-testid="enrolled"]').inner_text() == "3"

        phone = phone_ctx.new_page()
        phone_problems = _watch_console(phone)
        _log_in(phone, "live_member")
        phone.goto("/meetings/mine/")
        _shows(phone, "live-item", "진행 중인 안건이 아직 없습니다.")

        # the secretary marks item 2 in another browser: screen and phone follow without a reload
        secretary_problems = _watch_console(page)
        _log_in(page, "live_secretary")
        page.goto(f"/meetings/{meeting.pk}/live/control/")
        page.get_by_label("2. 경과보고").check()
        page.get_by_role("button", name="지정").click()
        page.get_by_text("진행 중인 안건: 2. 경과보고").wait_for()
        start = timezone.localtime(meeting.starts_at)
        slot = f"{start + dt.timedelta(minutes=5):%H:%M}–{start + dt.timedelta(minutes=15):%H:%M}"
        waited = [_shows(screen, "current-item", "2. 경과보고"), _shows(phone, "live-item", "2. 경과보고")]
        assert slot in screen.locator('[data-testid="slot"]').inner_text()
        assert slot in phone.locator('[data-testid="live-slot"]').inner_text()

        # attendance: everyone present; the quorum on the screen follows
        page.goto(f"/meetings/{meeting.pk}/attendance/")
        page.get_by_test_id("all-present").click()
        page.wait_for_load_state()
        waited.append(_shows(screen, "present", "3"))
        assert screen.locator('[data-testid="quorum"]').inner_text() == "충족"

        # the phone at 390 px: no horizontal scrolling
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390

        # the strict CSP held: htmx injected no <style>, and nothing was refused or failed
        for p, problems in ((screen, screen_problems), (phone, phone_problems)):
            assert p.evaluate("document.querySelectorAll('style').length") == 0
            assert [m for m in problems if "Content Security Policy" in m or "Refused" in m] == []
            assert problems == []
        # KWCAG: no serious or critical axe violation on the screen (its own stylesheet applied) or the phone
        assert screen.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
        for p in (screen, phone):
            p.add_script_tag(url=AXE_URL)
            assert p.evaluate(SERIOUS) == []
        print(f"live screen: changes shown after {', '.join(f'{w:.2f}' for w in waited)} s")

        # revoking the link: the screen swaps in the notice and stops polling
        page.goto(f"/meetings/{meeting.pk}/live/control/")
        page.get_by_role("button", name="주소 폐기", exact=True).click()
        page.get_by_text("회의장 화면 주소를 폐기했습니다.").wait_for()
        _shows(screen, "screen-gone", "더 이상 쓸 수 없습니다")
        assert screen.locator('[data-testid="current-item"]').count() == 0

        # a new link from the page: shown once, copied with the button, and the screen opens it
        page.get_by_role("button", name="화면 주소 만들기").click()
        url = page.get_by_test_id("screen-url").input_value()
        page.get_by_role("button", name="주소 복사").click()
        page.get_by_text("주소를 복사했습니다.").wait_for()
        screen.goto(url)
        _shows(screen, "current-item", "2. 경과보고")
        assert secretary_problems == []  # the copy button's script ran under the strict CSP
    finally:
        screen_ctx.close()
        phone_ctx.close()
