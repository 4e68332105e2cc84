"""Returning and accepting a report e-mail the unit's officers, through a real SMTP server."""

import datetime as dt
import io
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse

from appointments import services as appointment_services
from reports import services
from tests import factories
from tests.outbox import run_worker
from tests.reports.conftest import make_unit, submitted_report


def test_returning_a_report_emails_the_officer_one_message_with_the_comment_and_a_working_link(
    field, staff, smtp_server
):
    unit, officer = make_unit(field, email="officer@example.org")
    report = submitted_report(field, unit, officer)
    run_worker()
    smtp_server.inbox.received.clear()

    services.report_return(actor=staff, report=report, comment="발굴 가구 수를 다시 확인해 주세요.")
    run_worker()

    (received,) = smtp_server.received
    assert received.rcpt_tos == ["officer@example.org"]
    text = received.message.get_body(("plain",)).get_content()
    assert "반려 사유: 발굴 가구 수를 다시 확인해 주세요." in text
    (link,) = [word for word in text.split() if word.startswith("https://")]
    assert link.startswith("https://gov.example.kr/")
    path = urlsplit(link).path
    assert resolve(path).url_name == "edit"
    client = Client()
    client.force_login(officer)
    assert client.get(path).status_code == 200


def test_accepting_a_report_tells_the_officer(field, staff, smtp_server):
    unit, officer = make_unit(field, email="officer@example.org")
    report = submitted_report(field, unit, officer)
    services.report_accept(actor=staff, report=report)
    run_worker()

    assert [r.rcpt_tos for r in smtp_server.received] == [["officer@example.org"]]
    assert "접수되었습니다" in smtp_server.received[0].message["Subject"]


def test_term_reminders_reach_member_and_staff_once_at_60_and_30_days(db, smtp_server):
    staff = factories.staff_user()
    staff.email = "staff@example.org"
    staff.save()
    body = factories.BodyFactory(gender_balance_applies=False)
    end = dt.date(2026, 6, 30)
    membership = factories.member(
        body, factories.PersonFactory(email="member@example.org"), start=dt.date(2024, 7, 1), end=end
    )
    for day in ["2026-05-01", "2026-05-01", "2026-05-02", "2026-05-31"]:
        call_command("send_term_reminders", "--today", day, stdout=io.StringIO())
    run_worker()

    got = sorted((r.rcpt_tos[0], "60일" in r.message["Subject"]) for r in smtp_server.received)
    assert got == [
        ("member@example.org", False),
        ("member@example.org", True),
        ("staff@example.org", False),
        ("staff@example.org", True),
    ]
    assert membership.person.name in smtp_server.received[0].message["Subject"]


def test_issuing_a_certificate_tells_the_member_where_to_download_it(db, smtp_server):
    appointment = factories.AppointmentFactory()
    person = appointment.membership.person
    person.email = "member@example.org"
    person.save()

    (certificate,) = appointment_services.certificate_issue(
        actor=None, appointments=[appointment], issued_on=dt.date(2026, 1, 15)
    )
    run_worker()

    (received,) = smtp_server.received
    assert received.rcpt_tos == ["member@example.org"]
    link = "https://gov.example.kr" + reverse("appointments:certificate_pdf", args=[certificate.pk])
    assert link in received.message.get_body(("plain",)).get_content()
    assert certificate.number in received.message["Subject"]
