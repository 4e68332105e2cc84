"""The mail outbox against a real SMTP server (aiosmtpd), Django's SMTP backend and the real worker."""

import os
import re
import subprocess
import sys
import time
from email.utils import parsedate_to_datetime

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from seongdong_gov.checks import site_url_set
from seongdong_gov.mail import (
    SWEEP_GRACE,
    Recipient,
    absolute_url,
    outbound_message_requeue,
    outbox_sweep,
    queue_mail,
    queue_many,
)
from seongdong_gov.models import AuditEntry, OutboundMessage

Status = OutboundMessage.Status
SUBJECT = "[성동구 운영위원회] 제40회 정기회의 소집 통지"


def run_worker():
    """The worker of `manage.py db_worker` (django-tasks-db's `Worker`) in this process, taking ready tasks
    until none is left. Its own `run()` loop closes the database connection between tasks, which would end
    the test's transaction on PostgreSQL; the two-worker test below runs the command itself."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while True:
        with transaction.atomic():
            result = DBTaskResult.objects.ready().filter(queue_name="default").get_locked()
            if result is None:
                return
            result.claim(worker.worker_id)
        worker.run_task(result)


def notice_to(count: int) -> list[OutboundMessage]:
    link = absolute_url("/meetings/40/")
    return queue_many(
        recipients=[
            Recipient(
                to=f"member{i}@example.org",
                person_id=i,
                headers={"List-Unsubscribe": f"<{absolute_url(f'/notifications/settings/{i}/')}>"},
            )
            for i in range(1, count + 1)
        ],
        subject=SUBJECT,
        text=f"회의 안내: {link}",
        html=f'<p>회의 안내: <a href="{link}">{link}</a></p>',
        kind="meeting_notice",
    )


@pytest.mark.django_db
def test_notice_to_fifteen_members_arrives_as_fifteen_messages(smtp_server):
    notice_to(15)

    run_worker()

    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(
        f"member{i}@example.org" for i in range(1, 16)
    )
    # one envelope recipient and one visible address per message: nobody sees the others
    assert [len(r.rcpt_tos) for r in smtp_server.received] == [1] * 15
    assert all(r.message["To"] == r.rcpt_tos[0] and r.message["Cc"] is None for r in smtp_server.received)
    assert set(OutboundMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


@pytest.mark.django_db
def test_message_headers_are_valid_and_links_absolute(smtp_server):
    before = timezone.now().replace(microsecond=0)
    notice_to(1)

    run_worker()

    [received] = smtp_server.received
    message = received.message
    # RFC 2047: the raw header is ASCII, and decodes back to the Korean subject. Django 5.2 folds right
    # after "Subject:" (the first encoded word would pass 78 characters); unfolding leaves that one space
    # of folding white space, which mail clients drop and the stdlib parser keeps.
    assert message["Subject"].lstrip() == SUBJECT
    raw_headers = received.raw.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()
    assert re.search(rb"\r\nSubject:\s+=\?utf-8\?b\?", raw_headers)
    # RFC 5322: Date and Message-ID present and well formed; the Message-ID is the one stored on the row
    assert parsedate_to_datetime(message["Date"]) >= before
    stored = OutboundMessage.objects.get()
    assert message["Message-ID"] == stored.headers["Message-ID"]
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@sd.go.kr>")
    assert message["From"] == django_settings.DEFAULT_FROM_EMAIL
    assert message["List-Unsubscribe"] == "<https://gov.example.kr/notifications/settings/1/>"
    # text and HTML alternatives, both with the absolute link
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "https://gov.example.kr/meetings/40/" in text
    assert 'href="https://gov.example.kr/meetings/40/"' in html


@pytest.mark.django_db
def test_smtp_outage_loses_nothing_and_delivers_each_once_when_back(smtp_server, settings):
    settings.MAIL_RETRY_BASE_SECONDS = 1
    smtp_server.stop()
    notice_to(15)

    run_worker()

    assert smtp_server.received == []
    messages = list(OutboundMessage.objects.all())
    assert {m.status for m in messages} == {Status.FAILED}
    assert all(m.attempts >= 1 and m.next_attempt_at > m.created_at for m in messages)
    assert all("Connection refused" in m.last_error or "Errno" in m.last_error for m in messages)

    smtp_server.start()
    time.sleep(1.1)  # the first back-off passes
    run_worker()

    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(
        f"member{i}@example.org" for i in range(1, 16)
    )
    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    # no retry is left over to send anything a second time
    run_worker()
    assert len(smtp_server.received) == 15


@pytest.mark.django_db
def test_lost_task_rows_are_recovered_by_the_sweep(smtp_server):
    notice_to(3)
    DBTaskResult.objects.all().delete()

    run_worker()
    assert smtp_server.received == []

    assert outbox_sweep() == 0  # just queued: their tasks may still come
    assert outbox_sweep(now=timezone.now() + SWEEP_GRACE) == 3
    run_worker()

    assert len(smtp_server.received) == 3
    assert outbox_sweep(now=timezone.now() + SWEEP_GRACE) == 0


@pytest.mark.django_db
def test_message_of_a_worker_that_died_while_sending_is_sent_after_its_claim_expires(smtp_server):
    message = queue_mail(to="a@example.org", subject="s", text="t", kind="report_due")
    # the state a worker leaves when killed between claiming the row and recording the send
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=Status.SENDING, attempts=1, next_attempt_at=timezone.now()
    )
    run_worker()
    assert smtp_server.received == []

    assert outbox_sweep(now=timezone.now() + SWEEP_GRACE) == 1
    run_worker()

    message.refresh_from_db()
    assert (message.status, message.attempts, len(smtp_server.received)) == (Status.SENT, 2, 1)


@pytest.mark.django_db
def test_server_refusal_is_recorded_and_not_retried(smtp_server):
    queue_mail(to="gone@refused.example", subject="제목", text="본문", kind="report_due")

    run_worker()

    message = OutboundMessage.objects.get()
    assert (message.status, message.attempts, message.next_attempt_at) == (Status.FAILED, 1, None)
    assert message.last_error == "gone@refused.example: 550 5.1.1 No such user here"


@pytest.mark.django_db
def test_rolled_back_transaction_queues_nothing(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        notice_to(2)
        raise RuntimeError("the change that caused the notice failed")

    assert (OutboundMessage.objects.count(), DBTaskResult.objects.count()) == (0, 0)
    run_worker()
    assert smtp_server.received == []


@pytest.mark.django_db
def test_same_dedup_key_queues_once(smtp_server):
    first = queue_mail(to="a@example.org", subject="s", text="t", kind="report_due", dedup_key="due:7")
    second = queue_mail(to="a@example.org", subject="s", text="t", kind="report_due", dedup_key="due:7")

    run_worker()

    assert (second.pk, OutboundMessage.objects.count(), len(smtp_server.received)) == (first.pk, 1, 1)


@pytest.mark.django_db
def test_staff_resend_from_admin_sends_again(smtp_server, admin_client):
    message = queue_mail(to="a@example.org", subject="재발송", text="t", kind="report_due")
    run_worker()

    response = admin_client.post(
        reverse("admin:seongdong_gov_outboundmessage_changelist"),
        {"action": "resend", "_selected_action": [message.pk]},
    )
    run_worker()

    assert response.status_code == 302
    first, second = smtp_server.received
    assert (first.message["Subject"], second.message["Subject"]) == ("재발송", "재발송")
    assert first.message["Message-ID"] != second.message["Message-ID"]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert AuditEntry.objects.filter(action="mail_resend", object_id=str(message.pk)).count() == 1


@pytest.mark.django_db
def test_resend_leaves_a_message_being_sent_alone(smtp_server, admin_user):
    message = queue_mail(to="a@example.org", subject="s", text="t", kind="report_due")
    OutboundMessage.objects.filter(pk=message.pk).update(status=Status.SENDING)

    assert outbound_message_requeue(message=message, actor=admin_user) is False
    message.refresh_from_db()
    assert message.status == Status.SENDING


@pytest.mark.django_db
def test_admin_lists_status_and_server_answer(smtp_server, admin_client):
    queue_mail(to="gone@refused.example", subject="제목", text="본문", kind="report_due")
    run_worker()

    response = admin_client.get(reverse("admin:seongdong_gov_outboundmessage_changelist"))

    assert "gone@refused.example: 550 5.1.1 No such user here" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_exactly_once(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("two concurrent workers need row locks with SKIP LOCKED: PostgreSQL only (CI runs it)")
    notice_to(15)
    # a second task per message, as a sweep racing the first tasks would add: both workers see work for
    # every message, so only the row claim keeps a message from going out twice
    assert outbox_sweep(now=timezone.now() + SWEEP_GRACE) == 15
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_DEVELOPMENT": "1",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "-v0",
    ]
    workers = [subprocess.Popen(command, cwd=django_settings.BASE_DIR, env=env) for _ in range(2)]

    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(
        f"member{i}@example.org" for i in range(1, 16)
    )
    assert set(OutboundMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_absolute_url_uses_site_url(settings):
    settings.SITE_URL = "https://gov.example.kr"

    assert absolute_url(reverse("home")) == "https://gov.example.kr/"
    assert absolute_url("meetings/40/") == "https://gov.example.kr/meetings/40/"


@pytest.mark.parametrize(
    ("debug", "development", "site_url", "errors"),
    [
        (False, False, "", ["seongdong_gov.E001"]),
        (False, False, "gov.example.kr", ["seongdong_gov.E001"]),
        (False, False, "https://gov.example.kr", []),
        (False, True, "", []),
        (True, False, "", []),
    ],
)
def test_site_url_required_in_production(settings, debug, development, site_url, errors):
    settings.DEBUG, settings.DEVELOPMENT, settings.SITE_URL = debug, development, site_url

    assert [e.id for e in site_url_set(None)] == errors
