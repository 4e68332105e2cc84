import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from appointments import services
from appointments.models import Appointment, Certificate
from seongdong_gov.models import AuditEntry
from tests import factories

D = dt.date


def test_appointment_record_refuses_wrong_term_end(db):
    body = factories.BodyFactory(gender_balance_applies=False)
    group = factories.seat_group(body, count=1)
    membership = factories.appoint(group, factories.PersonFactory(), end=D(2017, 1, 14))
    with pytest.raises(ValidationError) as exc:
        services.appointment_record(actor=None, membership=membership)
    assert "2018. 1. 14." in str(exc.value)


def test_appointment_record_replacement_ends_with_predecessor(cohort):
    first = cohort["appointments"][0]
    services.appointment_end(
        actor=None, appointment=first, kind=Appointment.EndKind.RESIGNATION, on=D(2017, 3, 1), ground="이사"
    )
    seat = first.membership.seat
    m = factories.appoint(
        cohort["group"], factories.PersonFactory(), start=D(2017, 3, 2), seat_number=seat.number
    )
    replacement = services.appointment_record(actor=None, membership=m, replaces=first)
    assert replacement.replaces == first
    first.membership.refresh_from_db()
    assert first.membership.end == D(2017, 3, 1)


def test_appointment_record_replacement_wrong_end_refused(cohort):
    first = cohort["appointments"][0]
    services.appointment_end(
        actor=None, appointment=first, kind=Appointment.EndKind.RESIGNATION, on=D(2017, 3, 1), ground="이사"
    )
    m = factories.appoint(
        cohort["group"],
        factories.PersonFactory(),
        start=D(2017, 3, 2),
        end=D(2019, 3, 1),
        seat_number=first.membership.seat.number,
    )
    with pytest.raises(ValidationError):
        services.appointment_record(actor=None, membership=m, replaces=first)


def test_reappointment_beyond_limit_needs_reason(db):
    body = factories.BodyFactory(reappointment_limit=1, gender_balance_applies=False)
    group = factories.seat_group(body, count=1)
    person = factories.PersonFactory()
    starts = [D(2014, 1, 15), D(2016, 1, 15), D(2018, 1, 15)]
    records = []
    for start in starts[:2]:
        m = factories.appoint(group, person, start=start, end=D(start.year + 2, 1, 14))
        records.append(services.appointment_record(actor=None, membership=m))
    assert [r.is_reappointment for r in records] == [False, True]
    third = factories.appoint(group, person, start=starts[2], end=D(2020, 1, 14))
    with pytest.raises(ValidationError) as exc:
        services.appointment_record(actor=None, membership=third)
    assert "reappointment_reason" in exc.value.error_dict
    ok = services.appointment_record(actor=None, membership=third, reappointment_reason="사업 연속성")
    assert ok.reappointment_reason == "사업 연속성"


def test_ex_officio_has_no_appointment(db):
    body = factories.BodyFactory()
    post = factories.PostFactory()
    factories.services.post_holder_change(
        actor=None, post=post, person=factories.PersonFactory(), start=D(2015, 1, 1)
    )
    group = factories.seat_group(body, post=post)
    membership = group.seats.get().memberships.get()
    with pytest.raises(ValidationError):
        services.appointment_record(actor=None, membership=membership)


def test_dismissal_needs_ground_and_ends_membership(cohort):
    a = cohort["appointments"][1]
    with pytest.raises(ValidationError):
        services.appointment_end(
            actor=None, appointment=a, kind=Appointment.EndKind.DISMISSAL, on=D(2017, 1, 31)
        )
    services.appointment_end(
        actor=None,
        appointment=a,
        kind=Appointment.EndKind.DISMISSAL,
        on=D(2017, 1, 31),
        ground="최근 1년 회의 출석률 50% 미만",
    )
    a.refresh_from_db()
    a.membership.refresh_from_db()
    assert (a.end_kind, a.membership.end) == ("dismissal", D(2017, 1, 31))
    assert "해촉" in a.membership.end_reason


def test_issue_batch_numbers_sequentially_and_audits(cohort):
    certs = services.certificate_issue(
        actor=None, appointments=cohort["appointments"], issued_on=D(2016, 1, 15)
    )
    assert [c.number for c in certs] == [f"제2016-00{i}호" for i in range(1, 9)]
    assert AuditEntry.objects.filter(action="issue").count() == 8


def test_issue_twice_refused_reissue_links_original(cohort):
    a = cohort["appointments"][0]
    (cert,) = services.certificate_issue(actor=None, appointments=[a], issued_on=D(2016, 1, 15))
    with pytest.raises(ValidationError):
        services.certificate_issue(actor=None, appointments=[a], issued_on=D(2016, 2, 1))
    with pytest.raises(ValidationError):
        services.certificate_reissue(actor=None, certificate=cert, issued_on=D(2016, 3, 1), reason=" ")
    again = services.certificate_reissue(actor=None, certificate=cert, issued_on=D(2016, 3, 1), reason="분실")
    twice = services.certificate_reissue(
        actor=None, certificate=again, issued_on=D(2017, 1, 2), reason="훼손"
    )
    assert (again.number, again.reissue_of) == ("제2016-002호", cert)
    assert (twice.number, twice.reissue_of) == ("제2017-001호", cert)
    assert Certificate.objects.count() == 3


def test_certificate_cannot_be_deleted(cohort):
    from django.db.models import ProtectedError

    (cert,) = services.certificate_issue(
        actor=None, appointments=cohort["appointments"][:1], issued_on=D(2016, 1, 15)
    )
    with pytest.raises(ProtectedError):
        cohort["appointments"][0].delete()
    assert Certificate.objects.filter(pk=cert.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_issue_numbers_unique_on_postgresql(cohort):
    if connection.vendor == "sqlite":
        pytest.skip("row locks (SELECT … FOR UPDATE) are tested on PostgreSQL; SQLite serialises writers")
    appointments = cohort["appointments"]
    barrier = threading.Barrier(4)
    errors = []

    def issue(chunk):
        from django.db import connections

        try:
            barrier.wait()
            services.certificate_issue(actor=None, appointments=chunk, issued_on=D(2016, 1, 15))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(appointments[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    sequences = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 9))
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [
        f"제2016-00{i}호" for i in range(1, 9)
    ]
    assert sorted(Certificate.objects.values_list("appointment_id", flat=True)) == sorted(
        a.pk for a in appointments
    )
