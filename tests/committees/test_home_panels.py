"""Every home panel shows the data it exists for: a panel that renders empty while its data exists fails
here (the upcoming-meetings panel once read a variable the page never handed it and showed nothing)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

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
