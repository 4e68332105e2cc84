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


def test_outbox_rows_show_each_message_escaped_with_its_resend_form(client, role_world):
    import datetime as dt

    from django.utils import timezone

    failed = _to_member(role_world, "<b>제목</b> & 실패")
    sending = _to_member(role_world, "보내는 중인 메일")
    retry_at = timezone.now() + dt.timedelta(minutes=30)
    OutboundMessage.objects.filter(pk=failed.pk).update(
        status="failed", attempts=3, last_error="550 <No> & user", next_attempt_at=retry_at
    )
    OutboundMessage.objects.filter(pk=sending.pk).update(status="sending")
    client.force_login(role_world.users["staff"])

    page = client.get(reverse("committees:outbox")).content.decode()
    rows = {row.split("</tr>")[0] for row in page.split("<tr>")[1:]}
    failed_row = next(r for r in rows if "실패" in r and "&lt;b&gt;" in r)
    assert "<b>제목" not in page
    assert "550 &lt;No&gt; &amp; user" in failed_row and "<td>3</td>" in failed_row
    assert f"(재시도 예정 {timezone.localtime(retry_at):%H:%M})" in failed_row
    assert f'action="{reverse("committees:outbox_resend", args=[failed.pk])}"' in failed_row
    assert 'name="csrfmiddlewaretoken"' in failed_row
    sending_row = next(r for r in rows if "보내는 중인 메일" in r)
    assert "<td>보내는 중</td>" in sending_row and "<form" not in sending_row

    OutboundMessage.objects.all().delete()
    assert "메일이 없습니다." in client.get(reverse("committees:outbox")).content.decode()


def test_outbox_resend_form_carries_a_valid_csrf_token(role_world):
    import re

    from django.test import Client

    message = _to_member(role_world)
    OutboundMessage.objects.filter(pk=message.pk).update(status="failed")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(role_world.users["staff"])
    page = browser.get(reverse("committees:outbox")).content.decode()
    action = reverse("committees:outbox_resend", args=[message.pk])
    form = page[page.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    assert browser.post(action, {"csrfmiddlewaretoken": token}).status_code == 302
    assert browser.post(action, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    message.refresh_from_db()
    assert message.status == "queued"
