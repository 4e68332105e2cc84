"""The project-wide permission matrix, generated from the URL configuration.

Every URL of the project (Django's admin aside, which guards itself) must be in a matrix that is tested
against every role: the project's own URLs here, each app's URLs in that app's matrix module, which has a
test failing when one of its URLs is missing. A new app (URL namespace) without a matrix fails below.
"""

from __future__ import annotations

import importlib

import pytest
from django.urls import URLResolver, get_resolver, reverse

from tests.conftest import LOGIN, ROLES, assert_statuses

S, L, X = 200, LOGIN, 405  # L: the login page

# URL namespace → the test module holding its matrix and the test that proves the matrix is complete
APP_MATRICES = {
    "committees": ("tests.committees.test_views", "test_matrix_covers_every_committees_url"),
    "meetings": ("tests.meetings.test_permissions", "test_every_meetings_url_is_in_the_matrix"),
    "reports": ("tests.reports.test_permissions", "test_matrix_covers_every_reports_url"),
    "appointments": ("tests.appointments.test_permissions", "test_matrix_covers_every_url"),
    "public": ("tests.public.test_permissions", "test_matrix_covers_every_public_url"),
    "screen": ("tests.public.test_permissions", "test_matrix_covers_every_screen_url"),
}
EVERYONE_LOGGED_IN = {role: S for role in ROLES} | {"anonymous": L}
PROJECT_MATRIX = {
    "home": EVERYONE_LOGGED_IN,
    "login": {role: S for role in ROLES},
    "logout": {role: X for role in ROLES},  # POST only: a link cannot log anyone out (CSRF)
    "password_change": EVERYONE_LOGGED_IN,
    "password_change_done": EVERYONE_LOGGED_IN,
    "set_language": {role: 302 for role in ROLES},
    "robots": {
        role: S for role in ROLES
    },  # robots.txt: for search engines, whoever asks  # a GET only redirects back; the switch is a POST form
}


def _project_url_names() -> tuple[set[str], set[str]]:
    names, namespaces = set(), set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace and pattern.namespace != "admin":
                namespaces.add(pattern.namespace)
            elif pattern.namespace is None:  # an include without a namespace (i18n)
                names |= {p.name for p in pattern.url_patterns if p.name}
        elif pattern.name:
            names.add(pattern.name)
    return names, namespaces


def test_every_url_of_the_project_is_in_a_matrix():
    names, namespaces = _project_url_names()
    assert names == set(PROJECT_MATRIX)
    assert namespaces == set(APP_MATRICES)
    for module, test in APP_MATRICES.values():
        assert callable(getattr(importlib.import_module(module), test)), (module, test)


@pytest.mark.parametrize("name", list(PROJECT_MATRIX))
def test_project_permission_matrix(role_users, name):
    assert_statuses(role_users, reverse(name), PROJECT_MATRIX[name])


def test_logout_by_post_ends_the_session(client, role_users):
    client.force_login(role_users["member"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
