"""The audit trail: services record who, when and what changed; administrators read it, nobody edits it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from committees import services as committee_services
from committees.models import PostHolding
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
