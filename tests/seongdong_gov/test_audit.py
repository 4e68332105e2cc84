"""The audit trail: services record who, when and what changed; administrators read it, nobody edits it."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from appointments.models import SealImage
from committees import services as committee_services
from committees.models import PostHolding
from seongdong_gov.audit import _plain, audit_record, snapshot
from seongdong_gov.models import AuditEntry
from seongdong_gov.templatetags.audit_tags import audit_history_url
from tests import factories


@pytest.fixture
def move(db):
    """A personnel move of 행정관리국장, who sits ex officio on 추진운영위원회, made by staff through the
    service; an administrator ("admin") and another governance staff account ("staff") look on."""
    factories.admin_user("admin")
    factories.staff_user("staff")
    staff = factories.staff_user()
    holding = factories.PostHoldingFactory(post=factories.PostFactory(name="행정관리국장"))
    factories.seat_group(factories.BodyFactory(name="추진운영위원회"), post=holding.post)
    old = PostHolding.objects.get(post__name="행정관리국장", end__isnull=True)
    newcomer = factories.PersonFactory(name="신임국장")
    committee_services.post_holder_change(
        actor=staff, post=old.post, person=newcomer, start=dt.date(2026, 12, 1)
    )
    old.refresh_from_db()
    return staff, old, newcomer


def test_personnel_move_records_who_and_before_after(move):
    staff, old, newcomer = move
    left = AuditEntry.objects.get(action="post_left", object_id=str(old.pk))
    assert left.actor == staff
    assert left.changes == {"end": [None, "2026-11-30"]}
    taken = AuditEntry.objects.get(action="post_taken", actor=staff)
    assert taken.actor == staff
    assert taken.changes["person"] == [None, newcomer.pk]
    # the ex officio seat on 추진운영위원회 followed the post, and that was recorded too
    assert AuditEntry.objects.filter(action="ex_officio_left", actor=staff).count() >= 1


def test_admin_reads_one_objects_history_and_nothing_else(client, move):
    _staff, old, _newcomer = move
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    html = client.get(audit_history_url(old)).content.decode()
    assert "post_left" in html
    assert "신임국장" not in html  # the new holding is another object: its entry is filtered out


def test_audit_trail_cannot_be_edited_or_deleted_from_the_ui(client, move):
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    entry = AuditEntry.objects.first()
    change_url = reverse("admin:seongdong_gov_auditentry_change", args=[entry.pk])
    before = entry.changes
    client.post(change_url, {"action": "forged", "note": "x"})
    entry.refresh_from_db()
    assert entry.action != "forged" and entry.changes == before
    assert client.get(reverse("admin:seongdong_gov_auditentry_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:seongdong_gov_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_only_administrators_read_the_audit_trail(client, move):
    staff, old, _newcomer = move
    client.force_login(staff)
    response = client.get(audit_history_url(old))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(("username", "sees_link"), [("admin", True), ("staff", False)])
def test_history_link_on_person_page_for_administrators_only(client, move, username, sees_link):
    _staff, old, _newcomer = move
    client.force_login(get_user_model().objects.get(username=username))
    html = client.get(old.person.get_absolute_url()).content.decode()
    assert (audit_history_url(old.person).replace("&", "&amp;") in html) is sees_link


def test_admin_edits_and_deletions_are_audited_with_before_and_after(client, db):
    from committees.models import CalendarException

    admin = factories.admin_user("admin")
    client.force_login(admin)
    person = factories.PersonFactory(affiliation="성동구 주민자치회", title="위원", note="비고")
    data = {
        "name": person.name,
        "gender": person.gender,
        "affiliation": "성동구 자원봉사센터",
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "birth_date": "",
        "user": "",
        "note": person.note,
    }
    response = client.post(reverse("admin:committees_person_change", args=[person.pk]), data)
    assert response.status_code == 302, re.findall(r"errorlist[^<]*<li>([^<]*)", response.content.decode())
    entry = AuditEntry.objects.get(action="admin_change", object_id=str(person.pk))
    assert entry.actor == admin
    assert entry.changes == {"affiliation": [person.affiliation, "성동구 자원봉사센터"]}

    closure = CalendarException.objects.create(date=dt.date(2026, 12, 31), kind="closure", reason="종무식")
    response = client.post(
        reverse("admin:committees_calendarexception_delete", args=[closure.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    deleted = AuditEntry.objects.get(action="admin_delete", object_id=str(closure.pk))
    assert deleted.changes["reason"] == ["종무식", None]


def test_changing_who_reports_for_a_unit_is_audited(client, db):
    from committees.models import OrgUnit

    staff = factories.staff_user()
    officer = factories.UserFactory(username="dong_officer")
    unit = factories.OrgUnitFactory(name="사근동 주민센터", kind=OrgUnit.Kind.DONG)
    client.force_login(staff)
    data = {
        "name": unit.name,
        "kind": unit.kind,
        "parent": "",
        "order": 0,
        "reporting_officers": [officer.pk],
    }
    response = client.post(reverse("committees:unit_edit", args=[unit.pk]), data)
    assert response.status_code == 302
    assert list(unit.reporting_officers.values_list("pk", flat=True)) == [officer.pk]
    entry = AuditEntry.objects.get(action="update", object_id=str(unit.pk))
    assert entry.actor == staff
    assert entry.changes == {"reporting_officers": [[], [officer.pk]]}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_audit_records_a_file_field_as_its_name_and_size(db, tmp_path, settings):
    # The admin's seal upload failed: a FieldFile in the changes is not JSON serializable.
    settings.MEDIA_ROOT = tmp_path
    seal = SealImage(label="구청장 직인")
    data = _png()
    seal.image.save("seal.png", ContentFile(data), save=True)
    entry = audit_record(actor=None, action="seal_upload", obj=seal, after=snapshot(seal))
    entry.refresh_from_db()
    assert entry.changes["image"] == [None, {"name": seal.image.name, "size": len(data)}]
    assert entry.changes["label"] == [None, "구청장 직인"]


def test_admin_seal_upload_writes_its_audit_entry(client, db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    data = _png()
    response = client.post(
        reverse("admin:appointments_sealimage_add"),
        {
            "image": SimpleUploadedFile("seal.png", data, content_type="image/png"),
            "label": "직인",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    seal = SealImage.objects.get()
    entry = AuditEntry.objects.get(object_id=str(seal.pk))
    assert entry.changes["image"][1] == {"name": seal.image.name, "size": len(data)}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 1, 15), "2026-01-15"),
        (dt.time(16, 0), "16:00:00"),
        (Decimal("1.50"), "1.50"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        (float("nan"), "nan"),
        (dt.timedelta(hours=1), 3600.0),
        ({"a": dt.date(2026, 1, 1)}, {"a": "2026-01-01"}),
        ((1, 2), [1, 2]),
        (b"abc", "<3 bytes>"),
        (object, str(object)),
    ],
)
def test_audit_plain_makes_any_value_json_ready(value, expected):
    assert _plain(value) == expected
    json.dumps(_plain(value))
