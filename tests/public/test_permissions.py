"""Permission matrix of the public site: every public URL answers every role the same (200), logged in or
not; what it shows is the same too (tests/public/test_disclosure.py proves nothing private appears)."""

import pytest
from django.urls import reverse

from meetings import public_urls, screen_urls, services
from tests import factories
from tests.conftest import ROLES, assert_statuses
from tests.public.conftest import YEAR

EVERYONE = {role: 200 for role in ROLES}


def _args(world, name):
    return {
        "body": [world["body"].pk],
        "body_year": [world["body"].pk, YEAR],
        "meeting": [world["held"].pk],
        "minutes": [world["held"].pk],
        "minutes_pdf": [world["held"].pk],
        "attachment": [world["public_file"].pk],
    }.get(name, [])


NAMES = [p.name for p in public_urls.urlpatterns]


def test_matrix_covers_every_public_url():
    assert set(NAMES) == {
        "index",
        "body",
        "body_year",
        "calendar",
        "meeting",
        "minutes",
        "minutes_pdf",
        "attachment",
        "sitemap",
    }


@pytest.mark.parametrize("name", [n for n in NAMES if n != "minutes_pdf"])
def test_public_permission_matrix(role_world, public_world, name):
    url = reverse(f"public:{name}", args=_args(public_world, name))
    responses = assert_statuses(role_world.users, url, EVERYONE)
    # the page does not change with the visitor: no personalisation, so a shared cache is safe
    if not responses["anonymous"].streaming:
        assert len({r.content for r in responses.values()}) == 1


def test_public_pages_refuse_writes(public_world, client):
    assert client.post(reverse("public:index")).status_code == 405


# --- the meeting room's screen (issue 15 §3): no login; the secret link is the key ------------------

SCREEN_NAMES = [p.name for p in screen_urls.urlpatterns]
NOT_FOUND = {role: 404 for role in ROLES}


def test_matrix_covers_every_screen_url():
    assert set(SCREEN_NAMES) == {"page", "state"}


@pytest.fixture
def screen_token(role_world):
    meeting = factories.MeetingFactory(bodies=[role_world.body], title="화면회의")
    return services.screen_link_create(actor=None, meeting=meeting)


@pytest.mark.parametrize("name", SCREEN_NAMES)
def test_screen_permission_matrix(role_world, screen_token, name):
    # everyone with the link sees the same screen, logged in or not; a wrong link is 404 for everyone
    responses = assert_statuses(role_world.users, reverse(f"screen:{name}", args=[screen_token]), EVERYONE)
    assert (
        len({r.content for r in responses.values()}) == 1
        and "화면회의" in responses["anonymous"].content.decode()
    )
    assert_statuses(role_world.users, reverse(f"screen:{name}", args=[screen_token[:-1]]), NOT_FOUND)


def test_screen_refuses_writes(role_world, screen_token, client):
    assert client.post(reverse("screen:state", args=[screen_token])).status_code == 405
