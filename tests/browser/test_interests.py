"""이해충돌 in the browser (issue 15 §1): a member declares from a 390 px phone, by keyboard, and the
secretary, in a separate browser context, records 회피 from that declaration; the vote base then leaves
the member out."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

ITEM = "민간협의체 제안 사업 검토"


def _log_in(page, username):
    from committees.demo import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("사용자 이름").fill(username)
    page.get_by_label("비밀번호").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url("**/")


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_member_declares_on_a_phone_and_the_secretary_records_the_recusal(demo_live, browser, live_server):
    from meetings import selectors
    from meetings.models import AgendaItem, InterestDeclaration, Recusal

    item = AgendaItem.objects.filter(title=ITEM).select_related("meeting").get()
    phone = browser.new_context(
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
    )
    member = phone.new_page()
    member.set_default_timeout(10_000)
    _log_in(member, "member")
    member.goto("/meetings/mine/")
    member.get_by_test_id(f"interests-link-{item.meeting_id}").click()
    row = member.get_by_test_id(f"interest-item-{item.pk}")
    assert "답변 필요" in row.inner_text()
    assert _no_horizontal_scroll(member)
    row.get_by_role("link", name="답하기").click()

    # by keyboard: the radio, the kind, the description, the step-aside box, then 저장
    member.get_by_label("있음").focus()
    member.keyboard.press("Space")
    member.get_by_label("이해관계 종류").select_option("adviser")
    member.get_by_label("내용").fill("제안 단체에 자문 제공 중")
    member.get_by_label("이 안건에서 회피를 신청합니다").focus()
    member.keyboard.press("Space")
    member.get_by_role("button", name="저장").focus()
    member.keyboard.press("Enter")
    member.wait_for_url(f"**/meetings/{item.meeting_id}/interests/mine/")
    answer = member.get_by_test_id(f"interest-item-{item.pk}").inner_text()
    assert "제안 단체에 자문 제공 중" in answer and "회피 신청" in answer
    assert _no_horizontal_scroll(member)
    phone.close()

    office = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", base_url=live_server.url)
    secretary = office.new_page()
    secretary.set_default_timeout(10_000)
    _log_in(secretary, "secretary")
    secretary.goto(f"/meetings/{item.meeting_id}/")
    secretary.get_by_role("link", name="이해충돌 현황").click()
    section = secretary.get_by_test_id(f"overview-item-{item.pk}")
    assert "제안 단체에 자문 제공 중" in section.inner_text()
    mine = InterestDeclaration.objects.get(item=item, description="제안 단체에 자문 제공 중")
    section.get_by_test_id(f"declaration-{mine.pk}").get_by_role("link", name="회피 기록").click()
    assert "회피로 기록합니다" in secretary.get_by_test_id("confirm-what").inner_text()
    secretary.get_by_role("button", name="회피 기록").click()
    assert "회피를 기록했습니다." in secretary.content()
    office.close()

    recusal = Recusal.objects.get(
        item=item, kind="avoidance", declaration__description="제안 단체에 자문 제공 중"
    )
    eligible = selectors.vote_context(item.meeting, item, item.meeting.starts_at)["eligible"]
    assert recusal.membership_id not in eligible
