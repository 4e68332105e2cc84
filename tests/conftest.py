import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appointments.services import planned_end
from committees.models import Body, Membership, OrgUnit, Person
from tests import factories
from tests.seongdong_gov.conftest import smtp_server  # noqa: F401  (a real SMTP server for every test directory)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 is slow on purpose; the demo's five accounts would cost ~1 s per test that loads the demo.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


DOCUMENT_CACHE_OFF = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
DOCUMENT_CACHE_ON = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "documents-test"}


@pytest.fixture(autouse=True)
def _no_document_cache(settings):
    # Every test renders its documents anew: a PDF cached by an earlier test (same HTML) would let a test
    # about rendering (fonts, layout) pass without rendering. The cache's own tests turn it on.
    settings.CACHES = {**settings.CACHES, "documents": DOCUMENT_CACHE_OFF}


@pytest.fixture
def document_cache(settings):
    """The documents cache on (in memory, empty) for the test."""
    settings.CACHES = {**settings.CACHES, "documents": DOCUMENT_CACHE_ON}
    from django.core.cache import caches

    caches["documents"].clear()
    return caches["documents"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # the per-process cache (rendered calendar feeds) must not carry one test's rows into the next
    from django.core.cache import cache

    yield
    cache.clear()


@pytest.fixture(scope="session")
def _zeal_patched(django_db_setup):
    """django-zeal's model patches, installed once for the test run without listing `zeal` in
    INSTALLED_APPS (it is a test tool, not part of the product). Inert outside `no_n_plus_one`."""
    from zeal.constants import initialize_app_registry  # inline: a dev dependency, tests only
    from zeal.patch import patch

    initialize_app_registry()
    patch()


@pytest.fixture
def no_n_plus_one(_zeal_patched, settings):
    """A context manager that raises zeal.NPlusOneError when the code inside loads a relation row by
    row (an N+1). Wrap one request with it (`with no_n_plus_one(): client.get(url)`): around test
    setup it would flag the factories, and across requests the per-request session and roles reads."""
    from zeal import zeal_context

    settings.ZEAL_RAISE = True
    return zeal_context


@pytest.fixture(scope="session")
def _demo_dump(tmp_path_factory):
    # one file per test process (xdist workers get their own tmp directories)
    return tmp_path_factory.mktemp("demo") / "demo.json"


@pytest.fixture
def demo(db, _demo_dump, tmp_path, settings):
    """The full demo data set (bodies from the plan and the five demo accounts).

    The first test in a process runs `load_demo` through the services and dumps the result; later tests
    load that dump (about four times faster). The data are the same rows either way.
    """
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo's sample seal file, never the working tree
    if _demo_dump.exists():
        call_command("loaddata", str(_demo_dump), verbosity=0)
        return
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry"],
        output=str(_demo_dump),
        verbosity=0,
    )


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def body(db):
    return factories.BodyFactory()


# One spelling of each role, in the order every permission matrix lists them.
ROLES = ["anonymous", "member", "secretary_other", "secretary", "reporter", "staff", "admin"]
LOGIN = "login"  # an expected "status": a 302 to the login page


@dataclass
class RoleWorld:
    """The small world every permission matrix starts from: one user per role (None for anonymous).

    `body` is the body the member sits on and the secretary keeps; `other_body` is kept by
    secretary_other; the reporter reports for `reporter_unit`.
    """

    users: dict[str, Any]
    body: Body
    other_body: Body
    membership: Membership
    reporter_unit: OrgUnit

    @property
    def member_person(self) -> Person:
        return self.membership.person


@pytest.fixture
def role_world(db) -> RoleWorld:
    today = timezone.localdate()  # Seoul's date: the views compare terms with it
    body = factories.BodyFactory(name="추진운영위원회", gender_balance_applies=False)
    other = factories.BodyFactory(name="다른위원회", gender_balance_applies=False)
    start = today - dt.timedelta(days=100)
    # a full term, so the appointments matrix can record the appointment behind it
    end = planned_end(body=body, start=start)
    membership = factories.member(body, factories.PersonFactory(name="본인위원"), start=start, end=end)
    users = {"anonymous": None, "member": factories.user_for(membership.person, username="member")}
    for role, b in [("secretary", body), ("secretary_other", other)]:
        person = factories.PersonFactory()
        users[role] = factories.user_for(person, username=role)
        b.secretary_person = person
        b.save()
    users["reporter"] = factories.UserFactory(username="reporter")
    unit = factories.OrgUnitFactory(name="금호1가동 주민센터", kind=OrgUnit.Kind.DONG)
    unit.reporting_officers.add(users["reporter"])
    users["staff"] = factories.staff_user("staff")
    users["admin"] = factories.admin_user("admin")
    return RoleWorld(
        users={role: users[role] for role in ROLES},
        body=body,
        other_body=other,
        membership=membership,
        reporter_unit=unit,
    )


@pytest.fixture
def role_users(role_world) -> dict[str, Any]:
    return role_world.users


def assert_statuses(users, url, expected, *, method="get", data=None) -> dict[str, HttpResponse]:
    """Request `url` as every role and assert `{role: status}` equals `expected` (LOGIN: a redirect to the
    login page). Each role's request runs in a savepoint that is rolled back, so a POST by one role does
    not change what the next role meets. Returns the responses by role for further assertions."""
    assert list(expected) == ROLES, "a matrix row lists every role, in the order of ROLES"
    login_url = reverse("login")
    responses, seen = {}, {}
    for role in expected:
        client = Client()
        with transaction.atomic():
            if users[role] is not None:
                client.force_login(users[role])
            response = getattr(client, method)(url, data or {})
            transaction.set_rollback(True)
        responses[role] = response
        to_login = response.status_code == 302 and response["Location"].startswith(login_url)
        seen[role] = LOGIN if to_login else response.status_code
    assert seen == expected, url
    return responses
