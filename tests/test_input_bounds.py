"""No input breaks a page (issue 11): dates and lengths refused by the forms with a Korean message and by
the database with a check constraint, query-string years answering 404, and links to actions that cannot
succeed not offered."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from appointments.forms import AppointmentEndForm
from committees.forms import MembershipEndForm, PersonForm
from meetings.forms import CalendarExceptionForm, RescheduleForm, WrittenOpenForm
from seongdong_gov import bounds
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
TOO_EARLY = dt.date(1, 1, 1)
TOO_LATE = dt.date(9999, 12, 31)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


def _person():
    return factories.PersonFactory()


def _holding():
    return factories.PostHoldingFactory()


def _membership():
    return factories.member(factories.BodyFactory(gender_balance_applies=False))


# model label, field, how to make a row, an out-of-range value (both ends), what the field stores
DB_CASES = [
    ("committees.Person", "birth_date", _person, [dt.date(1899, 12, 31), dt.date(2101, 1, 1)]),
    ("committees.PostHolding", "start", _holding, [TOO_EARLY, dt.date(1999, 12, 31)]),
    ("committees.Membership", "start", _membership, [TOO_EARLY, dt.date(1999, 12, 31)]),
    ("committees.Membership", "end", _membership, [TOO_LATE, dt.date(2101, 1, 1)]),
    ("committees.CalendarException", "date", factories.CalendarExceptionFactory, [TOO_EARLY, TOO_LATE]),
    ("meetings.MeetingSeries", "start_date", factories.MeetingSeriesFactory, [TOO_EARLY, TOO_LATE]),
    ("meetings.Meeting", "original_date", factories.MeetingFactory, [TOO_EARLY, TOO_LATE]),
    ("meetings.Meeting", "starts_at", factories.MeetingFactory, [_at(TOO_EARLY), _at(dt.date(1990, 1, 1))]),
    ("meetings.Vote", "taken_at", factories.VoteFactory, [_at(TOO_EARLY), _at(dt.date(2200, 1, 1))]),
    ("appointments.Appointment", "approval_date", factories.AppointmentFactory, [TOO_EARLY, TOO_LATE]),
    ("appointments.Certificate", "issued_on", factories.CertificateFactory, [TOO_EARLY, TOO_LATE]),
    ("reports.Report", "month", factories.ReportFactory, [dt.date(1, 1, 1), dt.date(9999, 12, 1)]),
]


@pytest.mark.parametrize(
    ("label", "field", "make", "values"), DB_CASES, ids=[f"{case[0]}-{case[1]}" for case in DB_CASES]
)
def test_database_refuses_dates_outside_their_range(db, label, field, make, values):
    row = make()
    model = django_apps.get_model(label)
    for value in values:
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=row.pk).update(**{field: value})
    assert getattr(model.objects.get(pk=row.pk), field) == getattr(row, field)


def test_database_keeps_dates_inside_their_range(db):
    meeting = factories.MeetingFactory()
    meeting.starts_at = dt.datetime(2000, 1, 1, 0, 0, tzinfo=SEOUL)  # the first minute of the window
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=1)
    meeting.save()
    person = factories.PersonFactory(birth_date=dt.date(1900, 1, 1))
    assert person.birth_date == dt.date(1900, 1, 1)


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_person_form_refuses_birth_date_outside_1900_to_today(db, value):
    form = PersonForm(data={"name": "김위원", "gender": "F", "birth_date": value})
    assert not form.is_valid()
    assert form.errors["birth_date"] == ["생년월일은 1900. 1. 1.부터 오늘까지만 입력할 수 있습니다."]


OFFICE = "날짜는 2000. 1. 1.부터 2100. 12. 31.까지만 입력할 수 있습니다."


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_office_date_forms_refuse_dates_outside_the_window(db, value):
    calendar = CalendarExceptionForm(data={"date": value, "kind": "closure", "reason": "휴무"})
    end = MembershipEndForm(data={"end": value, "reason": "사임"})
    reschedule = RescheduleForm(
        data={"starts_at": f"{value}T10:00", "ends_at": f"{value}T11:00", "reason": "장소"}
    )
    assert calendar.errors["date"] == [OFFICE]
    assert end.errors["end"] == [OFFICE]
    assert reschedule.errors["starts_at"] == [OFFICE]


def test_written_deadline_outside_the_window_is_refused(db):
    meeting = factories.MeetingFactory()
    form = WrittenOpenForm(data={"deadline": "9999-12-31T10:00"}, meeting=meeting)
    assert form.errors["deadline"] == [OFFICE]


def test_appointment_end_ground_longer_than_the_column_is_refused():
    # the ground is stored as the membership's end reason ("해촉: …", 200 characters)
    form = AppointmentEndForm(data={"kind": "dismissal", "on": "2026-03-01", "ground": "가" * 300})
    assert not form.is_valid()
    assert list(form.errors) == ["ground"]
    ok = AppointmentEndForm(data={"kind": "dismissal", "on": "2026-03-01", "ground": "가" * 180})
    assert ok.is_valid()


def test_every_user_text_field_has_a_maximum():
    """Every CharField/TextField a user fills carries a max_length, which model forms enforce."""
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in django_apps.get_models()
        if model._meta.app_label in {"committees", "meetings", "appointments", "reports"}
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and field.__class__.__name__ in {"CharField", "TextField"}
        and field.max_length is None
        # written by the system, never by a form
        and f"{model._meta.label}.{field.name}" not in {"reports.ReminderLog.recipients"}
    ]
    assert unbounded == []


def test_out_of_range_check_lists_rows_and_stops_the_migration(db):
    person = factories.PersonFactory(birth_date=dt.date(1950, 3, 1))
    factories.PersonFactory(birth_date=None)
    # a narrower window than the real one stands in for a row stored before the constraint existed
    specs = [("committees.Person", "birth_date", dt.date(1960, 1, 1), dt.date(2000, 1, 1))]
    assert bounds.out_of_range_rows(django_apps, specs) == [
        f"committees.Person pk={person.pk} birth_date=1950-03-01"
    ]
    with pytest.raises(RuntimeError, match="fix these rows in the admin"):
        bounds.abort_on_out_of_range(specs)(django_apps, None)
    ok = [("committees.Person", "birth_date", bounds.BIRTH_DATE_MIN, bounds.BIRTH_DATE_DB_MAX)]
    bounds.abort_on_out_of_range(ok)(django_apps, None)


@pytest.mark.parametrize("year", ["-1", "0", "99999999999999999999", "1999", "2101", "abc", "1e3"])
def test_calendar_year_out_of_range_answers_404(client, db, year):
    client.force_login(factories.staff_user())
    assert client.get(reverse("meetings:calendar"), {"year": year}).status_code == 404


def test_calendar_year_in_range_shows_that_year(client, db):
    factories.CalendarExceptionFactory(date=dt.date(2031, 5, 4), reason="구청 휴무")
    client.force_login(factories.staff_user())
    response = client.get(reverse("meetings:calendar"), {"year": "2031"})
    assert response.status_code == 200
    assert [e.reason for e in response.context["exceptions"]] == ["구청 휴무"]


@pytest.mark.parametrize("param", ["body", "seat"])
def test_appointment_ids_in_query_strings_out_of_range_answer_404(client, db, param):
    body = factories.BodyFactory()
    client.force_login(factories.admin_user())
    url = reverse("appointments:create", args=[body.pk]) if param == "seat" else reverse("appointments:issue")
    assert client.get(url, {param: "99999999999999999999"}).status_code == 404
    assert client.get(url, {param: "-1"}).status_code == 404


def test_body_page_explains_batch_pdf_until_a_certificate_is_issued(client, db):
    from appointments import services

    membership = factories.member(
        factories.BodyFactory(gender_balance_applies=False),
        start=dt.date.today() - dt.timedelta(days=10),
        end=dt.date.today() + dt.timedelta(days=300),
    )
    appointment = factories.AppointmentFactory(membership=membership)
    client.force_login(factories.admin_user())
    url = reverse("appointments:body", args=[membership.body_id])
    batch = reverse("appointments:batch_pdf") + f"?body={membership.body_id}"
    page = client.get(url).content.decode()
    assert batch not in page
    assert "현 위원에게 발급된 위촉장이 아직 없습니다." in page
    services.certificate_issue(actor=None, appointments=[appointment], issued_on=dt.date.today())
    page = client.get(url).content.decode()
    assert batch in page
    assert client.get(batch).status_code == 200


def test_register_offers_batch_pdf_only_when_certificates_were_issued_that_day(client, db):
    from appointments import services

    appointment = factories.AppointmentFactory()
    client.force_login(factories.admin_user())
    register = reverse("appointments:register")
    batch = reverse("appointments:batch_pdf")
    assert batch not in client.get(register, {"issued_on": "2026-01-15"}).content.decode()
    services.certificate_issue(actor=None, appointments=[appointment], issued_on=dt.date(2026, 1, 15))
    assert (
        f"{batch}?issued_on=2026-01-15" in client.get(register, {"issued_on": "2026-01-15"}).content.decode()
    )


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/99999999999999999999/",
        "/appointments/certificates/99999999999999999999.pdf",
        "/appointments/bodies/99999999999999999999/new/",
        "/reports/r/99999999999999999999/",
        "/reports/2/field/99999-12/",
        "/committees/bodies/99999999999999999999/edit/",
    ],
)
def test_ids_in_paths_beyond_the_integer_range_answer_404(client, db, url):
    client.force_login(factories.admin_user())
    client.raise_request_exception = False
    assert client.get(url).status_code == 404
