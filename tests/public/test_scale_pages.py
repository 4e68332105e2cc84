"""The index's rows and the sitemap, written in Python (meetings.public_markup): each cell, escaping of
user text, links, order and the empty states."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from committees.models import Body
from meetings.models import Minutes
from tests import factories

pytestmark = pytest.mark.django_db
SEOUL = factories.SEOUL
HOSTILE = "<b>&\"'위원회"


def test_index_rows_show_each_body_escaped_with_its_kind_counts_and_link():
    today = dt.date.today()
    body = factories.BodyFactory(name=HOSTILE, kind=Body.Kind.STEERING, order=1)
    factories.seat_group(body, count=3)
    factories.member(body, start=today - dt.timedelta(days=1), end=today + dt.timedelta(days=30))
    other = factories.BodyFactory(name="둘째위원회", order=2)
    factories.BodyFactory(name="닫힌위원회", is_active=False)
    html = Client().get(reverse("public:index")).content.decode()
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    kind = str(Body.Kind.STEERING.label)
    assert rows == (
        f'\n  <tr><th scope="row"><a href="/public/bodies/{body.pk}/">&lt;b&gt;&amp;&quot;&#x27;위원회</a></th>'
        f'<td>{kind}</td><td class="text-end">4</td><td class="text-end">1</td></tr>\n  '
        f'<tr><th scope="row"><a href="/public/bodies/{other.pk}/">둘째위원회</a></th>'
        f'<td>{other.get_kind_display()}</td><td class="text-end">0</td><td class="text-end">0</td></tr>\n  \n  '
    )
    assert "닫힌위원회" not in html


def test_index_without_bodies_says_so():
    html = Client().get(reverse("public:index")).content.decode()
    assert '<tr><td colspan="4">공개된 기구가 없습니다.</td></tr>' in html


def test_sitemap_lists_the_pages_the_active_bodies_and_public_minutes_in_order():
    second = factories.BodyFactory(order=2)
    first = factories.BodyFactory(order=1)
    factories.BodyFactory(is_active=False)
    start = dt.datetime(2026, 3, 2, 16, tzinfo=SEOUL)
    meetings = [
        factories.MeetingFactory(bodies=[first], starts_at=start, ends_at=start + dt.timedelta(hours=1))
        for _ in range(3)
    ]
    for meeting in meetings[:2]:
        factories.MinutesFactory(meeting=meeting, status=Minutes.Status.LOCKED, approved_at=start)
    factories.MinutesFactory(
        meeting=meetings[2],
        status=Minutes.Status.LOCKED,
        approved_at=start,
        is_public=False,
        nondisclosure_reason="정보공개법 제9조 제1항 제5호",
    )
    response = Client().get(reverse("public:sitemap"))
    assert response["Content-Type"] == "application/xml"

    def url(path, freq):
        return f"<url><loc>http://testserver{path}</loc><changefreq>{freq}</changefreq></url>"

    assert response.content.decode() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + url("/public/", "daily")
        + url("/public/meetings/", "daily")
        + url(f"/public/bodies/{first.pk}/", "weekly")
        + url(f"/public/bodies/{second.pk}/", "weekly")
        + url(f"/public/meetings/{meetings[0].pk}/minutes/", "monthly")
        + url(f"/public/meetings/{meetings[1].pk}/minutes/", "monthly")
        + "\n</urlset>\n"
    )


@pytest.mark.parametrize("n", [1, 6])
def test_sitemap_queries(django_assert_num_queries, n):
    for _ in range(n):
        factories.BodyFactory()
    # 1: the public minutes' meetings; 2: the active bodies' pks
    with django_assert_num_queries(2):
        response = Client().get(reverse("public:sitemap"))
    assert response.content.decode().count("/public/bodies/") == n
