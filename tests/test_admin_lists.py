"""Django admin lists at scale: a changelist page costs the same queries for 1 row as for 30
(`list_select_related` on every relation the columns and `__str__` follow)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appointments.models import Appointment, Certificate
from committees.models import Body, Membership, Seat
from meetings.models import Attendance, Meeting
from reports.models import Report, ReportEvent
from tests import factories


def _certificates(n: int) -> None:
    for _ in range(n):
        first = factories.CertificateFactory()
        factories.CertificateFactory(appointment=first.appointment, reissue_of=first, reissue_reason="분실")


def _seats(n: int) -> None:
    factories.seat_group(factories.BodyFactory(), count=n)


def _memberships(n: int) -> None:
    for _ in range(n):
        factories.member(factories.BodyFactory(gender_balance_applies=False))


def _appointments(n: int) -> None:
    for _ in range(n):
        factories.AppointmentFactory()


def _meetings(n: int) -> None:
    host = factories.BodyFactory()
    for _ in range(n):
        factories.MeetingFactory(bodies=[host], host_body=host)


def _attendances(n: int) -> None:
    meeting = factories.MeetingFactory()
    for _ in range(n):
        factories.AttendanceFactory(meeting=meeting)


def _reports(n: int) -> None:
    for i in range(n):
        report = factories.ReportFactory(month=dt.date(2020 + i // 12, i % 12 + 1, 1))
        factories.ReportEventFactory(report=report)


def _bodies(n: int) -> None:
    parent = factories.BodyFactory()
    for _ in range(n):
        factories.BodyFactory(parent=parent)


BUILDERS = {
    Certificate: _certificates,
    Seat: _seats,
    Membership: _memberships,
    Appointment: _appointments,
    Meeting: _meetings,
    Attendance: _attendances,
    Report: _reports,
    ReportEvent: _reports,
    Body: _bodies,
}


def _changelist_queries(client, url, no_n_plus_one) -> int:
    with CaptureQueriesContext(connection) as ctx, no_n_plus_one():
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda m: m._meta.model_name)
def test_admin_changelist_queries_constant(client, db, model, no_n_plus_one):
    client.force_login(factories.admin_user())
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    BUILDERS[model](1)
    client.get(url)  # warm the session and content types
    one = _changelist_queries(client, url, no_n_plus_one)
    BUILDERS[model](29)
    assert model.objects.count() >= 30
    # session, user, the row count (twice: filtered and total), the page's rows with their related
    # rows joined, and one query per list filter: none per row
    assert _changelist_queries(client, url, no_n_plus_one) == one


def test_certificate_list_filters_by_the_registers_years(client, db):
    """The year filter offers the years of the numbering counter (no DISTINCT over every certificate)
    and lists that year's certificates; a year that is not four digits lists every year."""
    from appointments.models import CertificateCounter

    old = factories.CertificateFactory(issued_on=dt.date(2016, 1, 15))
    new = factories.CertificateFactory(issued_on=dt.date(2017, 3, 2))
    for year in (2016, 2017):
        CertificateCounter.objects.create(year=year, last=1)
    client.force_login(factories.admin_user("root"))
    url = reverse("admin:appointments_certificate_changelist")
    page = client.get(url).content.decode()
    assert "?year=2016" in page and "?year=2017" in page and "?year=2015" not in page
    assert old.number in page and new.number in page
    only_2017 = client.get(url, {"year": "2017"}).content.decode()
    assert new.number in only_2017 and old.number not in only_2017
    for bad in ("99999999999999999999", "abc", "-1"):
        response = client.get(url, {"year": bad})
        assert response.status_code == 200 and old.number in response.content.decode()


def test_membership_and_appointment_lists_find_a_body_by_name_and_filter_by_kind(client, db):
    steering = factories.BodyFactory(name="추진운영위원회", kind=Body.Kind.STEERING)
    civic = factories.BodyFactory(name="민간협의체", kind=Body.Kind.COUNCIL)
    kept = factories.member(steering, factories.PersonFactory(name="김운영"))
    other = factories.member(civic, factories.PersonFactory(name="박민간"))
    client.force_login(factories.admin_user("root"))
    url = reverse("admin:committees_membership_changelist")
    page = client.get(url).content.decode()
    assert f"?body__kind__exact={Body.Kind.STEERING}" in page and "body__id__exact" not in page
    by_name = client.get(url, {"q": "추진운영"}).content.decode()
    assert "김운영" in by_name and "박민간" not in by_name
    by_kind = client.get(url, {"body__kind__exact": Body.Kind.COUNCIL}).content.decode()
    assert "박민간" in by_kind and "김운영" not in by_kind
    for membership in (kept, other):
        factories.AppointmentFactory(membership=membership)
    appointments = reverse("admin:appointments_appointment_changelist")
    found = client.get(appointments, {"q": "민간협의체"}).content.decode()
    assert "박민간" in found and "김운영" not in found
