"""The person and post pickers (issue 14): the form pages list no register, the search endpoints are
scoped, and the posted id is validated as before."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committees.models import Person, PostHolding, SeatGroup
from tests import factories

INVALID_CHOICE = "올바르게 선택해 주세요"  # Django's Korean "invalid choice" message


@pytest.fixture
def many_persons(db):
    """A district-sized register: 300 people nobody searched for, plus the two the tests look for."""
    Person.objects.bulk_create(
        Person(name=f"주민{i:04d}", gender="F", affiliation=f"성수{i % 4 + 1}가동") for i in range(300)
    )
    return {
        "kim": factories.PersonFactory(name="김새봄", affiliation="자치행정과"),
        "lee": factories.PersonFactory(name="이여름", affiliation="복지정책과"),
    }


def _appointment_world(role_world):
    body = role_world.body
    group = factories.seat_group(body, label="위촉직", count=2)
    group.kind = SeatGroup.Kind.APPOINTED
    group.save()
    return body, group.seats.first()


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("committees:body_create", lambda w, f: []),
        ("committees:body_edit", lambda w, f: [w.body.pk]),
        ("committees:post_move", lambda w, f: [f.pk]),
        ("appointments:create", lambda w, f: [w.body.pk]),
    ],
)
def test_form_page_lists_no_register(client, role_world, many_persons, url_name, args):
    post = factories.PostFactory()
    client.force_login(role_world.users["admin"])
    page = client.get(reverse(url_name, args=args(role_world, post)))
    html = page.content.decode()
    assert page.status_code == 200
    assert "주민0150" not in html and "김새봄" not in html
    assert 'type="search"' in html and "vendor/htmx/htmx.min.js" in html
    assert len(page.content) < 40_000, len(page.content)


def _pick(client, url_name, q, **params):
    return client.get(reverse(url_name), {"name": "person", "id": "id_person", "person__q": q, **params})


def test_person_search_finds_by_name_and_affiliation(client, role_world, many_persons):
    client.force_login(role_world.users["staff"])
    by_name = _pick(client, "committees:person_pick", "새봄").content.decode()
    by_unit = _pick(client, "committees:person_pick", "복지정책").content.decode()
    assert f'value="{many_persons["kim"].pk}"' in by_name and "이여름" not in by_name
    assert "김새봄 (자치행정과)" in by_name and "검색 결과 1건" in by_name
    assert f'value="{many_persons["lee"].pk}"' in by_unit and "김새봄" not in by_unit


def test_person_search_shows_at_most_twenty_and_keeps_the_choice(client, role_world, many_persons):
    client.force_login(role_world.users["staff"])
    kim = many_persons["kim"]
    html = _pick(client, "committees:person_pick", "주민", person=kim.pk).content.decode()
    assert html.count('type="radio"') == 21  # the choice already made, then 20 matches
    assert f'value="{kim.pk}" id="id_person_{kim.pk}" checked' in html
    assert "20건만 보여 줍니다" in html


@pytest.mark.parametrize(
    "role, status",
    [("member", 404), ("reporter", 404), ("secretary", 200), ("staff", 200), ("admin", 200)],
)
def test_person_search_only_for_those_with_a_person_form(client, role_world, many_persons, role, status):
    client.force_login(role_world.users[role])
    response = _pick(client, "committees:person_pick", "김새봄")
    assert response.status_code == status
    assert ("김새봄" in response.content.decode()) == (status == 200)


def test_person_search_requires_login(client, many_persons):
    response = _pick(client, "committees:person_pick", "김새봄")
    assert response.status_code == 302 and "김새봄" not in response.content.decode()


@pytest.mark.parametrize("role, status", [("secretary", 403), ("member", 403), ("staff", 200)])
def test_post_search_is_for_staff(client, role_world, role, status):
    post = factories.PostFactory(name="마을자치팀장")
    client.force_login(role_world.users[role])
    response = client.get(
        reverse("committees:post_pick"),
        {"name": "secretary_post", "id": "x", "secretary_post__q": "마을자치"},
    )
    assert response.status_code == status
    assert (f'value="{post.pk}"' in response.content.decode()) == (status == 200)


@pytest.mark.parametrize("name", ["a b", "<script>", "x" * 61, "1x"])
def test_person_search_refuses_odd_names(client, role_world, name):
    client.force_login(role_world.users["staff"])
    assert client.get(reverse("committees:person_pick"), {"name": name, "id": "id_x"}).status_code == 404


def test_posting_a_chosen_person_moves_the_post(client, role_world, many_persons):
    post = factories.PostFactory()
    client.force_login(role_world.users["staff"])
    start = timezone.localdate() + dt.timedelta(days=3)
    data = {"person": many_persons["kim"].pk, "start": start.isoformat(), "note": ""}
    response = client.post(reverse("committees:post_move", args=[post.pk]), data)
    assert response.status_code == 302
    assert list(PostHolding.objects.filter(post=post).values_list("person__name", "start")) == [
        ("김새봄", start)
    ]


def test_posting_a_chosen_secretary_saves_the_body(client, role_world, many_persons):
    body = role_world.other_body
    client.force_login(role_world.users["admin"])
    page = client.get(reverse("committees:body_edit", args=[body.pk]))
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(secretary_person=many_persons["lee"].pk, secretary_post="")
    response = client.post(reverse("committees:body_edit", args=[body.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    body.refresh_from_db()
    assert body.secretary_person == many_persons["lee"]


def test_a_bad_person_id_gets_the_korean_error(client, role_world, many_persons):
    post = factories.PostFactory()
    client.force_login(role_world.users["staff"])
    data = {"person": 999_999, "start": timezone.localdate().isoformat(), "note": ""}
    response = client.post(reverse("committees:post_move", args=[post.pk]), data)
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert not PostHolding.objects.filter(post=post).exists()


def test_search_button_without_javascript_keeps_the_form_and_saves_nothing(client, role_world, many_persons):
    """The picker's search button submits to the same page: the matches, and every value typed."""
    post = factories.PostFactory()
    client.force_login(role_world.users["staff"])
    data = {"person__q": "김새", "person__search": "1", "start": "2026-12-01", "note": "전보 예정"}
    response = client.post(reverse("committees:post_move", args=[post.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{many_persons["kim"].pk}"' in html and "주민0001" not in html
    assert 'value="2026-12-01"' in html and 'value="전보 예정"' in html and 'value="김새"' in html
    assert "invalid-feedback" not in html  # a search is not a submission: no errors yet
    assert not PostHolding.objects.filter(post=post).exists()


def test_appointment_form_offers_the_searched_person_to_the_secretary(client, role_world, many_persons):
    body, _seat = _appointment_world(role_world)
    client.force_login(role_world.users["secretary"])
    data = {"person__q": "이여름", "person__search": "1", "start": "2026-12-01"}
    html = client.post(reverse("appointments:create", args=[body.pk]), data).content.decode()
    assert f'value="{many_persons["lee"].pk}"' in html and "김새봄" not in html


def test_search_query_count_does_not_grow_with_the_register(client, role_world, many_persons):
    # session, user, the roles (person, secretary bodies, groups, reporting units), the matches
    client.force_login(role_world.users["staff"])
    _pick(
        client, "committees:person_pick", ""
    )  # warm the session (its expiry is saved at most once a minute)
    counts = []
    for q in ("김새봄", "주민"):  # one match, then more than the 20 shown
        with CaptureQueriesContext(connection) as queries:
            assert _pick(client, "committees:person_pick", q).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
