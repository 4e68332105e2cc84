"""Electronic votes (전자 투표, issue 15 §2): the box opens on a sitting meeting, members present and not
recused vote from their own devices, closing records the Vote by the same rules as a typed-in vote; secret
ballots hold no member and no time and are gone after the close."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from committees.models import Membership
from meetings import rules, selectors, services
from meetings.models import (
    AgendaItem,
    Attendance,
    BallotBox,
    ElectronicBallot,
    Meeting,
    NamedBallot,
    SecretBallot,
    Vote,
    VoterMark,
)
from meetings.selectors.record import record_build
from meetings.views.evoting import RECEIPT_SALT, receipt_cookie
from seongdong_gov.models import AuditEntry
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=3)
CHAIR_IF_NOT_VOTED = {"tie_rule": "chair_decides", "casting_vote_rule": "if_not_voted"}


def _sitting(n_enrolled, n_present, *, recused=0, chair=False, status=Meeting.Status.HELD, on=PAST, **rules):
    """A body of `n_enrolled`, a meeting (held, 16:00 three days ago) with the first `n_present` marked
    present and the first `recused` of them recused on its one resolution item."""
    body = factories.BodyFactory(gender_balance_applies=False, **rules)
    group = factories.seat_group(body, count=n_enrolled)
    members = [
        factories.appoint(
            group,
            factories.PersonFactory(name=f"위원{i + 1:03d}"),
            start=PAST - dt.timedelta(days=100),
            end=PAST + dt.timedelta(days=600),
            reason="테스트",
            role=Membership.Role.CHAIR if chair and i == 0 else Membership.Role.MEMBER,
        )
        for i in range(n_enrolled)
    ]
    starts = dt.datetime.combine(on, dt.time(16, 0), tzinfo=SEOUL)
    meeting = Meeting.objects.create(
        title="제1차 회의",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        uid=f"evote-{body.pk}",
        status=status,
        host_body=body,
    )
    meeting.bodies.add(body)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=m, status="present") for m in members[:n_present]
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, kind="resolution", title="조례안")
    for ms in members[:recused]:
        services.recusal_add(actor=None, item=item, membership=ms, reason="이해관계")
    return item, members


def _cast_all(box, members, choices):
    receipts = []
    for m, c in zip(members, choices, strict=True):
        receipts.append(services.ballot_cast(actor=None, box=box, membership=m, choice=c).receipt)
    return receipts


def _leave(item, membership, minutes_ago=1):
    Attendance.objects.filter(meeting=item.meeting, membership=membership).update(
        left_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )


# --- secrecy by construction -------------------------------------------------------------------------


def test_secret_ballot_and_voter_mark_store_no_link(db):
    """The stored rows: a SecretBallot has no member, no user and no time; a VoterMark no ballot and no
    time; after the close no secret ballot remains, only the totals and who voted."""
    ballot_fields = {f.name: f for f in SecretBallot._meta.concrete_fields}
    assert set(ballot_fields) == {"id", "box", "choice", "receipt_digest"}
    assert not any(isinstance(f, models.DateField | models.TimeField) for f in ballot_fields.values())
    assert {f.related_model for f in ballot_fields.values() if f.is_relation} == {BallotBox}
    assert isinstance(ballot_fields["id"], models.UUIDField)  # no insertion order in the key
    mark_fields = {f.name: f for f in VoterMark._meta.concrete_fields}
    assert set(mark_fields) == {"id", "box", "membership"}
    assert {f.related_model for f in mark_fields.values() if f.is_relation} == {BallotBox, Membership}

    item, members = _sitting(5, 5)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    receipts = _cast_all(box, members[:4], ["yes", "yes", "no", "abstain"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {SecretBallot._meta.db_table}")
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    assert sorted(columns) == ["box_id", "choice", "id", "receipt_digest"]
    assert sorted(r[columns.index("choice")] for r in rows) == ["abstain", "no", "yes", "yes"]
    # the receipts themselves are nowhere on the server: only their digests
    assert not SecretBallot.objects.filter(receipt_digest__in=receipts).exists()
    assert SecretBallot.objects.filter(receipt_digest=selectors.receipt_digest(receipts[0])).exists()
    # a secret cast leaves no audit entry that would time-stamp the voter next to the ballot
    assert not AuditEntry.objects.filter(action="evote_cast").exists()

    vote = services.ballot_box_close(actor=None, box=box)
    assert (vote.method, vote.electronic, vote.yes, vote.no, vote.abstain) == ("secret", True, 2, 1, 1)
    assert SecretBallot.objects.count() == 0
    assert set(VoterMark.objects.filter(box=box).values_list("membership_id", flat=True)) == {
        m.pk for m in members[:4]
    }
    assert not NamedBallot.objects.filter(vote=vote).exists()


# --- outcome by the same rules -----------------------------------------------------------------------

OUTCOME_CASES = [
    # (method, rules, enrolled, present, choices, chair, casting, label)
    ("named", {}, 5, 5, ["yes", "yes", "yes", "no", "no"], False, None, "가결"),
    ("secret", {}, 5, 5, ["yes", "yes", "no", "abstain", "abstain"], False, None, "부결: 출석위원 과반수 찬성 미달"),
    ("secret", {"decision_rule": "enrolled_majority"}, 9, 6, ["yes"] * 4 + ["no"] * 2, False, None,
     "부결: 재적 과반수 찬성 미달"),
    # the chair voted (a mark, or a named ballot), so under "if not voted" a tie fails
    ("named", CHAIR_IF_NOT_VOTED, 4, 4, ["yes", "yes", "no", "no"], True, True, "부결 (가부동수)"),
    ("secret", CHAIR_IF_NOT_VOTED, 4, 4, ["yes", "yes", "no", "no"], True, True, "부결 (가부동수)"),
    # the chair did not vote: the casting vote decides
    ("secret", CHAIR_IF_NOT_VOTED, 5, 5, [None, "yes", "yes", "no", "no"], True, True,
     "가결 (가부동수, 위원장 결정)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "body_rules", "enrolled", "present", "choices", "chair", "casting", "label"), OUTCOME_CASES
)
def test_close_outcome_is_the_rules_outcome(
    db, method, body_rules, enrolled, present, choices, chair, casting, label
):
    item, members = _sitting(enrolled, present, chair=chair, **body_rules)
    box = services.ballot_box_open(actor=None, item=item, method=method)
    voters = [(m, c) for m, c in zip(members, choices, strict=False) if c]
    for m, c in voters:
        services.ballot_cast(actor=None, box=box, membership=m, choice=c)
    vote = services.ballot_box_close(actor=None, box=box, chair_casting=casting)
    cast = [c for _m, c in voters]
    body = item.meeting.host_body
    expected = rules.vote_result(
        yes=cast.count("yes"),
        no=cast.count("no"),
        abstain=cast.count("abstain"),
        enrolled=enrolled,
        present=present,
        voting=present,
        **rules.body_vote_rules(body),
        chair_voted=chair and choices[0] is not None,
        chair_casting=casting,
    )
    assert (vote.passed, vote.outcome_label, vote.required) == (expected.passed, label, expected.required)
    assert expected.label == label
    assert (vote.yes, vote.no, vote.abstain, vote.electronic) == (
        cast.count("yes"),
        cast.count("no"),
        cast.count("abstain"),
        True,
    )
    box.refresh_from_db()
    assert (box.vote, box.is_open) == (vote, False)
    if method == "named":
        assert dict(vote.ballots.values_list("membership_id", "choice")) == {m.pk: c for m, c in voters}


def test_tie_under_casting_rule_asks_for_the_chairs_decision(db):
    item, members = _sitting(5, 5, chair=True, **CHAIR_IF_NOT_VOTED)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    _cast_all(box, members[1:], ["yes", "yes", "no", "no"])
    with pytest.raises(ValidationError, match="위원장의 결정"):
        services.ballot_box_close(actor=None, box=box)
    assert BallotBox.objects.get(pk=box.pk).is_open  # nothing was recorded; close again with the decision
    assert services.ballot_box_close(actor=None, box=box, chair_casting=False).outcome_label == (
        "부결 (가부동수, 위원장 결정)"
    )


# --- who may vote ------------------------------------------------------------------------------------


def test_cast_refused_when_absent_recused_or_left(db):
    item, members = _sitting(5, 4, recused=1)
    box = services.ballot_box_open(actor=None, item=item, method="named")
    with pytest.raises(ValidationError, match="회피·제척되어"):
        services.ballot_cast(actor=None, box=box, membership=members[0], choice="yes")
    with pytest.raises(ValidationError, match="출석으로 기록된 위원만"):
        services.ballot_cast(actor=None, box=box, membership=members[4], choice="yes")
    _leave(item, members[1])
    with pytest.raises(ValidationError, match="퇴장으로 기록되어"):
        services.ballot_cast(actor=None, box=box, membership=members[1], choice="yes")
    with pytest.raises(ValidationError, match="찬성·반대·기권"):
        services.ballot_cast(actor=None, box=box, membership=members[2], choice="maybe")
    assert VoterMark.objects.count() == 0 and ElectronicBallot.objects.count() == 0


def test_named_ballot_changes_until_close_and_a_leaver_loses_it(db):
    item, members = _sitting(5, 5)
    box = services.ballot_box_open(actor=None, item=item, method="named")
    _cast_all(box, members, ["yes", "yes", "no", "no", "no"])
    changed = services.ballot_cast(actor=None, box=box, membership=members[2], choice="yes")
    assert changed.changed and changed.receipt is None
    _leave(item, members[4])  # left after voting: the ballot is dropped at the close
    vote = services.ballot_box_close(actor=None, box=box)
    assert (vote.yes, vote.no, vote.voting, vote.present) == (3, 1, 4, 4)
    assert members[4].pk not in set(vote.ballots.values_list("membership_id", flat=True))
    assert VoterMark.objects.filter(box=box).count() == 5  # who voted stays, what counted is the Vote
    with pytest.raises(ValidationError, match="투표가 마감되었습니다"):
        services.ballot_cast(actor=None, box=box, membership=members[0], choice="no")


def test_secret_vote_changes_only_with_its_receipt(db):
    item, members = _sitting(3, 3)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    receipt = services.ballot_cast(actor=None, box=box, membership=members[0], choice="no").receipt
    assert receipt and len(receipt) >= 40
    with pytest.raises(ValidationError, match="처음 투표한 기기에서만"):
        services.ballot_cast(actor=None, box=box, membership=members[0], choice="yes")
    with pytest.raises(ValidationError, match="처음 투표한 기기에서만"):
        services.ballot_cast(actor=None, box=box, membership=members[0], choice="yes", receipt="forged")
    again = services.ballot_cast(actor=None, box=box, membership=members[0], choice="yes", receipt=receipt)
    assert (again.changed, again.receipt) == (True, None)
    assert list(SecretBallot.objects.values_list("choice", flat=True)) == ["yes"]
    assert VoterMark.objects.filter(box=box).count() == 1
    vote = services.ballot_box_close(actor=None, box=box)
    assert (vote.yes, vote.no) == (1, 0)


def test_secret_box_with_a_voter_gone_cannot_close_until_voided_and_reopened(db):
    item, members = _sitting(5, 5)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    _cast_all(box, members[:3], ["yes", "yes", "no"])
    _leave(item, members[0])
    with pytest.raises(ValidationError, match="무효로 하고 다시 여세요"):
        services.ballot_box_close(actor=None, box=box)
    services.ballot_box_void(actor=None, box=box)
    box.refresh_from_db()
    assert box.discarded_at and not box.vote and SecretBallot.objects.count() == 0
    again = services.ballot_box_open(actor=None, item=item, method="secret")
    _cast_all(again, members[1:4], ["yes", "no", "no"])
    vote = services.ballot_box_close(actor=None, box=again)
    assert (vote.yes, vote.no, vote.present) == (1, 2, 4)
    assert list(
        AuditEntry.objects.filter(action__startswith="evote").order_by("pk").values_list("action", flat=True)
    ) == [
        "evote_open",
        "evote_void",
        "evote_open",
        "evote_close",
    ]


def test_close_refused_without_quorum_at_that_moment(db):
    item, members = _sitting(5, 3)  # a majority of 5 is 3
    box = services.ballot_box_open(actor=None, item=item, method="named")
    _cast_all(box, members[:3], ["yes", "yes", "yes"])
    _leave(item, members[2])
    with pytest.raises(ValidationError, match=r"출석\(2명\)이 의사정족수\(3명\)에 미달"):
        services.ballot_box_close(actor=None, box=box)
    assert not Vote.objects.exists()


def test_open_refused_before_the_sitting_on_a_decided_item_or_twice(db):
    item, _members = _sitting(3, 3, status=Meeting.Status.NOTICE_SENT, on=TODAY + dt.timedelta(days=5))
    with pytest.raises(ValidationError, match="할 수 없습니다"):
        services.ballot_box_open(actor=None, item=item, method="secret")
    item, _members = _sitting(3, 3)
    report = AgendaItem.objects.create(meeting=item.meeting, order=2, kind="report", title="보고")
    with pytest.raises(ValidationError, match="심의·의결 안건에서만"):
        services.ballot_box_open(actor=None, item=report, method="secret")
    services.ballot_box_open(actor=None, item=item, method="secret")
    with pytest.raises(ValidationError, match="이미 진행 중인"):
        services.ballot_box_open(actor=None, item=item, method="named")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        BallotBox.objects.create(item=item, method="named", opened_at=timezone.now())
    decided = AgendaItem.objects.create(meeting=item.meeting, order=3, kind="resolution", title="결정됨")
    factories.VoteFactory(item=decided)
    with pytest.raises(ValidationError, match="이미 표결 결과가 기록된"):
        services.ballot_box_open(actor=None, item=decided, method="secret")


def test_the_secretary_still_records_a_show_of_hands(db):
    item, _members = _sitting(3, 3)
    vote = services.vote_record(actor=None, item=item, method="show_of_hands", taken=dt.time(16, 30), yes=3)
    assert (vote.electronic, vote.method_label) == (False, "거수")


# --- query counts ------------------------------------------------------------------------------------


def test_a_cast_takes_a_few_queries(db, django_assert_max_num_queries):
    item, members = _sitting(4, 4)
    secret = services.ballot_box_open(actor=None, item=item, method="secret")
    other = AgendaItem.objects.create(meeting=item.meeting, order=2, kind="resolution", title="두 번째")
    named = services.ballot_box_open(actor=None, item=other, method="named")
    # savepoint, the box locked (with item and meeting), attendance + recusal, the mark looked up and
    # written, the ballot, release: 7; a named cast adds its audit entry (and, the first time in a
    # process, the content type of a ballot box)
    with django_assert_max_num_queries(7):
        receipt = services.ballot_cast(actor=None, box=secret, membership=members[0], choice="yes").receipt
    with django_assert_max_num_queries(6):
        services.ballot_cast(actor=None, box=secret, membership=members[0], choice="no", receipt=receipt)
    with django_assert_max_num_queries(9):
        services.ballot_cast(actor=None, box=named, membership=members[1], choice="yes")
    with django_assert_max_num_queries(8):
        services.ballot_cast(actor=None, box=named, membership=members[1], choice="no")


# --- pages -------------------------------------------------------------------------------------------


def _logins(members):
    return [factories.user_for(m.person) for m in members]


def test_member_votes_on_the_page_and_the_receipt_stays_on_the_device(db, client):
    item, members = _sitting(3, 3)
    users = _logins(members)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    client.force_login(users[0])
    portal = client.get(reverse("meetings:portal")).content.decode()
    assert reverse("meetings:ballot", args=[box.pk]) in portal and "조례안" in portal
    detail = client.get(reverse("meetings:detail", args=[item.meeting.pk])).content.decode()
    assert reverse("meetings:ballot", args=[box.pk]) in detail
    url = reverse("meetings:ballot", args=[box.pk])
    page = client.get(url).content.decode()
    assert "<legend" in page and 'type="radio"' in page and "조례안" in page
    response = client.post(url, {"choice": "no"}, follow=True)
    page = response.content.decode()
    assert "투표했습니다 — 마감 전까지 바꿀 수 있습니다." in page
    assert 'data-testid="my-choice"' not in page  # secret: only that they voted
    cookie = client.cookies[receipt_cookie(box.pk)]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    receipt = response.wsgi_request.get_signed_cookie(receipt_cookie(box.pk), salt=RECEIPT_SALT)
    assert SecretBallot.objects.get().receipt_digest == selectors.receipt_digest(receipt)
    assert not any(receipt in str(s.get_decoded()) for s in Session.objects.all())
    # the same device changes it
    client.post(url, {"choice": "yes"})
    assert list(SecretBallot.objects.values_list("choice", flat=True)) == ["yes"]
    # another device (no cookie) cannot
    other = type(client)()
    other.force_login(users[0])
    page = other.get(url).content.decode()
    assert "다른 기기에서 투표했습니다" in page and 'type="radio"' not in page
    response = other.post(url, {"choice": "no"})
    assert "처음 투표한 기기에서만" in response.content.decode()
    assert list(SecretBallot.objects.values_list("choice", flat=True)) == ["yes"]


def test_named_page_shows_the_current_choice_and_the_result(db, client):
    item, members = _sitting(3, 3)
    users = _logins(members)
    box = services.ballot_box_open(actor=None, item=item, method="named")
    client.force_login(users[1])
    url = reverse("meetings:ballot", args=[box.pk])
    page = client.post(url, {"choice": "abstain"}, follow=True).content.decode()
    assert 'data-testid="my-choice">기권<' in page
    _cast_all(box, [members[0], members[2]], ["yes", "yes"])
    services.ballot_box_close(actor=None, box=box)
    page = client.get(url).content.decode()
    assert "결과" in page and "가결" in page and 'type="radio"' not in page


def test_member_of_another_body_gets_404_and_a_recused_member_an_explanation(db, client):
    item, members = _sitting(3, 3, recused=1)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    _other_item, others = _sitting(2, 2)
    client.force_login(_logins(others[:1])[0])
    assert client.get(reverse("meetings:ballot", args=[box.pk])).status_code == 404
    assert client.post(reverse("meetings:ballot", args=[box.pk]), {"choice": "yes"}).status_code == 404
    client.force_login(_logins(members[:1])[0])
    page = client.get(reverse("meetings:ballot", args=[box.pk])).content.decode()
    assert "회피·제척되어 투표할 수 없습니다" in page and 'type="radio"' not in page


def test_secretary_page_counts_who_voted_never_how_and_closes(db, client):
    item, members = _sitting(4, 4)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    _cast_all(box, members[:2], ["yes", "no"])
    counts = selectors.box_counts(box)
    assert (counts.voted, counts.eligible) == (2, 4)
    staff = factories.staff_user()
    client.force_login(staff)
    page = client.get(reverse("meetings:evote", args=[item.meeting.pk])).content.decode()
    assert "2명 투표 / 투표 가능 4명" in page
    response = client.post(reverse("meetings:evote_close", args=[box.pk]), {"chair_casting": ""}, follow=True)
    page = response.content.decode()
    assert "전자 투표를 마감했습니다" in page
    assert 'data-testid="vote-method">무기명 · 전자 투표<' in page
    record = record_build(item.meeting)
    lines = [v for i in record["items"] for v in i["votes"]]
    assert [(v["method_label"], v["electronic"]) for v in lines] == [("무기명 · 전자 투표", True)]


# --- concurrency (PostgreSQL) ------------------------------------------------------------------------

CONCURRENT_VOTERS = 100
# PostgreSQL's default max_connections is 100 and the server is shared: 25 connections cast the 100
# ballots, each of them released at once behind a barrier, all contending for the box's row lock
CONCURRENT_CONNECTIONS = 25


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent casts need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["secret", "named"])
def test_a_hundred_members_cast_at_once_and_each_counts_once(method):
    import threading

    from django.db import connections

    item, members = _sitting(CONCURRENT_VOTERS, CONCURRENT_VOTERS, quorum_rule="none")
    box = services.ballot_box_open(actor=None, item=item, method=method)
    choices = ["yes", "no", "abstain", "yes"] * (CONCURRENT_VOTERS // 4)
    # each member casts twice, from two different connections: one ballot must count, the other be
    # refused (secret, no receipt) or replace it with the same choice (named)
    first = list(zip(members, choices, strict=True))
    jobs = first + first[1:] + first[:1]
    results: list[object] = [None] * len(jobs)
    barrier = threading.Barrier(CONCURRENT_CONNECTIONS)

    def run(t: int) -> None:
        try:
            barrier.wait()
            for k in range(t, len(jobs), CONCURRENT_CONNECTIONS):
                m, c = jobs[k]
                try:
                    results[k] = services.ballot_cast(actor=None, box=box, membership=m, choice=c)
                except Exception as exc:  # the finding: reported by the assertions
                    results[k] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(t,)) for t in range(CONCURRENT_CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [r for r in results if isinstance(r, ValidationError)]
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, ValidationError)]
    assert VoterMark.objects.filter(box=box).count() == CONCURRENT_VOTERS
    if method == "secret":
        assert SecretBallot.objects.filter(box=box).count() == CONCURRENT_VOTERS
        assert len(errors) == CONCURRENT_VOTERS  # the second of each pair had no receipt
        assert all("처음 투표한 기기에서만" in " ".join(e.messages) for e in errors)
    else:
        assert ElectronicBallot.objects.filter(box=box).count() == CONCURRENT_VOTERS
        assert errors == []
    vote = services.ballot_box_close(actor=None, box=box)
    assert (vote.yes, vote.no, vote.abstain) == (50, 25, 25)


@pytest.mark.parametrize("boxes", [1, 4])
def test_portal_lists_open_boxes_in_constant_queries(db, client, boxes, django_assert_num_queries):
    item, members = _sitting(3, 3)
    services.ballot_box_open(actor=None, item=item, method="named")
    for n in range(2, boxes + 1):
        other = AgendaItem.objects.create(meeting=item.meeting, order=n, kind="resolution", title=f"안건{n}")
        services.ballot_box_open(actor=None, item=other, method="secret")
    client.force_login(_logins(members[:1])[0])
    client.get(reverse("meetings:portal"))  # warm the session
    # the same for 1 and 4 boxes: the portal's own queries plus two for the boxes (the boxes with item
    # and meeting, the user's marks), and one for the meetings sitting now (the live panel); no session
    # write (the warm-up stamped it); the past meetings are a page without a count
    with django_assert_num_queries(11):
        page = client.get(reverse("meetings:portal")).content.decode()
    assert page.count('href="/meetings/evote/') == boxes


def test_minutes_wait_for_an_open_box(db):
    item, members = _sitting(3, 3)
    minutes = factories.MinutesFactory(meeting=item.meeting)
    Meeting.objects.filter(pk=item.meeting.pk).update(status=Meeting.Status.MINUTES_DRAFT)
    box = services.ballot_box_open(actor=None, item=item, method="secret")
    with pytest.raises(ValidationError, match="진행 중인 전자 투표가 있습니다"):
        services.minutes_approve(actor=None, minutes=minutes)
    _cast_all(box, members, ["yes", "yes", "no"])
    services.ballot_box_close(actor=None, box=box)
    assert services.minutes_approve(actor=None, minutes=minutes).status == "approved"
