"""Meeting mail through the outbox, a real SMTP server (aiosmtpd) and the worker's task run in-process."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from committees.models import NotificationPreference
from meetings import services
from meetings.models import AgendaItem, Meeting
from seongdong_gov.models import OutboundMessage
from tests import factories
from tests.outbox import run_worker

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = timezone.localdate()
pytestmark = pytest.mark.django_db


def _body_with(n: int, *, without_email: int = 0):
    body = factories.BodyFactory(gender_balance_applies=False)
    group = factories.seat_group(body, count=n + without_email)
    start = TODAY - dt.timedelta(days=10)
    members = [
        factories.appoint(
            group,
            factories.PersonFactory(email=f"m{i}@example.org"),
            start=start,
            end=start + dt.timedelta(days=700),
        )
        for i in range(n)
    ]
    for i in range(without_email):
        factories.appoint(
            group,
            factories.PersonFactory(name=f"무메일{i}", email=""),
            start=start,
            end=start + dt.timedelta(days=700),
        )
    return body, members


def _meeting(body, *, days=30):
    starts = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(16, 0), tzinfo=SEOUL)
    return services.meeting_create(
        actor=None,
        meeting=Meeting(title="정기회의", starts_at=starts, ends_at=starts + dt.timedelta(hours=1)),
        bodies=[body],
    )


def test_notice_to_fifteen_members_survives_an_smtp_outage_and_arrives_once_each(smtp_server):
    body, members = _body_with(15)
    meeting = _meeting(body)
    smtp_server.stop()

    services.meeting_send_notice(actor=None, meeting=meeting)
    run_worker()

    assert smtp_server.received == []
    assert OutboundMessage.objects.filter(kind="meeting_notice", status="failed").count() == 15
    smtp_server.start()
    # the back-off has passed: what the worker would find after MAIL_RETRY_BASE_SECONDS
    OutboundMessage.objects.update(next_attempt_at=timezone.now())
    DBTaskResult.objects.update(run_after=timezone.now())
    run_worker()
    run_worker()  # nothing left to send a second time

    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(m.person.email for m in members)
    assert all(len(r.rcpt_tos) == 1 and r.message["To"] == r.rcpt_tos[0] for r in smtp_server.received)
    link = f"https://gov.example.kr{meeting.get_absolute_url()}"
    assert all(link in r.message.get_body(("plain",)).get_content() for r in smtp_server.received)
    assert all(f'href="{link}"' in r.message.get_body(("html",)).get_content() for r in smtp_server.received)
    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_opt_out_is_honoured_for_the_agenda_and_ignored_for_the_notice(smtp_server):
    body, members = _body_with(3)
    quiet = members[0].person
    for kind in ("agenda_published", "meeting_notice"):
        NotificationPreference.objects.create(person=quiet, kind=kind, enabled=False)
    meeting = _meeting(body)
    services.meeting_send_notice(actor=None, meeting=meeting)
    AgendaItem.objects.create(meeting=meeting, order=1, kind="report", title="보고")
    services.agenda_publish(actor=None, meeting=meeting)
    run_worker()

    by_kind = {}
    for r in smtp_server.received:
        by_kind.setdefault("agenda" if "[안건 공개]" in r.message["Subject"] else "notice", []).append(r)
    assert sorted(r.rcpt_tos[0] for r in by_kind["notice"]) == sorted(m.person.email for m in members)
    assert sorted(r.rcpt_tos[0] for r in by_kind["agenda"]) == sorted(m.person.email for m in members[1:])
    # the optional kind carries the link to the person's settings; the legal notice does not
    settings_link = f"<https://gov.example.kr{reverse('committees:notification_settings')}>"
    assert all(r.message["List-Unsubscribe"] == settings_link for r in by_kind["agenda"])
    assert all(r.message["List-Unsubscribe"] is None for r in by_kind["notice"])


def test_members_without_an_address_are_named_to_the_secretary(client):
    body, _members = _body_with(2, without_email=2)
    meeting = _meeting(body)
    client.force_login(factories.staff_user())

    response = client.post(reverse("meetings:status", args=[meeting.pk, "notice"]), follow=True)

    assert "메일 주소가 없는 위원 2명: 무메일0, 무메일1" in response.content.decode()
    assert OutboundMessage.objects.filter(kind="meeting_notice").count() == 2


def test_day_before_reminder_command_is_idempotent(smtp_server):
    body, members = _body_with(2)
    meeting = _meeting(body, days=10)
    services.meeting_send_notice(actor=None, meeting=meeting)
    run_worker()
    smtp_server.inbox.received.clear()
    day_before = (meeting.starts_at.astimezone(SEOUL) - dt.timedelta(days=1)).date().isoformat()

    for _run in range(2):
        call_command("send_meeting_reminders", "--today", day_before, stdout=io.StringIO())
        run_worker()
    call_command("send_meeting_reminders", stdout=io.StringIO())  # today: not the day before
    run_worker()

    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(m.person.email for m in members)
    assert all("[회의 안내] 내일" in r.message["Subject"] for r in smtp_server.received)
