import datetime as dt

from meetings.models import Meeting


def test_secretary_records_attendance_and_vote_and_sees_outcome(demo_live, log_in, page):
    meeting = Meeting.objects.get(title="추진운영위원회 2016년 1분기 정기회의")
    item = meeting.items.get(kind="resolution")
    log_in("secretary")
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    page.get_by_role("button", name="저장").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    present = int(page.get_by_test_id("present").inner_text())
    assert present >= 8
    page.goto(f"/meetings/{meeting.pk}/votes/new/")
    page.get_by_label("안건").select_option(str(item.pk))
    page.get_by_label("표결 방법").select_option("secret")
    page.get_by_label("표결 시각").fill("17:10")
    page.get_by_label("찬성").fill("3")
    page.get_by_label("반대").fill(str(present - 3))
    page.get_by_label("기권").fill("0")
    page.get_by_role("button", name="표결 기록").click()
    assert page.get_by_test_id("outcome").inner_text() == "부결"
    assert item.votes.filter(taken_at__time=dt.time(8, 10)).exists() or item.votes.count() == 2
