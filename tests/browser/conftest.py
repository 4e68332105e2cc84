"""Playwright driving Debian's Chromium (never a downloaded browser).

Under CI (REQUIRE_BROWSER=1) a missing Chromium or Playwright fails the run instead of skipping.
Browser tests use `live_server`, so they get a transactional database.
"""

from __future__ import annotations

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRED = os.environ.get("REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        if REQUIRED:
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if REQUIRED:
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo_live(transactional_db):
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def log_in(page):
    def _log_in(username: str, password: str | None = None):
        from committees.demo import DEMO_PASSWORD

        page.goto("/accounts/login/")
        page.get_by_label("사용자 이름").fill(username)
        page.get_by_label("비밀번호").fill(password or DEMO_PASSWORD)
        page.get_by_role("button", name="로그인").click()
        page.wait_for_url("**/")
        return page

    return _log_in


@pytest.fixture
def sitting_meeting(demo_live):
    """The demo's 2016 1분기 meeting as it stood while its minutes were still a draft: the demo approves
    them, and a meeting with approved minutes takes no more votes (meetings.rules.lifecycle)."""
    from meetings.models import Meeting, Minutes

    meeting = Meeting.objects.get(title="추진운영위원회 2016년 1분기 정기회의")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_DRAFT)
    Minutes.objects.filter(meeting=meeting).update(
        status=Minutes.Status.DRAFT, approved_at=None, approved_by=None
    )
    return Meeting.objects.get(pk=meeting.pk)


def rules_outcome(body, *, yes: int, no: int, abstain: int, enrolled: int, present: int, voting: int):
    """What meetings.rules gives for these counts under `body`'s rules: the outcome a browser journey
    must find on the page (the test computes it with the rules, never hard-codes it)."""
    from meetings import rules

    return rules.vote_result(
        yes=yes,
        no=no,
        abstain=abstain,
        enrolled=enrolled,
        present=present,
        voting=voting,
        **rules.body_vote_rules(body),
        chair_voted=False,
    )
