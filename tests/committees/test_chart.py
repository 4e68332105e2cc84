"""The body chart: one query for the bodies whatever their number (no query per child body)."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.mark.parametrize("rows", [1, 20])
def test_body_chart_queries_constant_in_child_bodies(
    login, db, rows, django_assert_num_queries, no_n_plus_one
):
    root = factories.BodyFactory(name="추진운영위원회")
    for i in range(rows):
        child = factories.BodyFactory(name=f"분과 {i:02d}", parent=root)
        factories.BodyFactory(name=f"소위 {i:02d}", parent=child)
    factories.BodyFactory(name="폐지된 분과", parent=root, is_active=False)
    client = login(factories.staff_user())
    client.get(reverse("committees:body_chart"))  # warm the session
    # session, user, roles (one query), then the active bodies: one query; no session
    # write (the warm-up stamped it: saved at most once per SESSION_REFRESH_SECONDS)
    with django_assert_num_queries(4), no_n_plus_one():
        response = client.get(reverse("committees:body_chart"))
    html = response.content.decode()
    # the list view shows every active body under its parent, the inactive one nowhere
    assert html.count(f"분과 {rows - 1:02d}") == 2 and html.count(f"소위 {rows - 1:02d}") == 2
    assert "폐지된 분과" not in html


def test_body_chart_writes_boxes_and_nested_list(login, db):
    """committees.markup.chart_html: a box and a list item a body, linked and escaped, children nested
    under their parent in the list."""
    root = factories.BodyFactory(name="추진 <운영> & 위원회")
    child = factories.BodyFactory(name='분과 "가"', parent=root)
    html = login(factories.staff_user()).get(reverse("committees:body_chart")).content.decode()
    svg, listing = html.split("</svg>")
    for body, name in ((root, "추진 &lt;운영&gt; &amp; 위원회"), (child, "분과 &quot;가&quot;")):
        assert f'<a href="{body.get_absolute_url()}" class="depth-' in svg and f">{name}</text>" in svg
        assert f'<a href="{body.get_absolute_url()}">{name}</a>' in listing
    assert svg.count("<line ") == 3  # parent down, across, down to the child
    nested = listing.split(f'<a href="{root.get_absolute_url()}">')[1].split("</li>")[0]
    assert f'<ul><li><a href="{child.get_absolute_url()}">' in nested
    assert "<운영>" not in html
