"""Login lockout, CSRF, CSP and the production settings check."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.models import Session
from django.db import connection
from django.db import connections as db_connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seongdong_gov import services
from seongdong_gov.middleware import SessionRefreshMiddleware
from seongdong_gov.models import LoginAttempt
from seongdong_gov.rules import lockout_until
from tests import factories

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
WINDOW = dt.timedelta(minutes=15)


def _m(*minutes_ago: float) -> list[dt.datetime]:
    return [T0 - dt.timedelta(minutes=m) for m in minutes_ago]


@pytest.mark.parametrize(
    ("failures", "limit", "expected"),
    [
        (_m(), 5, None),
        (_m(1, 2, 3, 4), 5, None),  # four failures: not yet
        (_m(1, 2, 3, 4, 5), 5, T0 - dt.timedelta(minutes=5) + WINDOW),  # fifth locks until the 5th leaves
        (_m(1, 2, 3, 4, 16), 5, None),  # the oldest is outside the window
        (_m(0, 1, 2, 3, 4, 14), 5, T0 - dt.timedelta(minutes=4) + WINDOW),  # the 5 newest decide
        (_m(1), 1, T0 - dt.timedelta(minutes=1) + WINDOW),
        (_m(15), 1, None),  # exactly the window ago is outside it
    ],
)
def test_lockout_until_table(failures, limit, expected):
    assert lockout_until(failures, now=T0, limit=limit, window=WINDOW) == expected


def _post_login(client, username, password, path=None):
    return client.post(path or reverse("login"), {"username": username, "password": password})


def test_login_locks_after_repeated_failures_even_with_right_password(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    user = factories.UserFactory(username="kim")
    for _ in range(3):
        response = _post_login(client, "kim", "wrong-password")
        assert "사용자 이름 또는 비밀번호가 올바르지 않습니다." in response.content.decode()
    response = _post_login(client, "kim", factories.PASSWORD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "로그인에 여러 번 실패하여 잠시 잠겼습니다. 15분 뒤에 다시 시도하세요." in html
    assert "_auth_user_id" not in client.session
    outcomes = list(
        LoginAttempt.objects.filter(username="kim").order_by("id").values_list("outcome", flat=True)
    )
    assert outcomes == ["failure", "failure", "failure", "locked"]
    # the window passes: the right password works again and the success is recorded
    LoginAttempt.objects.update(at=LoginAttempt.objects.first().at - dt.timedelta(minutes=16))
    response = _post_login(client, "kim", factories.PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert LoginAttempt.objects.filter(username="kim").latest("id").outcome == "success"


def test_login_failures_of_one_user_do_not_lock_another(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    factories.UserFactory(username="lee")
    for _ in range(2):
        _post_login(client, "park", "guess")
    assert _post_login(client, "lee", factories.PASSWORD).status_code == 302


def test_one_address_guessing_many_accounts_is_locked(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_IP_LIMIT = 4
    factories.UserFactory(username="choi")
    for i in range(4):
        _post_login(client, f"user-{i}", "guess")
    response = _post_login(client, "choi", factories.PASSWORD)
    assert "잠시 잠겼습니다" in response.content.decode()
    other_address = Client(REMOTE_ADDR="10.1.2.3")
    assert _post_login(other_address, "choi", factories.PASSWORD).status_code == 302


def test_admin_login_page_has_the_same_lockout(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    for _ in range(2):
        _post_login(client, "root", "guess", path="/admin/login/")
    response = _post_login(client, "root", factories.PASSWORD, path="/admin/login/")
    assert "잠시 잠겼습니다" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_without_csrf_token_is_refused(db):
    factories.UserFactory(username="jung")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "jung", "password": factories.PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def _stored_expiry(client, settings):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).expire_date


def test_session_expires_after_inactivity_and_is_refreshed_at_most_once_per_interval(client, db, settings):
    settings.SESSION_REFRESH_SECONDS = 60
    client.force_login(factories.staff_user())
    client.get("/")  # the first page view stamps the session and restarts its age
    first = _stored_expiry(client, settings)
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE
    # within the interval: no session write (no UPDATE) and the same expiry
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    assert not [q for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    assert _stored_expiry(client, settings) == first
    # once the interval has passed, the next page view restarts the age again
    session = client.session
    session[SessionRefreshMiddleware.KEY] -= 61
    session.save()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert [q for q in ctx.captured_queries if q["sql"].startswith('UPDATE "django_session"')]
    assert _stored_expiry(client, settings) >= first
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_session_refresh_creates_no_session_for_anonymous_visitors(client, db):
    client.get(reverse("login"))
    assert not Session.objects.exists()


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    root = Path(__file__).resolve().parents[2]
    # the test environment's own variables (the browser tests allow async-unsafe ORM calls) stay out
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_DEVELOPMENT", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        SECRET_KEY="x9!k2#pQ7@vL0$zR5^wT8&yU3*mN6(bC1)dF4_gH-jK+sA=eX%oI",
        ALLOWED_HOSTS="gov.sd.go.kr",
        SITE_URL="https://gov.sd.go.kr",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        DJANGO_SETTINGS_MODULE="seongdong_gov.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("form_path", "field", "kwargs"),
    [
        ("meetings.forms.MinutesForm", "remarks", {}),
        ("meetings.forms.MinutesCorrectionForm", "text", {}),
        ("reports.forms.ReportForm", "achievements", {"indicators": []}),
        ("reports.forms.ReportForm", "problems", {"indicators": []}),
    ],
)
def test_free_text_refuses_a_resident_registration_number(db, form_path, field, kwargs):
    """개인정보 보호법 제24조의2: no resident registration number is stored, not even inside minutes or
    report narratives."""
    from django.utils.module_loading import import_string

    form = import_string(form_path)({field: "홍길동(801231-1234567) 참석", "reason": "오기"}, **kwargs)
    assert not form.is_valid()
    assert "주민등록번호로 보이는 값은 저장할 수 없습니다" in " ".join(form.errors[field])


class CountingBackend(ModelBackend):
    """Django's backend, counting the password checks it makes (across threads)."""

    checks = 0
    _lock = threading.Lock()

    def authenticate(self, request, username=None, password=None, **kwargs):
        with CountingBackend._lock:
            CountingBackend.checks += 1
        return super().authenticate(request, username=username, password=password, **kwargs)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer (IMMEDIATE transactions) so attempts never run in parallel there",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_check_no_more_than_the_limit(settings):
    # The probe: 12 parallel wrong passwords for one account got 8 password checks with a limit of 5.
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.AUTHENTICATION_BACKENDS = ["tests.seongdong_gov.test_security.CountingBackend"]
    CountingBackend.checks = 0
    factories.UserFactory(username="target")
    barrier = threading.Barrier(12)
    statuses: list[int] = []

    def guess(n: int) -> None:
        try:
            client = Client()
            barrier.wait()
            statuses.append(_post_login(client, "target", f"wrong-{n}").status_code)
        finally:
            db_connections.close_all()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 12  # every attempt answered with the form and a message, none failed
    assert CountingBackend.checks <= 5
    assert LoginAttempt.objects.filter(username="target", outcome="failure").count() == 5
    assert LoginAttempt.objects.filter(username="target", outcome="locked").count() == 7


def test_admitted_attempt_counts_before_its_password_is_checked(db, settings):
    # the count-and-admit step records the attempt first: a check in flight already counts
    settings.LOGIN_FAILURE_LIMIT = 2
    first, until = services.login_attempt_admit(username="lee", ip="10.0.0.1")
    assert until is None and first.outcome == "failure"
    second, _ = services.login_attempt_admit(username="lee", ip="10.0.0.1")
    assert second is not None
    third, until = services.login_attempt_admit(username="lee", ip="10.0.0.1")
    assert third is None and until is not None
    services.login_attempt_succeed(attempt=second)
    outcomes = list(LoginAttempt.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == ["failure", "success", "locked"]


def test_security_log_says_failure_only_for_a_login_that_failed(client, db, caplog):
    # the attempt is stored as a failure before the password is checked; the log waits for the answer
    factories.UserFactory(username="kim")
    with caplog.at_level("INFO", logger="seongdong_gov.security"):
        _post_login(client, "kim", factories.PASSWORD)
        _post_login(Client(), "kim", "wrong")
    lines = [r.getMessage() for r in caplog.records if r.name == "seongdong_gov.security"]
    assert lines == ["login success username='kim' ip=127.0.0.1", "login failure username='kim' ip=127.0.0.1"]
