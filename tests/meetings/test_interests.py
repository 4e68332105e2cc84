"""이해충돌 (issue 15 §1): declarations, 기피 신청, the recusals decided from them, who sees what, the frozen
record and the day-before reminder."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from committees.permissions import roles_for
from meetings import selectors, services
from meetings.models import (
    AgendaItem,
    Attendance,
    InterestDeclaration,
    Meeting,
    Minutes,
    Recusal,
    RecusalChallenge,
)
from meetings.selectors.public import public_record
from seongdong_gov.models import AuditEntry, OutboundMessage
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date.today()


def _member(body, name):
    membership = factories.member(
        body,
        factories.PersonFactory(name=name, email=f"{name}{body.pk}@example.kr"),
        start=TODAY - dt.timedelta(days=60),
        end=TODAY + dt.timedelta(days=700),
    )
    factories.user_for(membership.person, username=f"u-{membership.pk}")
    return membership


def _world(*, days=30, publish=True, disqualify_parties=True):
    body = factories.BodyFactory(disqualify_parties=disqualify_parties)
    a, b, c = (_member(body, n) for n in ("김하나", "이두리", "박세나"))
    secretary = factories.PersonFactory(name="정간사")
    body.secretary_person = secretary
    body.save()
    starts = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(16, 0), tzinfo=SEOUL)
    meeting = factories.MeetingFactory(
        bodies=[body], starts_at=starts, ends_at=starts + dt.timedelta(hours=2), host_body=body
    )
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, kind="resolution", title="보조금 지원 단체 선정"
    )
    other = AgendaItem.objects.create(meeting=meeting, order=2, kind="deliberation", title="운영 규정 개정")
    AgendaItem.objects.create(meeting=meeting, order=3, kind="report", title="경과 보고")
    if publish:
        meeting.agenda_published = True
        meeting.save()
    return {
        "body": body,
        "members": (a, b, c),
        "meeting": meeting,
        "item": item,
        "other": other,
        "secretary": factories.user_for(secretary, username=f"secretary-{body.pk}"),
    }


def _declare(w, membership, item=None, **kw):
    values = {"has_interest": True, "kind": "officer", "description": "배우자가 신청 단체의 이사"} | kw
    return services.interest_declare(
        actor=membership.person.user, item=item or w["item"], membership=membership, **values
    )


# --- constraints ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"has_interest": False, "kind": "officer", "description": ""}, "declaration_details_match_answer"),
        (
            {"has_interest": False, "kind": "", "description": "", "asks_step_aside": True},
            "declaration_details_match_answer",
        ),
        ({"has_interest": True, "kind": "officer", "description": ""}, "declaration_details_match_answer"),
        ({"has_interest": True, "kind": "", "description": "이사"}, "declaration_details_match_answer"),
        ({"has_interest": True, "kind": "nonsense", "description": "이사"}, "declaration_kind_valid"),
    ],
)
def test_declaration_constraints_refuse_inconsistent_answers(fields, name):
    w = _world()
    now = timezone.now()
    with pytest.raises(IntegrityError, match=name), transaction.atomic():
        InterestDeclaration.objects.create(
            item=w["item"], membership=w["members"][0], declared_at=now, updated_at=now, **fields
        )


@pytest.mark.django_db
def test_declaration_is_one_per_member_and_item():
    w = _world()
    factories.InterestDeclarationFactory(item=w["item"], membership=w["members"][0])
    with (
        pytest.raises(
            IntegrityError,
            match=r"declaration_one_per_member|UNIQUE constraint failed: meetings_interestdeclaration",
        ),
        transaction.atomic(),
    ):
        factories.InterestDeclarationFactory(item=w["item"], membership=w["members"][0])


@pytest.mark.django_db
def test_challenge_constraints():
    w = _world()
    a, b, _c = w["members"]
    with pytest.raises(IntegrityError, match="challenge_not_self"), transaction.atomic():
        factories.RecusalChallengeFactory(item=w["item"], filed_by=a, against=a)
    factories.RecusalChallengeFactory(item=w["item"], filed_by=a, against=b)
    with (
        pytest.raises(
            IntegrityError, match=r"challenge_one_pending|UNIQUE constraint failed: meetings_recusalchallenge"
        ),
        transaction.atomic(),
    ):
        factories.RecusalChallengeFactory(item=w["item"], filed_by=a, against=b)
    with pytest.raises(IntegrityError, match="challenge_decided_has_date"), transaction.atomic():
        factories.RecusalChallengeFactory(item=w["item"], filed_by=b, against=a, decision="accepted")
    with pytest.raises(IntegrityError, match="recusal_challenge_linked"), transaction.atomic():
        Recusal.objects.create(item=w["item"], membership=b, kind="challenge", reason="기피")


@pytest.mark.django_db
def test_existing_recusals_default_to_avoidance():
    recusal = factories.RecusalFactory()
    assert recusal.kind == Recusal.Kind.AVOIDANCE and recusal.get_kind_display() == "회피"


# --- declaring ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_member_declares_then_changes_the_answer_until_the_start():
    w = _world()
    a = w["members"][0]
    first = services.interest_declare(actor=a.person.user, item=w["item"], membership=a, has_interest=False)
    assert (first.has_interest, first.kind, first.description) == (False, "", "")
    later = timezone.now() + dt.timedelta(hours=1)
    changed = _declare(w, a, asks_step_aside=True, now=later)
    assert changed.pk == first.pk
    assert (changed.has_interest, changed.kind, changed.asks_step_aside) == (True, "officer", True)
    assert changed.declared_at == first.declared_at and changed.updated_at == later
    actions = list(
        AuditEntry.objects.filter(object_id=str(first.pk), action__startswith="interest_").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["interest_declare", "interest_update"]
    # "no interest" again wipes the details, so the row never says two things
    again = _declare(w, a, has_interest=False, now=later + dt.timedelta(minutes=1))
    assert (again.kind, again.description, again.asks_step_aside) == ("", "", False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field"),
    [({"kind": ""}, "kind"), ({"description": "  "}, "description")],
)
def test_an_interest_needs_kind_and_description(values, field):
    w = _world()
    with pytest.raises(ValidationError) as exc:
        _declare(w, w["members"][0], **values)
    assert field in exc.value.message_dict
    assert not InterestDeclaration.objects.exists()


@pytest.mark.django_db
def test_declaring_is_refused_after_the_start_before_publication_and_for_non_members():
    w = _world()
    a = w["members"][0]
    with pytest.raises(ValidationError, match="회의가 시작되어"):
        _declare(w, a, now=w["meeting"].starts_at + dt.timedelta(minutes=1))
    stranger = factories.member(
        factories.BodyFactory(), start=TODAY - dt.timedelta(days=5), end=TODAY + dt.timedelta(days=300)
    )
    with pytest.raises(ValidationError, match="재적위원이 아닙니다"):
        _declare(w, stranger)
    report = w["meeting"].items.get(kind="report")
    with pytest.raises(ValidationError, match="신고 대상이 아닙니다"):
        _declare(w, a, item=report)
    draft = _world(publish=False)
    with pytest.raises(ValidationError, match="안건이 공개되기 전"):
        _declare(draft, draft["members"][0])
    assert not InterestDeclaration.objects.exists()


@pytest.mark.django_db
def test_locked_minutes_refuse_every_interest_write():
    w = _world()
    a, b, _c = w["members"]
    declaration = _declare(w, a)
    challenge = services.challenge_file(actor=None, item=w["item"], filed_by=b, against=a, reasons="친족")
    factories.MinutesFactory(meeting=w["meeting"], status=Minutes.Status.LOCKED, approved_at=timezone.now())
    for write in (
        lambda: _declare(w, a, has_interest=False),
        lambda: services.challenge_file(actor=None, item=w["item"], filed_by=a, against=b, reasons="x"),
        lambda: services.recusal_from_declaration(actor=w["secretary"], declaration=declaration),
        lambda: services.challenge_decide(actor=w["secretary"], challenge=challenge, decision="accepted"),
    ):
        with pytest.raises(ValidationError, match="회의록이 확정되어"):
            write()
    assert not Recusal.objects.exists()


# --- 제척 by the body's rule, 회피 from a declaration, 기피 decided ----------------------------------------


@pytest.mark.django_db
def test_party_declaration_disqualifies_at_once_and_withdrawing_it_undoes_that():
    w = _world()
    a = w["members"][0]
    _declare(w, a, kind="party", description="본인이 대표인 단체의 신청")
    recusal = Recusal.objects.get(item=w["item"], membership=a)
    assert recusal.kind == Recusal.Kind.DISQUALIFICATION
    assert recusal.reason == "본인 또는 가족이 안건의 당사자: 본인이 대표인 단체의 신청"
    assert a.pk not in selectors.vote_context(w["meeting"], w["item"], w["meeting"].starts_at)["eligible"]
    _declare(w, a, has_interest=False)
    assert not Recusal.objects.exists()
    assert AuditEntry.objects.filter(action__in=["recusal_disqualify", "recusal_withdraw"]).count() == 2


@pytest.mark.django_db
def test_party_declaration_is_no_recusal_where_the_body_has_no_such_rule():
    w = _world(disqualify_parties=False)
    _declare(w, w["members"][0], kind="party", description="본인이 대표인 단체의 신청")
    assert not Recusal.objects.exists()


@pytest.mark.django_db
def test_recusal_from_declaration_drops_the_member_from_the_vote_base():
    w = _world()
    a, b, c = w["members"]
    for m in (a, b, c):
        Attendance.objects.create(meeting=w["meeting"], membership=m, status="present")
    declaration = _declare(w, a, asks_step_aside=True)
    before = selectors.vote_context(w["meeting"], w["item"], w["meeting"].starts_at)
    assert before["eligible"] == {a.pk, b.pk, c.pk}

    recusal = services.recusal_from_declaration(actor=w["secretary"], declaration=declaration)

    assert (recusal.kind, recusal.declaration_id, recusal.recorded_by) == (
        "avoidance",
        declaration.pk,
        w["secretary"],
    )
    assert recusal.reason == "본인·가족이 임원·대표자로 있는 법인·단체: 배우자가 신청 단체의 이사"
    after = selectors.vote_context(w["meeting"], w["item"], w["meeting"].starts_at)
    assert after["eligible"] == {b.pk, c.pk} and after["present"] == {a.pk, b.pk, c.pk}
    # the other item is untouched
    assert selectors.vote_context(w["meeting"], w["other"], w["meeting"].starts_at)["eligible"] == {
        a.pk,
        b.pk,
        c.pk,
    }
    with pytest.raises(ValidationError, match="이미 회피·제척"):
        services.recusal_from_declaration(actor=w["secretary"], declaration=declaration)
    no_interest = services.interest_declare(actor=None, item=w["item"], membership=b, has_interest=False)
    with pytest.raises(ValidationError, match="이해관계가 없다고"):
        services.recusal_from_declaration(actor=w["secretary"], declaration=no_interest)


@pytest.mark.django_db
def test_challenge_accepted_becomes_a_recusal_of_kind_challenge():
    w = _world()
    a, b, _c = w["members"]
    challenge = services.challenge_file(
        actor=b.person.user, item=w["item"], filed_by=b, against=a, reasons="대표와 친족"
    )
    assert challenge.decision == "pending"

    services.challenge_decide(
        actor=w["secretary"], challenge=challenge, decision="accepted", note="표결로 인용"
    )

    challenge.refresh_from_db()
    assert (challenge.decision, challenge.decided_by, challenge.decision_note) == (
        "accepted",
        w["secretary"],
        "표결로 인용",
    )
    recusal = Recusal.objects.get(item=w["item"], membership=a)
    assert (recusal.kind, recusal.challenge_id, recusal.reason) == (
        "challenge",
        challenge.pk,
        "기피 인용: 표결로 인용",
    )
    with pytest.raises(ValidationError, match="이미 결정된"):
        services.challenge_decide(actor=w["secretary"], challenge=challenge, decision="rejected")
    assert AuditEntry.objects.filter(action__in=["challenge_file", "challenge_accepted"]).count() == 2


@pytest.mark.django_db
def test_challenge_rejected_is_recorded_without_a_recusal():
    w = _world()
    a, b, _c = w["members"]
    challenge = services.challenge_file(
        actor=None, item=w["item"], filed_by=b, against=a, reasons="근거 없음"
    )
    services.challenge_decide(
        actor=w["secretary"], challenge=challenge, decision="rejected", note="기각 의결"
    )
    assert RecusalChallenge.objects.get().decision == "rejected"
    assert not Recusal.objects.exists()


@pytest.mark.django_db
def test_challenge_refusals():
    w = _world()
    a, b, _c = w["members"]
    with pytest.raises(ValidationError, match="자신에 대해서는"):
        services.challenge_file(actor=None, item=w["item"], filed_by=a, against=a, reasons="x")
    with pytest.raises(ValidationError, match="기피 사유"):
        services.challenge_file(actor=None, item=w["item"], filed_by=a, against=b, reasons=" ")
    stranger = factories.member(
        factories.BodyFactory(), start=TODAY - dt.timedelta(days=5), end=TODAY + dt.timedelta(days=300)
    )
    with pytest.raises(ValidationError, match="재적위원이 아닙니다"):
        services.challenge_file(actor=None, item=w["item"], filed_by=a, against=stranger, reasons="x")
    services.challenge_file(actor=None, item=w["item"], filed_by=a, against=b, reasons="x")
    with pytest.raises(ValidationError, match="이미 결정을 기다리고"):
        services.challenge_file(actor=None, item=w["item"], filed_by=a, against=b, reasons="y")


# --- pages ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_member_page_shows_own_answers_only_and_declaring_through_it_saves(client):
    w = _world()
    a, b, _c = w["members"]
    _declare(w, b, description="이두리의 비밀 사정")
    client.force_login(a.person.user)

    portal = client.get(reverse("meetings:portal")).content.decode()
    assert reverse("meetings:interests_mine", args=[w["meeting"].pk]) in portal
    page = client.get(reverse("meetings:interests_mine", args=[w["meeting"].pk])).content.decode()
    assert "보조금 지원 단체 선정" in page and "운영 규정 개정" in page
    assert "경과 보고" not in page  # a report is not declared on
    assert page.count("답변 필요") == 2
    assert "이두리의 비밀 사정" not in page

    url = reverse("meetings:interest_declare", args=[w["meeting"].pk, w["item"].pk])
    response = client.post(
        url, {"has_interest": "1", "kind": "shares", "description": "주식 보유", "asks_step_aside": "on"}
    )
    assert response.status_code == 302
    declaration = InterestDeclaration.objects.get(membership=a)
    assert (declaration.kind, declaration.description, declaration.asks_step_aside) == (
        "shares",
        "주식 보유",
        True,
    )
    page = client.get(reverse("meetings:interests_mine", args=[w["meeting"].pk])).content.decode()
    assert "주식 보유" in page and "회피 신청" in page and page.count("답변 필요") == 1

    # an interest without a kind comes back with the message and the text kept
    response = client.post(url, {"has_interest": "1", "kind": "", "description": "적은 내용"})
    assert response.status_code == 200
    assert (
        "이해관계의 종류를 고르세요." in response.content.decode()
        and "적은 내용" in response.content.decode()
    )


@pytest.mark.django_db
def test_member_page_of_another_meeting_or_item_is_404(client):
    w, elsewhere = _world(), _world()
    a = w["members"][0]
    client.force_login(a.person.user)
    assert client.get(reverse("meetings:interests_mine", args=[elsewhere["meeting"].pk])).status_code == 404
    other_item = reverse("meetings:interest_declare", args=[w["meeting"].pk, elsewhere["item"].pk])
    assert client.get(other_item).status_code == 404
    # a secretary's action on another meeting's declaration: the meeting is outside a member's reach
    declaration = _declare(elsewhere, elsewhere["members"][0])
    url = reverse("meetings:interest_recuse", args=[elsewhere["meeting"].pk, declaration.pk])
    assert client.post(url).status_code == 404
    # a declaration of another meeting under this meeting's address
    client.force_login(w["secretary"])
    url = reverse("meetings:interest_recuse", args=[w["meeting"].pk, declaration.pk])
    assert client.post(url).status_code == 404
    assert not Recusal.objects.exists()


@pytest.mark.django_db
def test_secretary_page_lists_declarations_challenges_and_who_has_not_answered(client):
    w = _world()
    a, b, c = w["members"]
    declaration = _declare(w, a, asks_step_aside=True)
    services.interest_declare(actor=None, item=w["item"], membership=b, has_interest=False)
    services.challenge_file(actor=None, item=w["item"], filed_by=b, against=c, reasons="대표와 친족")
    client.force_login(w["secretary"])

    page = client.get(reverse("meetings:interests", args=[w["meeting"].pk])).content.decode()

    section = page[page.index(f'data-testid="overview-item-{w["item"].pk}"') :]
    section = section[: section.index("</section>")]
    assert "배우자가 신청 단체의 이사" in section and "회피 신청" in section and "이해관계 없음" in section
    assert "이두리 → 박세나" in section and "대표와 친족" in section
    unanswered = section[section.index(f'data-testid="unanswered-{w["item"].pk}"') :]
    assert "박세나" in unanswered.split("</p>")[0] and "김하나" not in unanswered.split("</p>")[0]
    recuse = reverse("meetings:interest_recuse", args=[w["meeting"].pk, declaration.pk])
    assert recuse in section

    confirm = client.get(recuse).content.decode()
    assert "김하나 위원을 「보조금 지원 단체 선정」 안건에서 회피로 기록합니다." in confirm
    assert client.post(recuse).status_code == 302
    assert Recusal.objects.get(membership=a).kind == "avoidance"
    page = client.get(reverse("meetings:interests", args=[w["meeting"].pk])).content.decode()
    assert 'data-testid="recused">회피' in page and recuse not in page


@pytest.mark.django_db
def test_secretary_decides_a_challenge_through_the_page(client):
    w = _world()
    a, b, _c = w["members"]
    challenge = services.challenge_file(
        actor=None, item=w["item"], filed_by=b, against=a, reasons="대표와 친족"
    )
    client.force_login(w["secretary"])
    url = reverse("meetings:challenge_decide", args=[w["meeting"].pk, challenge.pk])
    assert "기피 사유: 대표와 친족" in client.get(url).content.decode()
    assert client.post(url, {"decision": "accepted", "note": "위원회 의결로 인용"}).status_code == 302
    assert Recusal.objects.get(membership=a).reason == "기피 인용: 위원회 의결로 인용"


@pytest.mark.django_db
def test_member_files_a_challenge_against_another_member_only(client):
    w = _world()
    a, b, _c = w["members"]
    client.force_login(a.person.user)
    url = reverse("meetings:challenge_file", args=[w["meeting"].pk, w["item"].pk])
    form = client.get(url).content.decode()
    assert "이두리" in form and "김하나" not in form  # never against oneself
    assert client.post(url, {"against": b.pk, "reasons": "단체 대표와 친족"}).status_code == 302
    assert RecusalChallenge.objects.get().filed_by == a


# --- the record ------------------------------------------------------------------------------------------


def _locked(w):
    """Declarations and a challenge made before the start, then the meeting held and its minutes locked."""
    a, b, c = w["members"]
    meeting = w["meeting"]
    before = meeting.starts_at - dt.timedelta(days=1)
    declaration = _declare(w, a, asks_step_aside=True, now=before)
    services.interest_declare(actor=None, item=w["item"], membership=b, has_interest=False, now=before)
    challenge = services.challenge_file(
        actor=None, item=w["item"], filed_by=b, against=c, reasons="친족", now=before
    )
    services.recusal_from_declaration(actor=w["secretary"], declaration=declaration)
    services.challenge_decide(
        actor=w["secretary"], challenge=challenge, decision="rejected", note="기각", now=before
    )
    for m in (a, b, c):
        Attendance.objects.create(meeting=meeting, membership=m, status="present")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    factories.MinutesFactory(meeting=meeting, status=Minutes.Status.LOCKED, approved_at=timezone.now())
    return Minutes.objects.get(meeting=meeting)


@pytest.mark.django_db
def test_frozen_record_keeps_declarations_challenges_and_recusal_kinds(client):
    w = _world()
    minutes = _locked(w)
    assert selectors.record_intact(minutes)
    item = minutes.record["items"][0]
    assert item["recusals"] == [
        {
            "name": "김하나",
            "kind": "avoidance",
            "kind_label": "회피",
            "reason": "본인·가족이 임원·대표자로 있는 법인·단체: 배우자가 신청 단체의 이사",
        }
    ]
    assert [(d["name"], d["has_interest"], d["asks_step_aside"]) for d in item["declarations"]] == [
        ("김하나", True, True),
        ("이두리", False, False),
    ]
    assert [
        (c["filed_by"], c["against"], c["decision_label"], c["decision_note"]) for c in item["challenges"]
    ] == [("이두리", "박세나", "기각", "기각")]
    # the public copy names recused members only
    public = public_record(minutes)["items"][0]
    assert "declarations" not in public and "challenges" not in public
    assert public["recusals"] == [{"name": "김하나"}]

    # the locked page: recusal kind for everyone who may read the minutes, declarations for managers only
    client.force_login(w["secretary"])
    page = client.get(reverse("meetings:minutes", args=[w["meeting"].pk])).content.decode()
    assert "회피: 김하나 (본인·가족이 임원·대표자로 있는 법인·단체: 배우자가 신청 단체의 이사)" in page
    assert 'data-testid="interests-record"' in page and "이두리 → 박세나 기피 신청" in page
    client.force_login(w["members"][1].person.user)
    page = client.get(reverse("meetings:minutes", args=[w["meeting"].pk])).content.decode()
    assert "회피: 김하나" in page and 'data-testid="interests-record"' not in page
    # a later change of the live rows leaves the locked record alone
    InterestDeclaration.objects.filter(membership=w["members"][1]).update(description="")
    assert Minutes.objects.get(pk=minutes.pk).record == minutes.record


# --- reminder ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_members_who_have_not_answered_get_one_reminder_the_day_before():
    w = _world(days=10)
    a, b, _c = w["members"]
    services.meeting_send_notice(actor=None, meeting=w["meeting"])
    for item in (w["item"], w["other"]):  # 김하나 answered everything
        services.interest_declare(actor=None, item=item, membership=a, has_interest=False)
    services.interest_declare(actor=None, item=w["item"], membership=b, has_interest=False)  # 이두리: half
    day_before = (w["meeting"].starts_at.astimezone(SEOUL) - dt.timedelta(days=1)).date().isoformat()

    for _run in range(2):
        call_command("send_meeting_reminders", "--today", day_before, stdout=io.StringIO())

    reminded = OutboundMessage.objects.filter(subject__startswith="[이해충돌 신고]")
    assert sorted(reminded.values_list("to", flat=True)) == [
        f"박세나{w['body'].pk}@example.kr",
        f"이두리{w['body'].pk}@example.kr",
    ]
    assert reverse("meetings:interests_mine", args=[w["meeting"].pk]) in reminded.first().text


@pytest.mark.django_db
def test_service_refuses_an_unknown_kind_and_overlong_text():
    w = _world()
    a, b, _c = w["members"]
    with pytest.raises(ValidationError) as exc:
        _declare(w, a, kind="nonsense")
    assert exc.value.message_dict == {"kind": ["이해관계의 종류를 목록에서 고르세요."]}
    with pytest.raises(ValidationError, match="1000자 이내"):
        services.challenge_file(actor=None, item=w["item"], filed_by=a, against=b, reasons="가" * 1001)
    assert not InterestDeclaration.objects.exists() and not RecusalChallenge.objects.exists()


@pytest.mark.django_db
def test_a_members_own_seat_is_the_first_of_theirs_among_the_enrolled_of_a_joint_meeting():
    """`enrolled_membership_of` (one query) gives what a search of `enrolled_memberships` gives: the
    person's first seat in the roster's order where a joint meeting seats them twice; None for someone
    without a seat, or whose term has ended by the meeting's date."""
    w = _world()
    second = factories.BodyFactory(order=w["body"].order + 1)
    a = w["members"][0]
    twice = _member(second, "이중석")
    again = factories.member(
        w["body"], twice.person, start=TODAY - dt.timedelta(days=60), end=TODAY + dt.timedelta(days=700)
    )
    gone = factories.member(second, start=TODAY - dt.timedelta(days=300), end=TODAY - dt.timedelta(days=1))
    meeting = w["meeting"]
    meeting.bodies.add(second)
    meeting = selectors.visible_meeting(roles_for(factories.staff_user()), meeting.pk)
    enrolled = selectors.enrolled_memberships(meeting)

    def first_of(person_id):
        return next((m for m in enrolled if m.person_id == person_id), None)

    for person_id in (a.person_id, twice.person_id, gone.person_id, w["secretary"].pk + 10_000):
        mine = selectors.enrolled_membership_of(meeting, person_id)
        expected = first_of(person_id)
        assert (mine and mine.pk) == (expected and expected.pk)
    assert selectors.enrolled_membership_of(meeting, twice.person_id).pk == again.pk
    assert selectors.enrolled_membership_of(meeting, gone.person_id) is None
    mine = selectors.enrolled_membership_of(meeting, a.person_id)
    assert (mine.person.name, mine.body.name) == ("김하나", w["body"].name)


@pytest.mark.django_db
def test_member_page_shows_own_recusal_and_challenges_per_item_in_filing_order(client):
    w = _world()
    a, b, c = w["members"]
    b.person.name = '<b>&"'
    b.person.save()
    services.recusal_add(actor=None, item=w["other"], membership=a, reason="<사유>")
    services.challenge_file(actor=a.person.user, item=w["item"], filed_by=a, against=c, reasons="첫째")
    services.challenge_file(actor=a.person.user, item=w["item"], filed_by=a, against=b, reasons="둘째")
    services.challenge_file(actor=b.person.user, item=w["item"], filed_by=b, against=c, reasons="남의 신청")
    client.force_login(a.person.user)
    page = client.get(reverse("meetings:interests_mine", args=[w["meeting"].pk])).content.decode()
    first = page[page.index(f"interest-item-{w['item'].pk}") : page.index(f"interest-item-{w['other'].pk}")]
    second = page[page.index(f"interest-item-{w['other'].pk}") :]
    assert first.index("박세나 위원 기피 신청") < first.index("&lt;b&gt;&amp;&quot; 위원 기피 신청")
    assert first.count("위원 기피 신청") == 2 and "my-recusal" not in first
    assert 'data-testid="my-recusal">회피: &lt;사유&gt;</div>' in second and "기피 신청:" not in second
