"""Permission matrix: every appointments URL × every role → status (pretix's test_permissions.py).

Objects outside a user's reach give 404; role-gated pages without an object give 403; anonymous users
are sent to the login page. Only administrators issue, reissue, end and batch-print; a member downloads
only their own certificate; appointment records are kept by governance staff and the body's secretary.
"""

import datetime as dt
import io

import pytest
from django.urls import resolve, reverse
from django.utils import timezone
from pypdf import PdfReader

from appointments import services
from appointments.models import Certificate
from tests import factories
from tests.conftest import LOGIN, ROLES, assert_statuses


@pytest.fixture
def world(role_world):
    start = timezone.localdate() - dt.timedelta(days=100)
    body, other = role_world.body, role_world.other_body
    group = factories.seat_group(body, label="민간위원", count=3)
    other_group = factories.seat_group(other, label="민간위원", count=1)

    def create(g, person):
        seat = g.seats.filter(memberships__isnull=True).order_by("number")[0]
        return services.appointment_create(
            actor=None, seat=seat, person=person, role="member", start=start
        ).obj

    # the member (본인위원) sits on the body from `start`: their appointment record is the one they may read
    assert role_world.membership.start == start
    mine = services.appointment_record(actor=None, membership=role_world.membership, recommended_by="")
    theirs = create(group, factories.PersonFactory(name="남의위원"))
    elsewhere = create(other_group, factories.PersonFactory(name="다른기구위원"))
    unrecorded = factories.appoint(group, factories.PersonFactory(), start=start, end=None, seat_number=3)
    certs = services.certificate_issue(actor=None, appointments=[mine, theirs, elsewhere], issued_on=start)
    return {
        "users": role_world.users,
        "body": body,
        "other": other,
        "mine": mine,
        "theirs": theirs,
        "elsewhere": elsewhere,
        "unrecorded": unrecorded,
        "cert_mine": certs[0],
        "cert_theirs": certs[1],
        "cert_elsewhere": certs[2],
        "start": start,
    }


def _url(name, w):
    return {
        "register": lambda: reverse("appointments:register"),
        "issue": lambda: reverse("appointments:issue"),
        "alerts": lambda: reverse("appointments:alerts"),
        "batch_body": lambda: reverse("appointments:batch_pdf") + f"?body={w['body'].pk}",
        "batch_day": lambda: reverse("appointments:batch_pdf") + f"?issued_on={w['start'].isoformat()}",
        "pdf_mine": lambda: reverse("appointments:certificate_pdf", args=[w["cert_mine"].pk]),
        "pdf_theirs": lambda: reverse("appointments:certificate_pdf", args=[w["cert_theirs"].pk]),
        "reissue": lambda: reverse("appointments:reissue", args=[w["cert_mine"].pk]),
        "end": lambda: reverse("appointments:end", args=[w["mine"].pk]),
        "bodies": lambda: reverse("appointments:bodies"),
        "body": lambda: reverse("appointments:body", args=[w["body"].pk]),
        "body_other": lambda: reverse("appointments:body", args=[w["other"].pk]),
        "create": lambda: reverse("appointments:create", args=[w["body"].pk]),
        "record": lambda: reverse("appointments:record", args=[w["unrecorded"].pk]),
        "edit": lambda: reverse("appointments:edit", args=[w["mine"].pk]),
        "edit_other": lambda: reverse("appointments:edit", args=[w["elsewhere"].pk]),
    }[name]()


L = LOGIN  # redirected to the login page


def _row(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


# url: (anonymous, member, secretary_other, secretary, reporter, staff, admin)
MATRIX = {
    "register": _row(L, 403, 403, 403, 403, 200, 200),
    "issue": _row(L, 403, 403, 403, 403, 403, 200),
    "alerts": _row(L, 403, 403, 403, 403, 200, 200),
    "batch_body": _row(L, 403, 403, 403, 403, 403, 200),
    "batch_day": _row(L, 403, 403, 403, 403, 403, 200),
    "pdf_mine": _row(L, 200, 404, 404, 404, 404, 200),
    "pdf_theirs": _row(L, 404, 404, 404, 404, 404, 200),
    "reissue": _row(L, 403, 403, 403, 403, 403, 200),
    "end": _row(L, 403, 403, 403, 403, 403, 200),
    "bodies": _row(L, 403, 200, 200, 403, 200, 200),
    "body": _row(L, 404, 404, 200, 404, 200, 200),
    "body_other": _row(L, 404, 200, 404, 404, 200, 200),
    "create": _row(L, 404, 404, 200, 404, 200, 200),
    "record": _row(L, 404, 404, 200, 404, 200, 200),
    "edit": _row(L, 404, 404, 200, 404, 200, 200),
    "edit_other": _row(L, 404, 200, 404, 404, 200, 200),
}
# What a 200 must show, so a page that renders the wrong thing fails too.
MARKERS = {
    "register": "제{year}-001호",
    "issue": "위촉장 발급",
    "alerts": "60일 안에 임기가 끝나는 위원",
    "reissue": "재발급",
    "end": "위촉 종료",
    "bodies": "기구별 위촉 현황",
    "body": "추진운영위원회 위촉 현황",
    "body_other": "다른위원회 위촉 현황",
    "create": "추진운영위원회 위원 위촉",
    "record": "위촉 기록:",
    "edit": "위촉 기록 수정: 본인위원",
    "edit_other": "위촉 기록 수정: 다른기구위원",
}
PDF_PAGES = {"batch_body": 2, "batch_day": 3, "pdf_mine": 1, "pdf_theirs": 1}


@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(world, name):
    responses = assert_statuses(world["users"], _url(name, world), MATRIX[name])
    for response in (r for r in responses.values() if r.status_code == 200):
        if name in PDF_PAGES:
            assert response["Content-Type"] == "application/pdf"
            assert len(PdfReader(io.BytesIO(response.content)).pages) == PDF_PAGES[name]
        else:
            assert MARKERS[name].format(year=world["start"].year) in response.content.decode()


def test_matrix_covers_every_url(world):
    from appointments.urls import urlpatterns

    covered = {resolve(_url(name, world).split("?")[0]).url_name for name in MATRIX}
    assert covered == {p.name for p in urlpatterns}


@pytest.mark.parametrize("role", ["member", "secretary", "reporter", "staff"])
def test_only_admin_issues_certificates_by_post(client, world, role):
    client.force_login(world["users"][role])
    before = Certificate.objects.count()
    response = client.post(
        reverse("appointments:issue"),
        {"appointments": [world["mine"].pk], "issued_on": world["start"].isoformat()},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("appointments:reissue", args=[world["cert_mine"].pk]),
        {"issued_on": world["start"].isoformat(), "reason": "분실"},
    )
    assert response.status_code == 403
    assert Certificate.objects.count() == before


@pytest.mark.parametrize("role", ["member", "secretary_other", "reporter"])
def test_outsiders_cannot_write_appointment_records(client, world, role):
    client.force_login(world["users"][role])
    mine = world["mine"]
    response = client.post(reverse("appointments:edit", args=[mine.pk]), {"recommended_by": "조작"})
    assert response.status_code == 404
    response = client.post(
        reverse("appointments:record", args=[world["unrecorded"].pk]), {"recommended_by": "조작"}
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    world["unrecorded"].refresh_from_db()
    assert mine.recommended_by != "조작" and not hasattr(world["unrecorded"], "appointment")


def test_secretary_records_appointment_of_own_body(client, world):
    client.force_login(world["users"]["secretary"])
    client.post(
        reverse("appointments:record", args=[world["unrecorded"].pk]), {"recommended_by": "주민자치회"}
    )
    world["unrecorded"].refresh_from_db()
    assert world["unrecorded"].appointment.recommended_by == "주민자치회"


def test_body_index_counts_unrecorded_memberships_per_body(client, world):
    """기구별 위촉 현황: each body with appointed seats and its appointed memberships that have no
    appointment record (here one on the body, none elsewhere); a secretary sees only their bodies."""
    client.force_login(world["users"]["staff"])
    html = client.get(reverse("appointments:bodies")).content.decode()
    rows = {
        body.pk: html.split(reverse("appointments:body", args=[body.pk]))[1].split("</tr>")[0]
        for body in (world["body"], world["other"])
    }
    assert "1건" in rows[world["body"].pk] and "text-danger" in rows[world["body"].pk]
    assert "건" not in rows[world["other"].pk]
    services.appointment_record(actor=None, membership=world["unrecorded"], recommended_by="주민")
    html = client.get(reverse("appointments:bodies")).content.decode()
    assert (
        "text-danger"
        not in html.split(reverse("appointments:body", args=[world["body"].pk]))[1].split("</tr>")[0]
    )
    client.force_login(world["users"]["secretary"])
    html = client.get(reverse("appointments:bodies")).content.decode()
    assert reverse("appointments:body", args=[world["body"].pk]) in html
    assert reverse("appointments:body", args=[world["other"].pk]) not in html
