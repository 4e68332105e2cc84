"""위원 명단 (issue 12) as HWPX, PDF and XLSX: seat by seat, contacts only for those who may see them,
formula-like names inert in the workbook."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.conftest import LOGIN, assert_statuses
from tests.docreaders import read_hwpx, read_pdf


@pytest.fixture
def world(role_world):
    person = role_world.member_person
    person.affiliation, person.phone, person.email = "성수1가1동", "010-1234-5678", "me@example.kr"
    person.save()
    group = role_world.membership.seat.group
    group.field, group.recommender = "복지", "동 주민센터"
    group.save()
    m = role_world.membership
    factories.member(role_world.body, factories.PersonFactory(name="=1+1"), start=m.start, end=m.end)
    return role_world


def _url(body, fmt):
    return reverse("committees:body_roster", args=[body.pk, fmt])


def test_roster_permission_matrix(world):
    # a body's composition is public record to every signed-in user, as the body page is
    expected = dict(
        anonymous=LOGIN, member=200, secretary_other=200, secretary=200, reporter=200, staff=200, admin=200
    )
    assert_statuses(world.users, _url(world.body, "hwpx"), expected)


def test_roster_hwpx_seat_by_seat_with_contacts_for_the_secretary(login, world):
    client = login(world.users["secretary"])
    page = client.get(world.body.get_absolute_url()).content.decode()
    assert _url(world.body, "hwpx") in page and _url(world.body, "xlsx") in page
    response = client.get(_url(world.body, "hwpx"))
    assert response["Content-Type"] == "application/hwp+zip"
    text, tables = read_hwpx(response.content)
    assert "추진운영위원회 위원 명단" in text
    header, *rows = tables[0]
    assert header == [
        "연번",
        "구분",
        "직책",
        "성명",
        "소속",
        "임기",
        "분야",
        "추천 주체",
        "전화번호",
        "이메일",
    ]
    mine = next(r for r in rows if r[3] == "본인위원")
    assert mine[4] == "성수1가1동" and mine[6:] == ["복지", "동 주민센터", "010-1234-5678", "me@example.kr"]
    assert " ~ " in mine[5]
    assert any(r[3] == "=1+1" for r in rows)


def test_roster_hides_contacts_from_members(login, world):
    client = login(world.users["member"])
    _text, tables = read_hwpx(client.get(_url(world.body, "hwpx")).content)
    assert "전화번호" not in tables[0][0]
    assert "010-1234-5678" not in str(tables)
    pdf_text, _pages = read_pdf(client.get(_url(world.body, "pdf")).content)
    assert "본인위원" in pdf_text and "010-1234-5678" not in pdf_text


def test_roster_xlsx_numbers_stay_numbers_and_formulas_stay_text(login, world):
    response = login(world.users["staff"]).get(_url(world.body, "xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=3))
    formula = next(r for r in rows if r[3].value == "=1+1")
    assert formula[3].data_type == "s"
    assert all(isinstance(r[0].value, int) for r in rows)
