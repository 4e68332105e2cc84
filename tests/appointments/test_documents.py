"""위촉장 발급대장 (issue 12) as HWPX, PDF, XLSX and CSV: the same rows, formula-like text inert."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from appointments import services
from appointments.models import SealImage
from tests import factories
from tests.conftest import LOGIN, assert_statuses
from tests.docreaders import read_hwpx, read_pdf

D = dt.date


@pytest.fixture
def issued(cohort):
    person = cohort["appointments"][1].membership.person
    person.name = "=1+1"
    person.save()
    return services.certificate_issue(
        actor=None, appointments=cohort["appointments"], issued_on=D(2016, 1, 15), ceremony='=HYPERLINK("x")'
    )


def _url(fmt):
    return reverse("appointments:register") + f"?format={fmt}"


def test_register_documents_permission_matrix(role_world):
    expected = dict(
        anonymous=LOGIN, member=403, secretary_other=403, secretary=403, reporter=403, staff=200, admin=200
    )
    assert_statuses(role_world.users, _url("hwpx"), expected)


def test_register_hwpx_and_pdf_hold_every_certificate(login, issued):
    client = login(factories.staff_user("staff"))
    page = client.get(reverse("appointments:register")).content.decode()
    assert "format=hwpx" in page and "format=xlsx" in page
    response = client.get(_url("hwpx"))
    assert response["Content-Type"] == "application/hwp+zip"
    text, tables = read_hwpx(response.content)
    assert "위촉장 발급대장" in text
    header, *rows = tables[0]
    assert header[:4] == ["발급번호", "성명", "기구", "위촉기간"]
    assert len(rows) == 8
    first = next(r for r in rows if r[0] == "제2016-001호")
    assert first[1:5] == ["김위원0", "추진운영위원회", "2016. 1. 15. ~ 2018. 1. 14. (2년)", "2016. 1. 15."]
    pdf_text, _pages = read_pdf(client.get(_url("pdf")).content)
    flat = "".join(pdf_text.split())  # narrow columns wrap lines inside a cell
    assert "제2016-008호" in flat and "김위원7" in flat and "2018.1.14.(2년)" in flat


def test_register_csv_and_xlsx_keep_formulas_inert_and_numbers_plain(login, issued):
    client = login(factories.staff_user("staff"))
    response = client.get(_url("csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    by_number = {r[0]: r for r in rows[1:]}
    assert by_number["제2016-002호"][1] == "'=1+1"
    assert by_number["제2016-002호"][5] == '\'=HYPERLINK("x")'
    ws = load_workbook(io.BytesIO(client.get(_url("xlsx")).content)).active
    cells = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    assert cells["제2016-002호"][1].value == "=1+1" and cells["제2016-002호"][1].data_type == "s"
    assert cells["제2016-002호"][5].data_type == "s"


def test_demo_seal_is_drawn_and_printed_on_the_certificate(login, issued, tmp_path, settings):
    from PIL import Image

    from appointments import demo

    settings.MEDIA_ROOT = tmp_path
    demo._sample_seal()
    demo._sample_seal()  # idempotent: one seal
    seal = SealImage.objects.get()
    assert seal.label == demo.SEAL_LABEL
    with seal.image.open("rb") as fh:
        image = Image.open(io.BytesIO(fh.read()))
        assert image.format == "PNG" and image.getpixel((image.width // 2, 15))[:3] == (200, 30, 30)
    response = login(factories.admin_user()).get(reverse("appointments:certificate_pdf", args=[issued[0].pk]))
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert [img.image.size for img in page.images] == [(240, 240)]
