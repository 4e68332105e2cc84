import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from committees.models import Body, Membership, Post


def test_member_reads_steering_committee_composition(demo_live, log_in):
    page = log_in("member")
    expect(page.get_by_role("heading", name="위원 홈")).to_be_visible()
    page.get_by_role("link", name="기구", exact=True).click()
    page.get_by_role("link", name="추진운영위원회").click()
    expect(page.locator("#composition-summary")).to_contain_text("정원 15명 (당연직 7, 위촉직 8)")
    table = page.locator("#composition")
    expect(table.locator("tbody tr")).to_have_count(15)
    expect(table).to_contain_text("직위: 행정관리국장")
    expect(table).to_contain_text("복지·보건·마을 · 민간협의체 추천")
    # a member sees no contact column
    expect(table.get_by_role("columnheader", name="연락처")).to_have_count(0)


def test_staff_records_personnel_move_and_seat_follows(demo_live, log_in):
    post = Post.objects.get(name="행정관리국장")
    steering = Body.objects.get(name="추진운영위원회")
    old = Membership.objects.get(body=steering, seat__group__post=post, end__isnull=True)
    move_on = timezone.localdate() + dt.timedelta(days=6)  # a move announced for next week
    last_day = move_on - dt.timedelta(days=1)
    page = log_in("staff")
    page.goto(f"/org/posts/{post.pk}/")
    page.get_by_role("link", name="인사 발령").click()
    # the person picker (issue 14): typing searches as you go (htmx), the matches come as radio buttons
    page.wait_for_load_state()  # htmx starts at load: typing before that would not search
    page.get_by_label("새 재직자").fill("주무관 데")
    page.get_by_label("새 재직자").press("Enter")  # Enter in the search box searches in place, saves nothing
    expect(page.get_by_test_id("picker-status")).to_contain_text("검색 결과")
    page.get_by_role("radio", name=re.compile(r"^주무관 데모")).check()
    page.get_by_label("발령일").fill(move_on.isoformat())
    page.get_by_label("발령일").press("Enter")  # Enter in another field saves the form, not a search
    expect(page.locator(".alert-success")).to_contain_text("당연직 좌석이 함께 옮겨졌습니다")
    expect(page.locator("#holdings tbody tr").first).to_contain_text("주무관 데모")
    page.goto(f"/bodies/{steering.pk}/")
    # the move is in the future: today the seat is still the old holder's; the history is on the person page
    page.goto(f"/people/{old.person_id}/")
    expect(page.locator("main")).to_contain_text(
        re.compile(rf"{last_day.year}\. {last_day.month}\. {last_day.day}\.")
    )
    old.refresh_from_db()
    assert old.end == last_day
    assert old.end_reason == "인사 발령"
    new = Membership.objects.get(body=steering, seat=old.seat, start=move_on)
    assert new.person.name == "주무관 데모"
