"""Project-wide writes: login attempts (the lockout's evidence)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from seongdong_gov import rules
from seongdong_gov.models import LoginAttempt

logger = logging.getLogger("seongdong_gov.security")


def login_attempt_record(*, username: str, ip: str | None, outcome: str) -> LoginAttempt:
    """Store one login attempt and write it to the security log. Side effects: one row, one log line."""
    attempt = LoginAttempt.objects.create(username=username[:150], ip=ip or None, outcome=outcome)
    logger.info("login %s username=%r ip=%s", outcome, attempt.username, attempt.ip)
    return attempt


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
