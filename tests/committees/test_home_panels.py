"""Every home panel shows the data it exists for: a panel that renders empty while its data exists fails
here (the upcoming-meetings panel once read a variable the page never handed it and showed nothing)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from seongdong_gov.mail import queue_mail
from seongdong_gov.models import OutboundMessage
from tests import factories


def panel_html(html: str, panel_id: str) -> str:
    """The HTML of the panel section labelled by `panel_id` (each panel is a <section aria-labelledby>)."""
    match = re.search(rf'<section[^>]*aria-labelledby="{panel_id}".*?</section>', html, re.S)
    assert match, f"panel {panel_id} missing from the home page"
    return match.group(0)


def home_as(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_upcoming_meetings_panel_lists_the_members_meeting(client, role_world):
    factories.MeetingFactory(title="제7회 정기회의", bodies=[role_world.body], status="notice_sent")

    html = home_as(client, role_world.users["member"])

    assert "제7회 정기회의" in panel_html(html, "panel-meetings")


@pytest.mark.django_db
def test_my_memberships_panel_lists_the_members_body(client, role_world):
    html = home_as(client, role_world.users["member"])

    assert role_world.body.name in panel_html(html, "panel-mine")


@pytest.mark.django_db
def test_bodies_panel_lists_the_secretarys_body(client, role_world):
    html = home_as(client, role_world.users["secretary"])

    assert role_world.body.name in panel_html(html, "panel-bodies")


@pytest.mark.django_db
def test_units_panel_lists_the_reporters_unit(client, role_world):
    html = home_as(client, role_world.users["reporter"])

    assert "금호1가동 주민센터" in panel_html(html, "panel-units")


@pytest.mark.django_db
def test_certificates_panel_lists_the_members_certificate(client, role_world):
    appointment = factories.AppointmentFactory(membership=role_world.membership)
    certificate = factories.CertificateFactory(appointment=appointment)

    html = home_as(client, role_world.users["member"])

    assert certificate.number in panel_html(html, "panel-my-certificates")


@pytest.mark.django_db
def test_appointment_alerts_panel_lists_a_term_ending_soon(client, role_world):
    ending = factories.member(
        role_world.other_body,
        factories.PersonFactory(name="임기만료위원"),
        start=timezone.localdate() - dt.timedelta(days=700),
        end=timezone.localdate() + dt.timedelta(days=20),
    )

    html = home_as(client, role_world.users["staff"])

    assert ending.person.name in panel_html(html, "panel-appointment-alerts")


# --- the to-do lists that open each role's home -------------------------------------------------------


@pytest.mark.django_db
def test_secretary_todo_names_the_notice_due(client, role_world):
    factories.MeetingFactory(title="제8회 정기회의", bodies=[role_world.body])

    html = home_as(client, role_world.users["secretary"])

    todo = panel_html(html, "todo-secretary")
    assert "제8회 정기회의 · 소집 통지를 보내세요" in todo
    assert html.index("todo-secretary") < html.index("panel-meetings")  # the to-do list comes first


@pytest.mark.django_db
def test_secretary_todo_asks_for_minutes_after_the_meeting(client, role_world):
    past = timezone.now() - dt.timedelta(days=2)
    factories.MeetingFactory(
        title="지난 회의",
        bodies=[role_world.body],
        status="held",
        starts_at=past,
        ends_at=past + dt.timedelta(hours=1),
    )

    html = home_as(client, role_world.users["secretary"])

    assert "지난 회의 · 회의록을 작성하세요" in panel_html(html, "todo-secretary")


@pytest.mark.django_db
def test_member_todo_lists_meeting_written_resolution_and_convening_request(client, role_world):
    meeting = factories.MeetingFactory(title="제9회 정기회의", bodies=[role_world.body], status="notice_sent")
    item = factories.AgendaItemFactory(meeting=meeting, title="예산안")
    factories.WrittenResolutionFactory(
        item=item, opened_at=timezone.now(), deadline=timezone.now() + dt.timedelta(days=3)
    )
    factories.ConveningRequestFactory(body=role_world.body)

    todo = panel_html(home_as(client, role_world.users["member"]), "todo-member")

    assert "다가오는 회의: 제9회 정기회의" in todo
    assert "서면의결 응답: 예산안" in todo
    assert f"소집 요구 서명: {role_world.body.name}" in todo


@pytest.mark.django_db
def test_reporter_todo_lists_the_returned_report(client, role_world):
    report = factories.ReportFactory(unit=role_world.reporter_unit, state="returned")

    todo = panel_html(home_as(client, role_world.users["reporter"]), "todo-reports")

    assert f"반려됨, 고쳐 다시 제출: 금호1가동 주민센터 · {report.field.name}" in todo


@pytest.mark.django_db
def test_staff_todo_lists_returned_reports_terms_vacancies_and_failed_mail(client, role_world):
    report = factories.ReportFactory(unit=role_world.reporter_unit, state="returned")
    factories.member(
        role_world.other_body,
        factories.PersonFactory(name="곧만료위원"),
        start=timezone.localdate() - dt.timedelta(days=700),
        end=timezone.localdate() + dt.timedelta(days=20),
    )
    queue_mail(to="gone@example.org", subject="반송된 통지", text="본문", kind="meeting_notice")
    OutboundMessage.objects.update(status="failed", last_error="550 No such user")

    html = home_as(client, role_world.users["staff"])

    assert f"반려 후 재제출 대기: 금호1가동 주민센터 · {report.field.name}" in panel_html(
        html, "todo-reports"
    )
    assert "곧만료위원" in panel_html(html, "todo-appointments")
    assert "메일 발송 실패: gone@example.org · 반송된 통지" in panel_html(html, "todo-mail")
