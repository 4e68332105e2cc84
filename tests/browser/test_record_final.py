"""Done means (issue 10): a double-clicked vote records one vote; approving and locking ask for
confirmation; after locking a vote is refused with a clear Korean message and the locked page is
unchanged."""

from playwright.sync_api import expect

LOCKED = "회의록이 확정되어 더 이상 바꿀 수 없습니다. 정정 기록을 남기세요."


def _fill_vote(page, item, *, yes: int):
    page.get_by_label("안건").select_option(str(item.pk))
    page.get_by_label("표결 방법").select_option("secret")
    page.get_by_label("표결 시각").fill("17:10")
    page.get_by_label("찬성").fill(str(yes))
    page.get_by_label("반대").fill("0")
    page.get_by_label("기권").fill("0")


def test_double_click_then_lock_then_a_vote_is_refused(sitting_meeting, log_in, page):
    meeting = sitting_meeting
    item = meeting.items.get(kind="resolution")
    before = item.votes.count()
    log_in("secretary")

    page.goto(f"/meetings/{meeting.pk}/votes/new/")
    _fill_vote(page, item, yes=3)
    page.get_by_role("button", name="표결 기록").dblclick()
    expect(page.get_by_test_id("outcome")).to_be_visible()
    assert item.votes.count() == before + 1

    page.goto(f"/meetings/{meeting.pk}/minutes/")
    page.get_by_role("link", name="승인", exact=True).click()
    expect(page.get_by_test_id("confirm-what")).to_contain_text("회의록을 승인하면")
    page.get_by_role("button", name="회의록 승인").click()
    expect(page.get_by_text("회의록을 승인했습니다.")).to_be_visible()
    page.get_by_role("link", name="확정", exact=True).click()
    expect(page.get_by_test_id("confirm-what")).to_contain_text("정정 기록만 남길 수 있습니다")
    page.get_by_role("button", name="회의록 확정").click()
    expect(page.get_by_text("회의록을 확정했습니다. 이제 바꿀 수 없습니다.")).to_be_visible()
    locked_page = page.locator("table.minutes").inner_html()

    page.goto(f"/meetings/{meeting.pk}/votes/new/")
    _fill_vote(page, item, yes=2)
    page.get_by_role("button", name="표결 기록").click()
    expect(page.get_by_text(LOCKED)).to_be_visible()
    assert item.votes.count() == before + 1

    page.goto(f"/meetings/{meeting.pk}/minutes/")
    assert page.locator("table.minutes").inner_html() == locked_page
