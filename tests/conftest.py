import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests import factories


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 is slow on purpose; the demo's five accounts would cost ~1 s per test that loads the demo.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _demo_dump(tmp_path_factory):
    # one file per test process (xdist workers get their own tmp directories)
    return tmp_path_factory.mktemp("demo") / "demo.json"


@pytest.fixture
def demo(db, _demo_dump):
    """The full demo data set (bodies from the plan and the five demo accounts).

    The first test in a process runs `load_demo` through the services and dumps the result; later tests
    load that dump (about four times faster). The data are the same rows either way.
    """
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


ROLES = ["anonymous", "member", "secretary_other", "secretary", "reporter", "staff", "admin"]


@pytest.fixture
def demo_actors(demo):
    """The demo accounts by role, plus the secretary of another body (the current 자치행정팀장, 간사 of
    추진단, not of 추진운영위원회) and None for an anonymous visitor."""
    from committees.models import PostHolding

    User = get_user_model()
    users = {
        name: User.objects.get(username=name)
        for name in ["member", "secretary", "reporter", "staff", "admin"]
    }
    other = PostHolding.objects.get(post__name="자치행정팀장", end__isnull=True).person
    other.user = factories.UserFactory(username="secretary_other")
    other.save()
    users["secretary_other"] = other.user
    users["anonymous"] = None
    return users
