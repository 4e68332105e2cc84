"""Project-wide writes: login attempts (the lockout's evidence)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from seongdong_gov import rules
from seongdong_gov.models import LoginAttempt

logger = logging.getLogger("seongdong_gov.security")


def login_attempt_record(*, username: str, ip: str | None, outcome: str, log: bool = True) -> LoginAttempt:
    """Store one login attempt and (unless `log` is false) write it to the security log.
    Side effects: one row, at most one log line."""
    attempt = LoginAttempt.objects.create(username=username[:150], ip=ip or None, outcome=outcome)
    if log:
        login_attempt_log(attempt)
    return attempt


def login_attempt_log(attempt: LoginAttempt) -> None:
    """One security log line for an attempt whose outcome is known."""
    logger.info("login %s username=%r ip=%s", attempt.outcome, attempt.username, attempt.ip)


def login_locked_until(
    *, username: str, ip: str | None, now: dt.datetime | None = None
) -> dt.datetime | None:
    """The end of the lock on this username or this address, or None (settings LOGIN_FAILURE_LIMIT,
    LOGIN_FAILURE_IP_LIMIT, LOGIN_LOCKOUT_MINUTES)."""
    now = now or timezone.now()
    window = dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    failures = LoginAttempt.objects.filter(outcome=LoginAttempt.Outcome.FAILURE, at__gt=now - window)
    by_user = list(
        failures.filter(username=username[:150])
        .order_by("-at")
        .values_list("at", flat=True)[: settings.LOGIN_FAILURE_LIMIT]
    )
    ends = [rules.lockout_until(by_user, now=now, limit=settings.LOGIN_FAILURE_LIMIT, window=window)]
    if ip:
        by_ip = list(
            failures.filter(ip=ip)
            .order_by("-at")
            .values_list("at", flat=True)[: settings.LOGIN_FAILURE_IP_LIMIT]
        )
        ends.append(rules.lockout_until(by_ip, now=now, limit=settings.LOGIN_FAILURE_IP_LIMIT, window=window))
    ends = [e for e in ends if e is not None]
    return max(ends) if ends else None


def _advisory_key(kind: str, value: str) -> int:
    # a stable signed 64-bit key (Python's hash() changes per process)
    digest = hashlib.blake2b(f"login-{kind}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_login_keys(*, username: str, ip: str | None) -> None:
    """Serialise the count-and-admit step per username and per address until the transaction ends.

    On PostgreSQL a transaction-level advisory lock (no table, released at commit); always taken in the
    same order (username, then address), so two attempts cannot wait on each other. SQLite needs none:
    the project opens its transactions IMMEDIATE, so one writer at a time holds the whole database.
    """
    if connection.vendor != "postgresql":
        return
    keys = [_advisory_key("user", username)] + ([_advisory_key("ip", ip)] if ip else [])
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def login_attempt_admit(*, username: str, ip: str | None) -> tuple[LoginAttempt | None, dt.datetime | None]:
    """Decide, atomically, whether this attempt may check a password.

    Under a per-username and per-address lock: when locked, record a LOCKED attempt and return
    (None, end of the lock); otherwise record the attempt as a FAILURE *before* the password is checked
    and return (that attempt, None), so parallel attempts count each other and no more than
    LOGIN_FAILURE_LIMIT passwords are ever checked in a window, whatever the concurrency. A correct
    password turns the row into a SUCCESS (`login_attempt_succeed`); a wrong one leaves it and the caller
    logs it (`login_attempt_log`), so the security log never says "failure" for a login that succeeded.
    Side effects: one LoginAttempt row; a log line only when locked.
    """
    username = username[:150]
    with transaction.atomic():
        _lock_login_keys(username=username, ip=ip)
        until = login_locked_until(username=username, ip=ip)
        if until is not None:
            login_attempt_record(username=username, ip=ip, outcome=LoginAttempt.Outcome.LOCKED)
            return None, until
        attempt = login_attempt_record(
            username=username, ip=ip, outcome=LoginAttempt.Outcome.FAILURE, log=False
        )
        return attempt, None


def login_attempt_succeed(*, attempt: LoginAttempt) -> LoginAttempt:
    """Mark an admitted attempt whose password was right as a SUCCESS.
    Side effects: updates the row, one security log line."""
    with transaction.atomic():
        LoginAttempt.objects.filter(pk=attempt.pk).update(outcome=LoginAttempt.Outcome.SUCCESS)
    attempt.outcome = LoginAttempt.Outcome.SUCCESS
    login_attempt_log(attempt)
    return attempt
