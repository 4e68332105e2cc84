"""Races end in one result and a message (issue 11): two people doing the same thing at the same moment.

Each test starts its requests or service calls from threads behind a barrier, against PostgreSQL (row
locks and unique indexes decide); SQLite serialises writers, so nothing races there and they skip.
The login lockout's race is in tests/seongdong_gov/test_security.py; the same vote recorded twice at
once (one vote, then "이미 처리된 요청입니다") in tests/meetings/test_lifecycle.py, with the vote form's
one-time key (issue 12's record work).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db import connections as db_connections
from django.test import Client
from django.urls import reverse

from appointments import services as appointment_services
from appointments.models import Appointment, Certificate
from committees.models import Membership
from tests import factories

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has one writer at a time, so requests never race there; CI runs these on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


def _at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released together; returns each one's result or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int, call) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # the finding: reported by the assertions
            results[i] = exc
        finally:
            db_connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _issue_post(admin, appointment: Appointment) -> Callable[[], object]:
    def post():
        client = Client()
        client.force_login(admin)
        return client.post(
            reverse("appointments:issue"),
            {"appointments": [appointment.pk], "issued_on": "2026-01-15", "ceremony": ""},
        )

    return post


def test_same_certificate_issued_twice_at_once_gives_one_certificate_and_a_message():
    appointment = factories.AppointmentFactory()
    admin = factories.admin_user()
    for _ in range(3):  # a race is a matter of timing: a few rounds make a lucky pass unlikely
        Certificate.objects.filter(appointment=appointment).delete()
        first, second = _at_once(_issue_post(admin, appointment), _issue_post(admin, appointment))
        statuses = sorted(r.status_code for r in (first, second))
        assert statuses == [200, 302]  # one issued (redirect), one form shown again, no 500
        refused = first if first.status_code == 200 else second
        form = refused.context["form"]
        # the second request either saw the first's certificate when its form was validated (the
        # appointment is no longer offered) or met the service's lock and message
        assert form.errors
        assert Certificate.objects.filter(appointment=appointment).count() == 1


def test_service_issuing_the_same_appointment_twice_refuses_the_second_with_a_message():
    appointment = factories.AppointmentFactory()

    def issue():
        return appointment_services.certificate_issue(
            actor=None, appointments=[appointment], issued_on=dt.date(2026, 1, 15)
        )

    results = _at_once(issue, issue)
    issued = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(issued), len(refused)) == (1, 1), results
    assert "이미 위촉장이 발급된 위원이 있습니다" in refused[0].messages[0]
    assert Certificate.objects.filter(appointment=appointment).count() == 1


def test_last_seat_filled_twice_at_once_seats_one_and_refuses_the_other_with_a_message():
    body = factories.BodyFactory(gender_balance_applies=False)
    group = factories.seat_group(body, count=1)
    seat = group.seats.get()
    people = [factories.PersonFactory(name="김하나"), factories.PersonFactory(name="이둘")]

    def appoint(person):
        return lambda: appointment_services.appointment_create(
            actor=None, seat=seat, person=person, role=Membership.Role.MEMBER, start=dt.date(2026, 1, 15)
        )

    results = _at_once(appoint(people[0]), appoint(people[1]))
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    # the seat lock makes the second wait and then see the first's membership; the exclusion constraint
    # (and its message) is the backstop if it ever does not
    message = " ".join(refused[0].messages)
    assert "이 좌석은 해당 기간에" in message or "같은 기간에 이 좌석" in message, message
    assert Membership.objects.filter(seat=seat).count() == 1
    assert Appointment.objects.filter(membership__seat=seat).count() == 1
