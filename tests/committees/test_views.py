import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from committees import selectors
from committees.models import Body, Gender, Membership, OrgUnit, Person, Post, PostHolding
from tests import factories

ROLES = ["anonymous", "member", "secretary_other", "secretary", "reporter", "staff", "admin"]


@pytest.fixture
def actors(demo):
    User = get_user_model()
    users = {
        name: User.objects.get(username=name)
        for name in ["member", "secretary", "reporter", "staff", "admin"]
    }
    # the current 자치행정팀장 is the secretary of 추진단, not of 추진운영위원회
    other = PostHolding.objects.get(post__name="자치행정팀장", end__isnull=True).person
    other.user = factories.UserFactory(username="secretary_other")
    other.save()
    users["secretary_other"] = other.user
    users["anonymous"] = None
    return users


@pytest.fixture
def objects(demo):
    steering = Body.objects.get(name="추진운영위원회")
    membership = Membership.objects.filter(
        body=steering, seat__group__kind="appointed", end__gte=dt.date.today()
    ).last()
    return {
        "body": steering,
        "group": steering.seat_groups.first(),
        "membership": membership,
        "person": membership.person,
        "post": Post.objects.get(name="행정관리국장"),
        "unit": OrgUnit.objects.get(name="자치행정과"),
    }


S, F, N, L = 200, 403, 404, 302  # L: redirect to the login page
STAFF_ONLY = {
    "anonymous": L,
    "member": F,
    "secretary_other": F,
    "secretary": F,
    "reporter": F,
    "staff": S,
    "admin": S,
}
EVERYONE = {
    "anonymous": L,
    "member": S,
    "secretary_other": S,
    "secretary": S,
    "reporter": S,
    "staff": S,
    "admin": S,
}
BODY_MANAGERS = {
    "anonymous": L,
    "member": N,
    "secretary_other": N,
    "secretary": S,
    "reporter": N,
    "staff": S,
    "admin": S,
}

# Every committees URL × every role → expected status of a GET. A URL missing here fails the test below.
MATRIX = {
    "committees:body_list": ([], EVERYONE),
    "committees:body_chart": ([], EVERYONE),
    "committees:body_create": ([], STAFF_ONLY),
    "committees:body_detail": (["body"], EVERYONE),
    "committees:body_roster": (["body", "hwpx"], EVERYONE),  # public record, as the body page
    "committees:body_edit": (["body"], STAFF_ONLY),
    "committees:seat_group_create": (["body"], STAFF_ONLY),
    "committees:seat_group_edit": (["body", "group"], STAFF_ONLY),
    "committees:membership_edit": (["membership"], BODY_MANAGERS),
    "committees:membership_end": (["membership"], BODY_MANAGERS),
    "committees:person_list": ([], STAFF_ONLY),
    "committees:person_create": ([], STAFF_ONLY),
    # a person is visible to staff, to the secretaries of their bodies and to fellow members
    "committees:person_detail": (
        ["person"],
        {
            "anonymous": L,
            "member": S,
            "secretary_other": N,
            "secretary": S,
            "reporter": N,
            "staff": S,
            "admin": S,
        },
    ),
    "committees:person_edit": (["person"], STAFF_ONLY),
    # the person picker's search: for those with a person form (staff; secretaries appoint members)
    "committees:person_pick": (
        [],
        {
            "anonymous": L,
            "member": N,
            "secretary_other": S,
            "secretary": S,
            "reporter": N,
            "staff": S,
            "admin": S,
        },
    ),
    "committees:post_pick": ([], STAFF_ONLY),
    "committees:org": ([], STAFF_ONLY),
    "committees:unit_create": ([], STAFF_ONLY),
    "committees:unit_edit": (["unit"], STAFF_ONLY),
    "committees:post_create": ([], STAFF_ONLY),
    "committees:post_detail": (["post"], STAFF_ONLY),
    "committees:post_edit": (["post"], STAFF_ONLY),
    "committees:post_move": (["post"], STAFF_ONLY),
}


def test_matrix_covers_every_committees_url():
    names = {
        f"committees:{name}"
        for name in get_resolver().namespace_dict["committees"][1].reverse_dict
        if isinstance(name, str)
    }
    # the notification pages (issue 13) have their matrices in tests/committees/test_notification_pages.py
    assert names == set(MATRIX) | NOTIFICATION_URLS


NOTIFICATION_URLS = {
    "committees:notifications",
    "committees:notification_settings",
    "committees:outbox",
    "committees:outbox_resend",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(client, actors, objects, url_name, role):
    arg_names, expected = MATRIX[url_name]
    args = [objects[name].pk if name in objects else name for name in arg_names]  # or a literal ("hwpx")
    if actors[role] is not None:
        client.force_login(actors[role])
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == expected[role]
    if expected[role] == L:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "sees_contacts"),
    [("member", False), ("secretary", True), ("staff", True), ("reporter", None)],
)
def test_person_contacts_only_for_roles_that_need_them(client, actors, objects, role, sees_contacts):
    client.force_login(actors[role])
    response = client.get(reverse("committees:person_detail", args=[objects["person"].pk]))
    if sees_contacts is None:
        assert response.status_code == 404
        return
    assert (objects["person"].email in response.content.decode()) is sees_contacts


def test_body_page_contact_column_hidden_from_members(client, actors, objects):
    client.force_login(actors["member"])
    html = client.get(objects["body"].get_absolute_url()).content.decode()
    assert objects["person"].email not in html
    client.force_login(actors["secretary"])
    assert objects["person"].email in client.get(objects["body"].get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("username", "heading"),
    [
        ("admin", "관리자 홈"),
        ("staff", "운영 담당 홈"),
        ("secretary", "간사 홈"),
        ("member", "위원 홈"),
        ("reporter", "보고 담당 홈"),
    ],
)
def test_each_demo_account_lands_on_its_own_home(client, actors, username, heading):
    client.force_login(actors[username])
    assert (
        f">\n  {heading}" in client.get("/").content.decode() or heading in client.get("/").content.decode()
    )


def test_login_page_in_korean_by_default(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="ko">' in html
    assert "로그인" in html


def test_language_switch_to_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()


def test_responses_carry_strict_csp(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


# --- forms: clear Korean errors, nothing lost ------------------------------------------------------


def test_appoint_form_refuses_fifth_woman_and_keeps_input(client, actors, objects):
    body = objects["body"]
    group = body.seat_groups.get(label="복지·보건·마을 분야")
    seat = group.seats.get(number=5)
    current = Membership.objects.get(seat=seat, end__gte=dt.date(2026, 11, 25))
    current.end, current.end_reason = dt.date(2026, 11, 30), "사임"
    current.save()
    women = Membership.objects.filter(
        body=body, seat__group__kind="appointed", person__gender=Gender.FEMALE, end__gte=dt.date(2026, 12, 1)
    ).count()
    assert women == 3  # the 5th seat's holder was a woman: 3 women + 4 men remain
    for _ in range(1):
        other = Membership.objects.filter(
            body=body,
            seat__group__kind="appointed",
            person__gender=Gender.MALE,
            end__gte=dt.date(2026, 12, 1),
        ).first()
        other.end, other.end_reason = dt.date(2026, 11, 30), "사임"
        other.save()
        factories.appoint(
            other.seat.group,
            factories.PersonFactory(gender=Gender.FEMALE),
            start=dt.date(2026, 12, 1),
            end=dt.date(2028, 1, 14),
            seat_number=other.seat.number,
        )
    candidate = factories.PersonFactory(name="후보여성", gender=Gender.FEMALE)
    client.force_login(actors["secretary"])
    data = {
        "seat": seat.pk,
        "person": candidate.pk,
        "role": "member",
        "start": "2026-12-01",
        "note": "추천서 접수",
    }
    # the one appoint path (appointments:create) carries the same gender-balance check
    response = client.post(reverse("appointments:create", args=[body.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "양성평등기본법 제21조" in html
    assert "추천서 접수" in html  # nothing lost
    assert not Membership.objects.filter(person=candidate).exists()
    data["gender_exception_reason"] = "추천 후보 전원 여성"
    response = client.post(reverse("appointments:create", args=[body.pk]), data)
    assert response.status_code == 302
    assert Membership.objects.get(person=candidate).gender_exception_reason == "추천 후보 전원 여성"


def test_post_move_form_records_move(client, actors, objects):
    client.force_login(actors["staff"])
    newcomer = factories.PersonFactory(name="신임국장")
    response = client.post(
        reverse("committees:post_move", args=[objects["post"].pk]),
        {"person": newcomer.pk, "start": "2026-12-01"},
    )
    assert response.status_code == 302
    seat_holder = Membership.objects.get(
        body=objects["body"], seat__group__post=objects["post"], start=dt.date(2026, 12, 1)
    )
    assert seat_holder.person == newcomer


def test_body_form_rejects_bad_convening_fraction(client, actors, objects):
    client.force_login(actors["staff"])
    response = client.post(
        reverse("committees:body_create"),
        {
            "name": "새 위원회",
            "kind": "other",
            "term_years": 2,
            "quorum_rule": "none",
            "decision_rule": "present_majority",
            "tie_rule": "reject",
            "convening_numerator": 4,
            "convening_denominator": 3,
            "notice_days": 5,
            "urgent_notice_days": 1,
            "reappointment_limit": 1,
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert "소집 요구 비율" in response.content.decode()
    assert not Body.objects.filter(name="새 위원회").exists()


# --- query counts: constant in the number of rows ---------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("rows", [1, 12])
def test_body_list_query_count(client, db, rows, django_assert_num_queries):
    for _ in range(rows):
        factories.seat_group(factories.BodyFactory(), count=3)
    client.force_login(factories.staff_user())
    # session, user, roles (one query), the annotated body list,
    # and the session's inactivity refresh (savepoint, update, release)
    with django_assert_num_queries(7):
        client.get(reverse("committees:body_list"))


@pytest.mark.parametrize("rows", [1, 20])
def test_body_detail_query_count(client, db, rows, django_assert_num_queries):
    # one appointed seat alone would breach the 6/10 gender rule; this test counts queries, not balance
    body = factories.BodyFactory(gender_balance_applies=False)
    group = factories.seat_group(body, count=rows)
    for _ in range(rows):
        factories.appoint(
            group,
            factories.PersonFactory(gender=Gender.MALE if _ % 2 else Gender.FEMALE),
            start=dt.date(2026, 1, 1),
            end=dt.date(2027, 12, 31),
        )
    client.force_login(factories.staff_user())
    # session, user, body, roles (one query), seat groups, seats, current memberships (+persons), children,
    # and the session's inactivity refresh (savepoint, update, release)
    with django_assert_num_queries(11):
        client.get(body.get_absolute_url())


@pytest.mark.parametrize("rows", [1, 30])
def test_person_list_query_count(client, db, rows, django_assert_num_queries):
    factories.PersonFactory.create_batch(rows)
    client.force_login(factories.staff_user())
    # session, user, roles (one query), the count and the page of persons, session refresh (3)
    with django_assert_num_queries(8):
        client.get(reverse("committees:person_list"))


def test_person_list_pages_through_everyone(client, db):
    """The list pages through every person (it once stopped at 500), and the search narrows it."""
    from seongdong_gov.pagination import PER_PAGE

    for i in range(PER_PAGE + 3):
        factories.PersonFactory(name=f"인물{i:03d}")
    client.force_login(factories.staff_user())
    first = client.get(reverse("committees:person_list")).content.decode()
    assert "인물000" in first and f"인물{PER_PAGE - 1:03d}" in first and f"인물{PER_PAGE:03d}" not in first
    assert 'rel="next"' in first and f"전체 {Person.objects.count()}건" in first
    second = client.get(reverse("committees:person_list"), {"page": 2}).content.decode()
    assert f"인물{PER_PAGE + 2:03d}" in second and "인물000" not in second
    found = client.get(reverse("committees:person_list"), {"q": "인물05"}).content.decode()
    assert "인물050" in found and "인물000" not in found


@pytest.mark.parametrize("rows", [1, 10])
def test_org_page_query_count(client, db, rows, django_assert_num_queries):
    for _ in range(rows):
        factories.PostFactory()
    client.force_login(factories.staff_user())
    # session, user, roles (one query), units, posts with holders (2), session refresh (3)
    with django_assert_num_queries(9):
        client.get(reverse("committees:org"))


def test_person_detail_lists_memberships(client, actors, objects):
    client.force_login(actors["staff"])
    html = client.get(objects["person"].get_absolute_url()).content.decode()
    assert objects["body"].name in html
    assert Person.objects.count() > 1


def test_body_list_counts_seats_and_members_without_multiplying(client, db):
    """Seats and memberships are counted in separate subqueries: 4 active seats (1 inactive not
    counted), 3 members in office (1 past member not counted), whatever the product of the two."""
    body = factories.BodyFactory(name="계수위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=5)
    group.seats.filter(number=5).update(active=False)
    today = dt.date.today()
    for i in range(3):
        factories.appoint(
            group,
            factories.PersonFactory(),
            start=today - dt.timedelta(days=10),
            end=today + dt.timedelta(days=700),
            seat_number=i + 1,
        )
    factories.appoint(
        group,
        factories.PersonFactory(),
        start=today - dt.timedelta(days=900),
        end=today - dt.timedelta(days=200),
        seat_number=4,
    )
    empty = factories.BodyFactory(name="빈위원회")
    rows = {b.pk: (b.seat_total, b.member_total) for b in selectors.bodies_with_counts(today)}
    assert rows[body.pk] == (4, 3)
    assert rows[empty.pk] == (0, 0)


def test_home_bodies_panel_shows_10_and_links_to_the_list(client, db):
    for i in range(12):
        factories.BodyFactory(name=f"패널기구{i:02d}", order=i)
    client.force_login(factories.staff_user())
    page = client.get(reverse("home")).content.decode()
    section = page[page.index('id="panel-bodies"') :].split("</section>")[0]
    assert len(re.findall(r"패널기구\d\d", section)) == 10
    assert f'href="{reverse("committees:body_list")}">전체 12개 기구 보기' in section


def test_body_composition_rows_escape_and_link(client, db):
    """The composition table (committees.markup.composition_html): one row a seat with its member or
    공석, the seat group's source, every value escaped, and the links each role may follow."""
    body = factories.BodyFactory(gender_balance_applies=False)
    post = factories.PostFactory(name="구청장 <직위>")
    factories.seat_group(body, label="당연 & 직", post=post)
    group = factories.seat_group(body, label='위촉 "갑"', count=2)
    group.field, group.recommender, group.qualification = "주민 <자치>", "동장 & 주민", "5년 <이상>"
    group.save()
    person = factories.PersonFactory(
        name="김 <철수>", title="회장", affiliation="A&B 협회", phone="010-1234-5678"
    )
    membership = factories.appoint(group, person, start=dt.date(2026, 1, 1), end=dt.date(2027, 12, 31))
    staff = factories.staff_user()
    client.force_login(staff)
    html = client.get(body.get_absolute_url()).content.decode()
    table = html.split('id="composition"')[1].split("</table>")[0]
    assert "김 &lt;철수&gt;" in table and "A&amp;B 협회 회장" in table and "<철수>" not in table
    assert "직위: 구청장 &lt;직위&gt;" in table and "주민 &lt;자치&gt; · 동장 &amp; 주민" in table
    assert (
        "5년 &lt;이상&gt;" in table and "위촉 &quot;갑&quot; 1" in table and "위촉 &quot;갑&quot; 2" in table
    )
    assert "2026. 1. 1. ~ 2027. 12. 31." in table
    assert table.count('class="vacant"') == 2  # the ex officio seat (no holder) and the second appointed seat
    assert reverse("committees:membership_edit", args=[membership.pk]) in table
    assert reverse("committees:membership_end", args=[membership.pk]) in table
    assert person.get_absolute_url() in table and "010-1234-5678" in table
    assert reverse("committees:seat_group_edit", args=[body.pk, group.pk]) in table
    vacant_seat = group.seats.exclude(pk=membership.seat_id).get()
    assert f"{reverse('appointments:create', args=[body.pk])}?seat={vacant_seat.pk}" in table
    # a member of another body sees the names but no contacts and no management links
    outsider = factories.user_for(factories.PersonFactory())
    client.force_login(outsider)
    table = client.get(body.get_absolute_url()).content.decode().split('id="composition"')[1]
    assert "김 &lt;철수&gt;" in table and "010-1234-5678" not in table
    assert reverse("committees:membership_edit", args=[membership.pk]) not in table


def test_body_list_shows_each_body_with_kind_parent_unit_and_counts(client, db):
    unit = factories.OrgUnitFactory(name="금호1가동 주민센터")
    parent = factories.BodyFactory(name="추진운영위원회", kind=Body.Kind.STEERING)
    body = factories.BodyFactory(
        name="<b>동 자문팀</b>", kind=Body.Kind.DONG_PANEL, parent=parent, dong_unit=unit
    )
    group = factories.seat_group(body, count=3)
    today = dt.date.today()
    factories.appoint(
        group,
        factories.PersonFactory(),
        start=today - dt.timedelta(days=1),
        end=today + dt.timedelta(days=700),
    )
    client.force_login(factories.staff_user())
    html = client.get(reverse("committees:body_list")).content.decode()
    row = html[html.index(body.get_absolute_url()) :]
    row = row[: row.index("</tr>")]
    assert "&lt;b&gt;동 자문팀&lt;/b&gt;" in row and "(금호1가동 주민센터)" in row
    assert "<td>동 자문팀</td><td>추진운영위원회</td>" in row
    assert '<td class="text-end">3</td><td class="text-end">1</td>' in row
    top = html[html.index(parent.get_absolute_url()) :]
    assert "<td>추진운영위원회</td><td>—</td>" in top[: top.index("</tr>")]


def test_body_list_says_when_there_is_no_body(client, db):
    client.force_login(factories.staff_user())
    Body.objects.update(is_active=False)
    assert "등록된 기구가 없습니다." in client.get(reverse("committees:body_list")).content.decode()
