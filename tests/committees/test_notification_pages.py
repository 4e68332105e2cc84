"""The notifications page (each user's messages, unread count in the header), the settings page, and the
staff outbox page with its resend button."""

import pytest
from django.urls import reverse

from committees.models import NotificationPreference
from seongdong_gov.mail import Recipient, queue_many
from seongdong_gov.models import OutboundMessage
from tests.conftest import LOGIN, assert_statuses

pytestmark = pytest.mark.django_db


def _to_member(role_world, subject="[안건 공개] 정기회의"):
    person = role_world.membership.person
    return queue_many(
        recipients=[Recipient(to=person.email or "member@example.org", person_id=person.pk)],
        subject=subject,
        text="본문",
        kind="agenda_published",
    )[0]


def test_header_counts_unread_messages_and_the_page_marks_them_read(client, role_world):
    _to_member(role_world, "[안건 공개] 첫째")
    _to_member(role_world, "[안건 공개] 둘째")
    client.force_login(role_world.users["member"])

    home = client.get(reverse("home")).content.decode()
    assert '2<span class="visually-hidden">건 읽지 않음</span>' in home
    page = client.get(reverse("committees:notifications")).content.decode()
    assert "[안건 공개] 첫째" in page and "[안건 공개] 둘째" in page

    assert OutboundMessage.objects.filter(read_at__isnull=True).count() == 0
    assert "건 읽지 않음" not in client.get(reverse("home")).content.decode()


def test_notifications_page_shows_only_the_users_own_messages(client, role_world):
    _to_member(role_world, "[안건 공개] 위원에게")
    client.force_login(role_world.users["secretary"])

    assert "위원에게" not in client.get(reverse("committees:notifications")).content.decode()


def test_settings_turn_off_an_optional_kind_but_not_the_notice(client, role_world):
    client.force_login(role_world.users["member"])
    url = reverse("committees:notification_settings")
    page = client.get(url).content.decode()
    assert "소집 통지" in page and 'name="meeting_notice"' not in page

    client.post(url, {"minutes_approved": "on", "meeting_notice": ""})

    person = role_world.membership.person
    assert NotificationPreference.objects.get(person=person, kind="agenda_published").enabled is False
    assert NotificationPreference.objects.get(person=person, kind="minutes_approved").enabled is True
    assert not NotificationPreference.objects.filter(person=person, kind="meeting_notice").exists()


def test_outbox_page_is_for_staff_only(role_world):
    url = reverse("committees:outbox")
    assert_statuses(
        role_world.users,
        url,
        {
            "anonymous": LOGIN,
            "member": 403,
            "secretary_other": 403,
            "secretary": 403,
            "reporter": 403,
            "staff": 200,
            "admin": 200,
        },
    )


def test_outbox_lists_the_servers_answer_and_resends(client, role_world):
    message = _to_member(role_world)
    OutboundMessage.objects.filter(pk=message.pk).update(status="failed", last_error="550 No such user")
    client.force_login(role_world.users["staff"])

    page = client.get(reverse("committees:outbox") + "?status=failed").content.decode()
    assert "550 No such user" in page
    client.post(reverse("committees:outbox_resend", args=[message.pk]))

    message.refresh_from_db()
    assert (message.status, message.last_error) == ("queued", "")


def test_outbox_resend_is_refused_to_non_staff(role_world):
    message = _to_member(role_world)
    url = reverse("committees:outbox_resend", args=[message.pk])
    assert_statuses(
        role_world.users,
        url,
        {
            "anonymous": LOGIN,
            "member": 403,
            "secretary_other": 403,
            "secretary": 403,
            "reporter": 403,
            "staff": 302,
            "admin": 302,
        },
        method="post",
    )
