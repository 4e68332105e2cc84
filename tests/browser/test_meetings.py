import datetime as dt

from playwright.sync_api import expect

from meetings.models import Meeting, MeetingSeries


def test_secretary_records_attendance_and_vote_and_sees_outcome(sitting_meeting, log_in, page):
    meeting = sitting_meeting
    item = meeting.items.get(kind="resolution")
    votes_before = item.votes.count()
    log_in("secretary")
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    # Mark the first member who is marked present as absent: the quorum panel must drop by one.
    first_status = page.locator("select[name$='-status']").first
    before = int(meeting.attendances.filter(status="present").count())
    first_status.select_option("absent")
    page.get_by_role("button", name="저장").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    present = int(page.get_by_test_id("present").inner_text())
    assert present == before - 1 and present >= 8
    page.goto(f"/meetings/{meeting.pk}/votes/new/")
    page.get_by_label("안건").select_option(str(item.pk))
    page.get_by_label("표결 방법").select_option("secret")
    page.get_by_label("표결 시각").fill("17:10")
    page.get_by_role("spinbutton", name="찬성").fill("3")
    page.get_by_label("반대").fill(str(present - 3))
    page.get_by_label("기권").fill("0")
    page.get_by_role("button", name="표결 기록").click()
    # the label gives the reason (issue 10 §3), not only the result
    assert page.get_by_test_id("outcome").inner_text() == "부결: 출석위원 과반수 찬성 미달"
    # More votes than members present is refused with a message, and nothing is stored. The page came
    # back from the redirect with a fresh form (a new one-time key), so the vote is entered again.
    page.get_by_label("안건").select_option(str(item.pk))
    page.get_by_label("표결 방법").select_option("secret")
    page.get_by_label("표결 시각").fill("17:10")
    page.get_by_role("spinbutton", name="찬성").fill(str(present + 1))
    page.get_by_label("반대").fill("0")
    page.get_by_role("button", name="표결 기록").click()
    # expect() waits for the re-rendered form; is_visible() would read the page before the answer arrives
    expect(
        page.get_by_text(f"투표 수({present + 1})가 표결 가능한 출석위원 수({present})보다 많습니다.")
    ).to_be_visible()
    votes = list(item.votes.order_by("taken_at"))
    assert len(votes) == votes_before + 1
    assert (votes[-1].yes, votes[-1].no, votes[-1].passed) == (3, present - 3, False)
    assert votes[-1].taken_at.astimezone(dt.timezone(dt.timedelta(hours=9))).time() == dt.time(17, 10)


def test_member_sees_published_agenda_and_not_a_draft(demo_live, log_in, page):
    published = Meeting.objects.get(title="추진운영위원회 2016년 1분기 정기회의")
    draft = MeetingSeries.objects.get(name="추진운영위원 회의 (분기)").meetings.order_by("starts_at").first()
    assert draft.items.exists() and not draft.agenda_published
    log_in("member")
    page.goto(f"/meetings/{published.pk}/")
    expect(page.get_by_role("cell", name="2016년 찾아가는 동 주민센터 추진계획(안)")).to_be_visible()
    page.goto(f"/meetings/{draft.pk}/")
    expect(page.get_by_text("공개된 안건이 없습니다.")).to_be_visible()
    expect(page.get_by_text("동 복지허브화 확대 방안(초안)")).to_have_count(0)
    # The secretary publishes it; now the member sees it.
    page.context.clear_cookies()
    log_in("secretary")
    page.goto(f"/meetings/{draft.pk}/")
    with page.expect_navigation():  # the POST must land before the session is dropped
        page.get_by_role("button", name="안건 공개").click()
    page.context.clear_cookies()
    log_in("member")
    page.goto(f"/meetings/{draft.pk}/")
    expect(page.get_by_text("동 복지허브화 확대 방안(초안)")).to_be_visible()


def test_moved_occurrence_shows_its_reason(demo_live, log_in, page):
    moved = Meeting.objects.get(series__name="사업성과 회의", original_date=dt.date(2016, 2, 10))
    log_in("staff")
    page.goto(f"/meetings/{moved.pk}/")
    assert page.get_by_test_id("moved").inner_text() == "2016. 2. 10. 설날 대체 휴일 → 변경"


def test_secretary_records_a_named_vote_and_sees_each_choice(sitting_meeting, log_in, page):
    from meetings import services
    from meetings.models import NamedBallot

    meeting = sitting_meeting
    item = meeting.items.get(kind="resolution")
    roster = services.vote_roster(meeting, item, dt.time(17, 30))
    eligible = roster["eligible"]
    assert len(eligible) >= 5
    log_in("secretary")
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="기명 표결").click()
    page.get_by_label("안건", exact=False).and_(page.locator("select")).select_option(str(item.pk))
    page.locator("input[type=time][name=taken]").fill("17:30")
    page.get_by_role("button", name="표결 가능 위원 불러오기").click()
    assert page.get_by_test_id("roster").inner_text().endswith(f"표결 가능 {len(eligible)}")
    # Leave the last member without a choice: refused with a Korean message, nothing stored.
    no_voter = eligible[0]
    for m in eligible[1:-1]:
        page.locator(f"input[name='v-b_{m.pk}'][value='yes']").check()
    page.locator(f"input[name='v-b_{no_voter.pk}'][value='no']").check()
    page.get_by_role("button", name="기명 표결 기록").click()
    expect(page.get_by_text("찬성·반대·기권 중 하나를 고르세요.")).to_be_visible()
    assert not item.votes.filter(method="named").exists()
    page.locator(f"input[name='v-b_{eligible[-1].pk}'][value='abstain']").check()
    page.get_by_role("button", name="기명 표결 기록").click()
    yes = len(eligible) - 2
    expected = "가결" if yes >= len(eligible) // 2 + 1 else "부결"
    assert page.get_by_test_id("outcome").inner_text() == expected
    vote = item.votes.get(method="named")
    assert (vote.yes, vote.no, vote.abstain) == (yes, 1, 1)
    assert NamedBallot.objects.get(vote=vote, membership=no_voter).choice == "no"
    assert f"{no_voter.person.name}: 반대" in page.get_by_test_id("named-ballots").inner_text()
