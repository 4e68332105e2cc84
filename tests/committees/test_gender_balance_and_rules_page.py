"""Issue 10 §3 on the committees side: the Body form carries the new rules, the body page says them in
words, and gender balance is checked continuously (the body page and the staff alerts) until fixed or
an exception reason is recorded, with one aggregate query for all bodies."""

import datetime as dt

import pytest
from django.urls import reverse

from committees import selectors
from committees.models import Body, Gender, Membership
from tests import factories

TODAY = dt.date.today()


def _body_with(women, men, *, name=None, **fields):
    body = factories.BodyFactory(**({"name": name} if name else {}), **fields)
    people = [factories.PersonFactory(gender=Gender.FEMALE) for _ in range(women)]
    people += [factories.PersonFactory(gender=Gender.MALE) for _ in range(men)]
    members = [
        factories.member(body, p, start=TODAY - dt.timedelta(days=30), end=TODAY + dt.timedelta(days=600))
        for p in people
    ]
    return body, members


def test_body_form_shows_the_new_rule_fields_with_help(db, client):
    body = factories.BodyFactory()
    client.force_login(factories.staff_user())
    page = client.get(reverse("committees:body_edit", args=[body.pk])).content.decode()
    for field in ("deciding_attendance_rule", "casting_vote_rule", "written_rule", "gender_exception_reason"):
        assert f'name="{field}"' in page, field
    assert "지방자치법 제73조" in page  # the deciding attendance help text
    assert "회신 마감일 기준" in page  # the written rule help text


def test_body_page_states_the_rules_in_words(db, client):
    body = factories.BodyFactory(
        quorum_rule="enrolled_one_third",
        deciding_attendance_rule="enrolled_majority",
        tie_rule="chair_decides",
        casting_vote_rule="if_not_voted",
        allows_written_resolution=True,
        written_rule="replies_then_yes",
        gender_balance_applies=False,
    )
    client.force_login(factories.staff_user())
    page = client.get(body.get_absolute_url()).content.decode()
    labels = dict(Body.DecidingAttendanceRule.choices)
    assert str(labels["enrolled_majority"]) in page
    assert str(dict(Body.CastingVoteRule.choices)["if_not_voted"]) in page
    assert "재적 과반수 회신, 회신 과반수 찬성" in page


def test_body_page_warns_after_a_resignation_tips_the_balance_until_a_reason_is_recorded(db, client):
    body, members = _body_with(6, 4)
    client.force_login(factories.staff_user())
    assert 'data-testid="gender-balance"' not in client.get(body.get_absolute_url()).content.decode()
    # a man resigns: 6 women of 9 in office is above 6/10 although the seats did not change
    man = next(m for m in members if m.person.gender == Gender.MALE)
    Membership.objects.filter(pk=man.pk).update(end=TODAY - dt.timedelta(days=1))
    page = client.get(body.get_absolute_url()).content.decode()
    assert 'data-testid="gender-balance"' in page and "alert-warning" in page
    assert "위촉직 위원 9명" in page
    home = client.get(reverse("home")).content.decode()
    assert body.name in home[home.index('data-testid="gender-breaches"') :]
    body.gender_exception_reason = "해당 분야 전문가가 한 성별뿐임"
    body.save()
    page = client.get(body.get_absolute_url()).content.decode()
    assert "예외 사유가 기록되어 있습니다" in page and "해당 분야 전문가가 한 성별뿐임" in page
    assert [b.body_name for b in selectors.gender_breaches(TODAY)] == []


def test_gender_breaches_lists_only_bodies_needing_attention(db):
    over, _ = _body_with(7, 3, name="가위원회")
    _body_with(6, 4, name="나위원회")
    _body_with(8, 2, name="다위원회", gender_exception_reason="사유")
    _body_with(8, 2, name="라위원회", gender_balance_applies=False)
    breaches = selectors.gender_breaches(TODAY)
    assert [(b.body_id, b.balance.in_office, b.balance.excess) for b in breaches] == [(over.pk, 10, 1)]


@pytest.mark.parametrize("bodies", [1, 15])
def test_gender_breaches_is_one_query_for_any_number_of_bodies(db, django_assert_num_queries, bodies):
    for _ in range(bodies):
        _body_with(3, 1)
    # one aggregate over the memberships in office, grouped by body and gender
    with django_assert_num_queries(1):
        breaches = selectors.gender_breaches(TODAY)
    assert len(breaches) == bodies
