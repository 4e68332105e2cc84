"""The mail outbox: every e-mail the product sends is a database row first, then a task for the worker.

Apps call `queue_mail`/`queue_many` inside the transaction of the change that causes the message: the
`OutboundMessage` row and its task row (django-tasks-db keeps its queue in the same database) commit or
roll back with that change. `manage.py db_worker` runs `send_outbound_message`, which claims the row so two
workers never send it twice, sends it through Django's mail backend and, if the server fails, schedules a
retry with exponential back-off. `outbox_sweep` re-enqueues any due row whose task was lost, so the row,
not the task, decides what is sent.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from seongdong_gov.audit import audit_record
from seongdong_gov.models import OutboundMessage

Status = OutboundMessage.Status


def absolute_url(path: str) -> str:
    """`path` (as `reverse()` returns it) on the site's own address, for links that work in a mail client."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}/{path.lstrip('/')}"


@dataclass(frozen=True)
class Recipient:
    """One addressee of `queue_many`: the address, the person's id, and the person's own headers
    (e.g. `List-Unsubscribe` pointing at that person's notification settings)."""

    to: str
    person_id: int | None = None
    headers: dict[str, str] | None = None


def queue_mail(
    *,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    kind: str,
    person_id: int | None = None,
    headers: dict[str, str] | None = None,
    dedup_key: str | None = None,
) -> OutboundMessage:
    """Queue one e-mail to one address; call it inside the transaction of the change that causes it.

    Side effects: writes an `OutboundMessage` (status queued) and a task row for the worker, both in the
    caller's transaction. With a `dedup_key` already queued, writes nothing and returns the existing row,
    so the same notice is never queued twice. `headers` may carry `List-Unsubscribe` for optional kinds.
    """
    with transaction.atomic():
        if dedup_key is not None:
            existing = OutboundMessage.objects.filter(dedup_key=dedup_key).first()
            if existing is not None:
                return existing
        all_headers = {"Message-ID": make_msgid(domain=_mail_domain()), **(headers or {})}
        message = OutboundMessage.objects.create(
            to=to,
            person_id=person_id,
            kind=kind,
            subject=subject,
            text=text,
            html=html or "",
            headers=all_headers,
            next_attempt_at=timezone.now(),
            dedup_key=dedup_key,
        )
        send_outbound_message.enqueue(message_id=message.pk)
    return message


def queue_many(
    *,
    recipients: Iterable[Recipient],
    subject: str,
    text: str,
    html: str | None = None,
    kind: str,
    headers: dict[str, str] | None = None,
    dedup_key: str | None = None,
) -> list[OutboundMessage]:
    """Queue the same e-mail as one message per recipient, so no one sees another's address.

    Side effects: as `queue_mail`, once per recipient, all in one transaction. A `dedup_key` is made
    per recipient by appending the address.
    """
    with transaction.atomic():
        return [
            queue_mail(
                to=r.to,
                subject=subject,
                text=text,
                html=html,
                kind=kind,
                person_id=r.person_id,
                headers={**(headers or {}), **(r.headers or {})},
                dedup_key=f"{dedup_key}:{r.to}" if dedup_key is not None else None,
            )
            for r in recipients
        ]


def outbound_message_requeue(*, message: OutboundMessage, actor) -> bool:
    """Send a message again (staff's «resend»): a sent or failed one goes out once more. Returns False,
    changing nothing, for a message a worker is sending right now (resetting it could send it twice).

    Side effects: resets the message to queued, due now, with a new Message-ID (a deliberate resend is a
    new message; mail clients would hide a second copy with the old one); enqueues a send task; writes an
    audit entry.
    """
    with transaction.atomic():
        locked = OutboundMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status == Status.SENDING:
            return False
        locked.headers = {**locked.headers, "Message-ID": make_msgid(domain=_mail_domain())}
        locked.status, locked.next_attempt_at, locked.last_error = Status.QUEUED, timezone.now(), ""
        locked.save(update_fields=["headers", "status", "next_attempt_at", "last_error"])
        audit_record(actor=actor, action="mail_resend", obj=locked)
        send_outbound_message.enqueue(message_id=locked.pk)
    return True


@task()
def send_outbound_message(message_id: int) -> str:
    """The worker's task: send one queued message once. Returns the message's new status.

    Side effects: marks the row sending (under a row lock, so a second worker skips it), sends it through
    the configured mail backend, then marks it sent, or failed with the server's answer and a retry time,
    enqueuing the retry. A message another worker holds, or that is not due, is left alone.
    """
    message = _claim(message_id)
    if message is None:
        return "skipped"
    try:
        _build(message).send()
    except (smtplib.SMTPException, OSError) as exc:
        return _record_failure(message, exc)
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=Status.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return Status.SENT


# A message due for longer than this has most likely lost its task (a running worker takes a due task
# within seconds); younger ones are left to their own task rather than given a duplicate.
SWEEP_GRACE = timedelta(minutes=5)


def outbox_sweep(*, now: datetime | None = None) -> int:
    """Enqueue a send task for every message overdue by `SWEEP_GRACE`, whose task may be lost. Returns the
    count. Run it every few minutes (README: systemd timer); `make run` runs it at start.

    Side effects: a message stuck in «sending» past its claim (its worker died) goes back to queued; one
    task row per overdue message. A task for a message that is already being sent only finds nothing to do.
    """
    now = now or timezone.now()
    with transaction.atomic():
        OutboundMessage.objects.filter(status=Status.SENDING, next_attempt_at__lte=now).update(
            status=Status.QUEUED
        )
        due = list(
            OutboundMessage.objects.filter(
                Q(status__in=[Status.QUEUED, Status.FAILED]), next_attempt_at__lte=now - SWEEP_GRACE
            ).values_list("pk", flat=True)
        )
        for pk in due:
            send_outbound_message.enqueue(message_id=pk)
    return len(due)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: the base after the first failure, doubling after each, capped at a day."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, 24 * 3600))


def _claim(message_id: int) -> OutboundMessage | None:
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutboundMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status__in=[Status.QUEUED, Status.FAILED], next_attempt_at__lte=now)
            .first()
        )
        if message is None:
            return None
        message.status = Status.SENDING
        message.attempts += 1
        # The claim lasts this long; past it, the sweep assumes the worker died and queues the message.
        message.next_attempt_at = now + timedelta(seconds=settings.MAIL_CLAIM_SECONDS)
        message.save(update_fields=["status", "attempts", "next_attempt_at"])
    return message


def _build(message: OutboundMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers=message.headers,
        connection=get_connection(fail_silently=False),
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def _record_failure(message: OutboundMessage, exc: Exception) -> str:
    # 5xx answers are permanent (unknown mailbox, refused sender): retrying would only repeat them.
    permanent = _smtp_code(exc) >= 500 or message.attempts >= settings.MAIL_MAX_ATTEMPTS
    next_attempt_at = None if permanent else timezone.now() + retry_delay(message.attempts)
    with transaction.atomic():
        OutboundMessage.objects.filter(pk=message.pk).update(
            status=Status.FAILED, last_error=_describe(exc), next_attempt_at=next_attempt_at
        )
        if next_attempt_at is not None:
            send_outbound_message.using(run_after=next_attempt_at).enqueue(message_id=message.pk)
    return Status.FAILED


def _smtp_code(exc: Exception) -> int:
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        return min(code for code, _msg in exc.recipients.values())
    return 0


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        error = (
            exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        return f"{exc.smtp_code} {error}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{addr}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
            for addr, (code, msg) in exc.recipients.items()
        )
    return f"{type(exc).__name__}: {exc}"


def _mail_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
