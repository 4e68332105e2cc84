"""Keyboard only: the secretary (간사 of 추진운영위원회) logs in, finds the held 1분기 정기회의 and records
a vote, using Tab, typing, arrow keys and Enter; no mouse, no .click(), no .fill().

Every element reached with Tab must show a visible focus indicator (outline or box shadow), so a
sighted keyboard user can follow where they are.
"""

from __future__ import annotations

import datetime as dt

from tests.browser.test_accessibility import AXE_URL, SERIOUS

MEETING_TITLE = "추진운영위원회 2016년 1분기 정기회의"
MAX_TABS = 80

# What has focus, and whether it visibly shows it (WCAG 2.4.7).
ACTIVE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').trim().slice(0, 60),
          label: e.labels && e.labels.length ? e.labels[0].innerText.trim() : '', visible};
}"""


def tab_to(page, *, id: str | None = None, text: str | None = None, label: str | None = None) -> dict:
    """Press Tab until the focused element matches; fail with the focus order walked so far."""
    walked = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        a = page.evaluate(ACTIVE)
        walked.append(f"{a['tag']}#{a['id']} {a['text'] or a['label']}")
        if a["tag"] != "BODY":
            assert a["visible"], f"no visible focus indicator on {walked[-1]}"
        if a["tag"] != "BODY" and (
            (id and a["id"] == id) or (text and text in a["text"]) or (label and a["label"].startswith(label))
        ):
            return a
    raise AssertionError(f"never reached {id or text or label} with Tab; focus order: {walked}")


def press_and_wait(page, key: str) -> None:
    """Press a key that follows a link or submits a form, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_secretary_records_a_vote_with_the_keyboard_only(sitting_meeting, page):
    from meetings import services
    from meetings.models import Meeting, Vote

    meeting = Meeting.objects.get(title=MEETING_TITLE)
    item = meeting.items.get(kind="resolution")
    before = set(item.votes.values_list("pk", flat=True))
    taken = dt.time(17, 20)
    ctx = services.vote_context(meeting, item, services._at(meeting, taken))
    voting = len(ctx["eligible"])
    assert voting >= 5, "the demo meeting has most members present"
    yes, no, abstain = voting - 2, 1, 1

    # Log in: the user name field has focus when the page opens.
    page.goto("/accounts/login/")
    assert page.evaluate(ACTIVE)["id"] == "id_username"
    page.keyboard.type("secretary")
    tab_to(page, id="id_password")
    from committees.demo import DEMO_PASSWORD

    page.keyboard.type(DEMO_PASSWORD)
    press_and_wait(page, "Enter")
    assert page.url.endswith("/"), page.url
    assert not page.url.endswith("/accounts/login/"), "login failed"

    # 내 회의 → the held meeting → 표결 기록.
    tab_to(page, text="내 회의")
    press_and_wait(page, "Enter")
    page.wait_for_url("**/meetings/mine/")
    tab_to(page, text=MEETING_TITLE)
    press_and_wait(page, "Enter")
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    # The first Tab reaches the skip link; Enter on it moves focus to the main content, past the menu.
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert (first["tag"], first["text"], first["visible"]) == ("A", "본문 바로가기", True)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    tab_to(page, text="표결 기록")
    press_and_wait(page, "Enter")
    page.wait_for_url(f"**/meetings/{meeting.pk}/votes/new/")

    # First attempt: more votes than members able to vote. The Korean error is shown and nothing typed
    # is lost.
    tab_to(page, id="id_item")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == str(item.pk)
    tab_to(page, id="id_method")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == Vote.Method.SECRET
    tab_to(page, id="id_taken")
    page.keyboard.type("1720")
    assert page.evaluate("() => document.activeElement.value") == "17:20"
    tab_to(page, id="id_yes")
    page.keyboard.type(str(voting + 1))
    tab_to(page, id="id_no")
    page.keyboard.type(str(no))
    tab_to(page, id="id_abstain")
    page.keyboard.press("Backspace")
    page.keyboard.type(str(abstain))
    tab_to(page, text="표결 기록")
    press_and_wait(page, "Enter")
    assert "보다 많습니다" in page.inner_text("main")
    assert set(item.votes.values_list("pk", flat=True)) == before
    assert page.input_value("#id_item") == str(item.pk)
    assert page.input_value("#id_method") == Vote.Method.SECRET
    assert page.input_value("#id_taken") == "17:20"
    assert page.input_value("#id_no") == str(no)

    # Correct the yes count (select the field's text and retype it) and submit with Enter in the field.
    tab_to(page, id="id_yes")
    page.keyboard.press("Control+A")
    page.keyboard.type(str(yes))
    press_and_wait(page, "Enter")
    outcome = page.get_by_test_id("outcome")

    new = item.votes.exclude(pk__in=before)
    assert new.count() == 1
    vote = new.get()
    assert (vote.method, vote.yes, vote.no, vote.abstain) == (Vote.Method.SECRET, yes, no, abstain)
    assert vote.taken_at == services._at(meeting, taken)
    # Present majority (성동구 계획: 참석위원 과반수 찬성) with voting - 2 yes: passed, and shown as computed.
    assert vote.passed is True
    assert outcome.inner_text() == vote.outcome_label == "가결"

    # The page with the outcome is accessible too.
    page.add_script_tag(url=AXE_URL)
    assert page.evaluate(SERIOUS) == []
