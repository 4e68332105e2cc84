"""Named votes, elections and written resolutions through the screens; the status flow (no 'held'
without a notice) and the e-mail to members when the minutes are approved."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from committees.models import Membership
from meetings import rules, services
from meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
    NamedBallot,
    Vote,
    WrittenAnswer,
    WrittenResolution,
)
from meetings.selectors.voting import WRITTEN_SHOWN_AFTER_COUNT
from seongdong_gov.mail import absolute_url
from tests import factories
from tests.outbox import run_worker

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()


def _body_with_members(n, *, users=0, **body_fields):
    body = factories.BodyFactory(**body_fields)
    group = factories.seat_group(body, count=n)
    members, accounts = [], []
    for i in range(n):
        person = factories.PersonFactory()
        members.append(
            factories.appoint(
                group,
                person,
                start=TODAY - dt.timedelta(days=10),
                end=TODAY + dt.timedelta(days=700),
                reason="테스트",
            )
        )
        if i < users:
            user = factories.UserFactory(username=f"w{i}")
            person.user = user
            person.save()
            accounts.append(user)
    return body, members, accounts


def _meeting(body, *, kind="resolution", published=True, days=30, held=False):
    """A meeting `days` ahead; `held`: yesterday's, held, where votes and elections may be recorded."""
    days = -1 if held else days
    starts = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(16, 0), tzinfo=SEOUL)
    m = services.meeting_create(
        actor=None,
        meeting=Meeting(title="정기회의", starts_at=starts, ends_at=starts + dt.timedelta(hours=2)),
        bodies=[body],
    )
    m.agenda_published = published
    if held:
        m.status = Meeting.Status.HELD
    m.save()
    item = AgendaItem.objects.create(meeting=m, order=1, kind=kind, title="주요 안건")
    return m, item


def _attend(meeting, members, times=None):
    times = times or {}
    for i, ms in enumerate(members):
        services.attendance_record(
            actor=None, meeting=meeting, membership=ms, status="present", **times.get(i, {})
        )


# --- rules: written resolutions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kw", "passed", "required", "label"),
    [
        # 15 in office: 8 yes (a majority of 재적) pass, whatever the others do.
        (dict(yes=8, no=7, abstain=0, enrolled=15, eligible=15), True, 8, "가결"),
        # 7 yes and nobody against still fails: a member who does not answer is not a yes.
        (dict(yes=7, no=0, abstain=0, enrolled=15, eligible=15), False, 8, "부결"),
        # Abstentions are answers but not yes.
        (dict(yes=7, no=1, abstain=7, enrolled=15, eligible=15), False, 8, "부결"),
        # A recused member stays in 재적 (13 may answer, 8 still needed).
        (dict(yes=8, no=5, abstain=0, enrolled=15, eligible=13), True, 8, "가결"),
        # Tie short of the majority: 부결 (가부동수), no casting vote in writing.
        (dict(yes=4, no=4, abstain=0, enrolled=12, eligible=12), False, 7, "부결 (가부동수)"),
    ],
)
def test_written_outcome_is_a_majority_of_enrolled(kw, passed, required, label):
    out = rules.written_outcome(decision_rule="present_majority", **kw)
    assert (out.passed, out.required, out.label) == (passed, required, label)


def test_written_outcome_two_thirds_of_enrolled_and_refusals():
    out = rules.written_outcome(
        yes=9, no=0, abstain=0, enrolled=15, eligible=15, decision_rule="two_thirds_present"
    )
    assert (out.passed, out.required) == (False, 10)
    with pytest.raises(rules.VoteError, match="응답 수\\(6\\)가 응답 가능한 위원 수\\(5\\)"):
        rules.written_outcome(
            yes=6, no=0, abstain=0, enrolled=15, eligible=5, decision_rule="present_majority"
        )
    with pytest.raises(rules.VoteError, match="0 이상"):
        rules.written_outcome(
            yes=-1, no=0, abstain=0, enrolled=5, eligible=5, decision_rule="present_majority"
        )


# --- status flow and minutes e-mail -------------------------------------------------------------


def test_meeting_cannot_be_held_without_a_notice(login, mailoutbox):
    body, _members, _ = _body_with_members(3)
    m, _item = _meeting(body, days=-1)  # started: only the missing notice stands in the way
    with pytest.raises(ValidationError, match="소집 통지를 하지 않은 회의는"):
        services.meeting_mark_held(actor=None, meeting=m)
    client = login(factories.staff_user())
    response = client.post(reverse("meetings:status", args=[m.pk, "held"]), follow=True)
    assert "먼저 소집 통지를 하세요" in response.content.decode()
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.PLANNED
    client.post(reverse("meetings:status", args=[m.pk, "notice"]))
    client.post(reverse("meetings:status", args=[m.pk, "held"]))
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.HELD


def test_members_get_an_email_when_minutes_are_approved(db, mailoutbox):
    body, members, _ = _body_with_members(3)
    _outsider_body, outsiders, _ = _body_with_members(1)
    m, _item = _meeting(body, days=-1)
    services.meeting_send_notice(actor=None, meeting=m)
    services.meeting_mark_held(actor=None, meeting=m)
    minutes = services.minutes_save(actor=None, meeting=m, remarks="요지", is_public=True)
    mailoutbox.clear()
    run_worker()  # the notice
    mailoutbox.clear()
    services.minutes_approve(actor=None, minutes=minutes)
    run_worker()
    assert len(mailoutbox) == 3  # one per member
    assert all(mail.subject.startswith("[회의록 승인] 정기회의") for mail in mailoutbox)
    assert sorted(mail.to for mail in mailoutbox) == sorted([ms.person.email] for ms in members)
    assert all(outsiders[0].person.email not in mail.to for mail in mailoutbox)
    assert all(absolute_url(reverse("meetings:minutes", args=[m.pk])) in mail.body for mail in mailoutbox)
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.APPROVED


# --- named votes ---------------------------------------------------------------------------------


def test_named_vote_through_the_screen(login):
    body, members, _ = _body_with_members(6)
    m, item = _meeting(body, held=True)
    # members[4] arrives at 17:00, members[5] is absent; members[3] is recused on the item.
    _attend(m, members[:5], {4: {"arrived": dt.time(17, 0)}})
    services.recusal_add(actor=None, item=item, membership=members[3], reason="이해관계")
    client = login(factories.staff_user())
    url = reverse("meetings:vote_named", args=[m.pk])
    page = client.get(url, {"item": item.pk, "taken": "16:30"}).content.decode()
    # 재적 6, present at 16:30: 4 (the late arrival not yet), eligible: 3 (the recused one excluded).
    assert "재적 6 · 표결 시점 출석 4 · 표결 가능 3" in page
    for ms in members[:3]:
        assert f'name="v-b_{ms.pk}"' in page
    for ms in members[3:]:
        assert f'name="v-b_{ms.pk}"' not in page
    base = {"v-item": item.pk, "v-taken": "16:30"}
    # A choice missing: refused, nothing stored.
    response = client.post(url, {**base, f"v-b_{members[0].pk}": "yes", f"v-b_{members[1].pk}": "no"})
    assert "찬성·반대·기권 중 하나를 고르세요." in response.content.decode()
    # A ballot for the absent member: refused with the service's message, nothing stored.
    ballots = {f"v-b_{members[0].pk}": "yes", f"v-b_{members[1].pk}": "yes", f"v-b_{members[2].pk}": "no"}
    response = client.post(url, {**base, **ballots, f"v-b_{members[5].pk}": "no"})
    assert "표결 시점에 출석하지 않았거나 회피한 위원의 표가 있습니다." in response.content.decode()
    assert not Vote.objects.filter(item=item).exists()
    # Valid: 2 yes, 1 no of 3 voting → 가결 (2 ≥ 2), computed, and shown after the redirect.
    response = client.post(url, {**base, **ballots}, follow=True)
    vote = Vote.objects.get(item=item)
    assert (vote.method, vote.yes, vote.no, vote.voting, vote.present, vote.passed) == (
        "named",
        2,
        1,
        3,
        4,
        True,
    )
    assert 'data-testid="outcome">가결<' in response.content.decode()
    assert dict(NamedBallot.objects.filter(vote=vote).values_list("membership_id", "choice")) == {
        members[0].pk: "yes",
        members[1].pk: "yes",
        members[2].pk: "no",
    }
    detail = client.get(reverse("meetings:detail", args=[m.pk])).content.decode()
    assert f"{members[2].person.name} 반대" in detail


def test_named_vote_without_quorum_at_that_moment_is_refused(login):
    body, members, _ = _body_with_members(5)
    m, item = _meeting(body, held=True)
    _attend(m, members[:3], {0: {"left": dt.time(16, 20)}})
    client = login(factories.staff_user())
    url = reverse("meetings:vote_named", args=[m.pk])
    page = client.get(url, {"item": item.pk, "taken": "16:30"}).content.decode()
    assert "의사정족수(3명)에 미달합니다" in page
    response = client.post(
        url,
        {"v-item": item.pk, "v-taken": "16:30", f"v-b_{members[1].pk}": "yes", f"v-b_{members[2].pk}": "yes"},
    )
    assert "의사정족수(3명)에 미달하여 표결할 수 없습니다." in response.content.decode()
    assert not Vote.objects.exists()


# --- elections -----------------------------------------------------------------------------------


def test_election_through_the_screen_records_the_role(login):
    body, members, _ = _body_with_members(5)
    m, item = _meeting(body, kind="election", held=True)
    _attend(m, members)
    client = login(factories.staff_user())
    url = reverse("meetings:election", args=[m.pk])
    base = {"item": item.pk, "role": Membership.Role.CO_CHAIR_CIVIL, "taken": "16:40"}
    # No majority (2–2 of 5 voting): refused, no role recorded.
    response = client.post(url, {**base, f"c_{members[0].pk}": 2, f"c_{members[1].pk}": 2})
    assert "과반수(3표) 득표자가 없습니다. 다시 투표하세요." in response.content.decode()
    # More ballots than voters: refused.
    response = client.post(url, {**base, f"c_{members[0].pk}": 4, f"c_{members[1].pk}": 2})
    assert "득표 합계(6)가 투표 가능 인원(5)보다 많습니다." in response.content.decode()
    # No candidate at all.
    response = client.post(url, base)
    assert "후보자의 득표 수를 한 명 이상 적으세요." in response.content.decode()
    assert Membership.objects.get(pk=members[1].pk).role == Membership.Role.MEMBER
    response = client.post(url, {**base, f"c_{members[0].pk}": 1, f"c_{members[1].pk}": 4}, follow=True)
    assert Membership.objects.get(pk=members[1].pk).role == Membership.Role.CO_CHAIR_CIVIL
    assert Membership.objects.get(pk=members[0].pk).role == Membership.Role.MEMBER
    page = response.content.decode()
    assert f'data-testid="winner">{members[1].person.name}<' in page
    # Recording it a second time is refused.
    response = client.post(url, {**base, f"c_{members[0].pk}": 5})
    assert "이미 기록되었습니다" in response.content.decode()
    assert Membership.objects.get(pk=members[0].pk).role == Membership.Role.MEMBER


def test_election_candidate_rows_show_each_member_escaped_and_a_reshown_post(login):
    """The candidate rows (written in Python, meetings.markup): one labelled input a member in seat
    order, the member's name escaped and the office named; a re-shown POST keeps each value entered and
    marks only the invalid field, with its message."""
    body, members, _ = _body_with_members(3)
    members[0].person.name = '<b>&"'
    members[0].person.save()
    members[1].role = Membership.Role.CHAIR
    members[1].save()
    m, item = _meeting(body, kind="election", held=True)
    client = login(factories.staff_user())
    url = reverse("meetings:election", args=[m.pk])
    page = client.get(url).content.decode()
    rows = page[page.index('data-testid="candidates"') :]
    a, b, c = (ms.pk for ms in members)
    assert rows.count("<tr>") == 4  # the heading and a member each
    assert (
        f'<tr><th scope="row" class="fw-normal"><label for="id_c_{a}">&lt;b&gt;&amp;&quot; '
        f"({body.name}) 득표</label></th>\n"
        f'        <td><input type="number" name="c_{a}" id="id_c_{a}" value="" min="0" max="1000"'
        ' class="form-control form-control-sm"></td></tr>'
    ) in rows
    assert f'<label for="id_c_{b}">{members[1].person.name} ({body.name} · 위원장) 득표</label>' in rows
    assert rows.index(f'id="id_c_{a}"') < rows.index(f'id="id_c_{b}"') < rows.index(f'id="id_c_{c}"')
    assert "<b>" not in rows
    base = {"item": item.pk, "role": Membership.Role.CO_CHAIR_CIVIL, "taken": "16:40"}
    page = client.post(url, {**base, f"c_{a}": "2", f"c_{b}": "-1", f"c_{c}": '"x'}).content.decode()
    assert (
        f'name="c_{a}" id="id_c_{a}" value="2" min="0" max="1000" class="form-control form-control-sm">'
        in page
    )
    assert (
        f'name="c_{b}" id="id_c_{b}" value="-1" min="0" max="1000" class="form-control form-control-sm'
        f' is-invalid" aria-invalid="true" aria-describedby="id_c_{b}_error"><div id="id_c_{b}_error"'
        ' class="invalid-feedback">0 이상의 값을 입력해 주세요.</div>'
    ) in page
    assert 'value="&quot;x" min="0" max="1000" class="form-control form-control-sm is-invalid"' in page
    assert f'<div id="id_c_{c}_error" class="invalid-feedback">정수를 입력하세요.</div>' in page
    assert not Membership.objects.filter(role=Membership.Role.CO_CHAIR_CIVIL).exists()


# --- written resolutions ---------------------------------------------------------------------------


def test_written_resolution_refused_where_the_body_does_not_allow_it(login):
    body, _members, _ = _body_with_members(3)
    m, item = _meeting(body)
    deadline = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ValidationError, match="서면의결을 허용하지 않습니다"):
        services.written_open(actor=None, item=item, deadline=deadline)
    client = login(factories.staff_user())
    url = reverse("meetings:written_open", args=[m.pk])
    assert "서면의결을 허용하지 않습니다" in client.get(url).content.decode()
    response = client.post(
        url, {"item": item.pk, "deadline": timezone.localtime(deadline).strftime("%Y-%m-%dT%H:%M")}
    )
    assert "서면의결을 허용하지 않습니다" in response.content.decode()
    assert not WrittenResolution.objects.exists()


def test_written_resolution_answered_in_the_portal_and_counted_after_the_deadline(login, mailoutbox):
    body, members, users = _body_with_members(5, users=3, allows_written_resolution=True)
    m, item = _meeting(body)
    services.recusal_add(actor=None, item=item, membership=members[4], reason="이해관계")
    staff = factories.staff_user()
    client = login(staff)
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    response = client.post(
        reverse("meetings:written_open", args=[m.pk]),
        {"item": item.pk, "deadline": deadline.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    resolution = WrittenResolution.objects.get(item=item)
    assert resolution.deadline == deadline
    # The four members who may answer are told; the recused one is not.
    run_worker()
    written = [mail for mail in mailoutbox if mail.subject.startswith("[서면의결")]
    assert sorted(mail.to for mail in written) == sorted([ms.person.email] for ms in members[:4])
    # A second request on the same item is refused.
    response = client.post(
        reverse("meetings:written_open", args=[m.pk]),
        {"item": item.pk, "deadline": deadline.strftime("%Y-%m-%dT%H:%M")},
    )
    assert "이미 요청되었습니다" in response.content.decode()
    # Counting before the deadline is refused.
    response = client.post(reverse("meetings:written_count", args=[resolution.pk]), follow=True)
    assert "전에는 집계할 수 없습니다" in response.content.decode()

    # Members answer in the portal; the first changes their mind before the deadline.
    answer_url = reverse("meetings:written_answer", args=[resolution.pk])
    portal = login(users[0]).get(reverse("meetings:portal")).content.decode()
    assert "응답 필요" in portal and answer_url in portal
    for user, choice in [(users[0], "no"), (users[0], "yes"), (users[1], "yes"), (users[2], "abstain")]:
        login(user).post(answer_url, {"choice": choice})
    assert "내 응답: 찬성" in login(users[0]).get(reverse("meetings:portal")).content.decode()
    assert WrittenAnswer.objects.filter(resolution=resolution).count() == 3
    assert WrittenAnswer.objects.get(membership=members[0]).choice == "yes"
    response = login(users[0]).post(answer_url, {})
    assert "찬성·반대·기권 중 하나를 고르세요." in response.content.decode()
    # The deadline passes: no more answers; then the count (issue 10 §3: the recused member is out of
    # the base, 재적 5 − 1 = 4 → 3 yes needed; 2 yes → 부결 with its reason).
    WrittenResolution.objects.filter(pk=resolution.pk).update(
        opened_at=timezone.now() - dt.timedelta(days=4), deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    response = login(users[1]).post(answer_url, {"choice": "no"})
    assert "이 지나 응답할 수 없습니다." in response.content.decode()
    assert WrittenAnswer.objects.get(membership=members[1]).choice == "yes"
    client = login(staff)
    client.post(reverse("meetings:written_count", args=[resolution.pk]))
    resolution.refresh_from_db()
    assert (resolution.enrolled, resolution.eligible, resolution.yes, resolution.no, resolution.abstain) == (
        5,
        4,
        2,
        0,
        1,
    )
    assert (resolution.required, resolution.passed, resolution.outcome_label) == (
        3,
        False,
        "부결: 재적 과반수 찬성 미달",
    )
    detail = client.get(reverse("meetings:detail", args=[m.pk])).content.decode()
    assert "서면의결" in detail and "재적 5 · 찬성 2 · 반대 0 · 기권 1" in detail
    response = client.post(reverse("meetings:written_count", args=[resolution.pk]), follow=True)
    assert "이미 집계한 서면의결입니다." in response.content.decode()
    # The member's portal shows the outcome while it is recent; a counted resolution whose deadline is
    # older than WRITTEN_SHOWN_AFTER_COUNT leaves the list (it would grow with the years) but its page,
    # with the outcome, stays reachable by its link.
    member = login(users[0])
    assert "부결: 재적 과반수 찬성 미달" in member.get(reverse("meetings:portal")).content.decode()
    long_ago = timezone.now() - WRITTEN_SHOWN_AFTER_COUNT - dt.timedelta(days=1)
    WrittenResolution.objects.filter(pk=resolution.pk).update(
        opened_at=long_ago - dt.timedelta(days=4), deadline=long_ago
    )
    assert answer_url not in member.get(reverse("meetings:portal")).content.decode()
    page = member.get(answer_url)
    assert page.status_code == 200 and "부결: 재적 과반수 찬성 미달" in page.content.decode()


def test_written_answer_page_is_only_for_members_who_may_answer(login):
    body, members, users = _body_with_members(3, users=2, allows_written_resolution=True)
    _m, item = _meeting(body)
    services.recusal_add(actor=None, item=item, membership=members[1], reason="이해관계")
    resolution = services.written_open(actor=None, item=item, deadline=timezone.now() + dt.timedelta(days=2))
    url = reverse("meetings:written_answer", args=[resolution.pk])
    assert "찬성" in login(users[0]).get(url).content.decode()
    # in reach (they see the meeting) but may not answer: 403, the one scoping rule
    assert login(users[1]).get(url).status_code == 403  # recused on the item
    assert login(factories.staff_user()).get(url).status_code == 403  # staff count, they do not answer
    with pytest.raises(ValidationError, match="응답할 수 있는 위원이 아닙니다"):
        services.written_answer(actor=None, resolution=resolution, membership=members[1], choice="yes")
