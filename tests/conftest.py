import pytest
from django.core.management import call_command

from tests import factories


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 is slow on purpose; the demo's five accounts would cost ~1 s per test that loads the demo.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The full demo data set (bodies from the plan and the five demo accounts)."""
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def body(db):
    return factories.BodyFactory()
