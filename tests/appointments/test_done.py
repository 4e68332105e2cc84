"""The issue's "Done means": the administrator logs in, issues the 8 appointed members' certificates for
the 2016 위촉식 in one batch and gets one 8-page PDF numbered 제2016-001호 to 제2016-008호."""

import io
import re
from html import unescape

from django.urls import reverse
from pypdf import PdfReader

from appointments.models import Certificate
from tests import factories


def _text(page) -> str:
    return page.extract_text().replace(" ", "").replace("\n", "")


def test_admin_issues_2016_ceremony_batch_and_prints_one_8_page_pdf(client, cohort):
    factories.UserFactory(username="admin", is_superuser=True, is_staff=True)
    response = client.post(reverse("login"), {"username": "admin", "password": factories.PASSWORD})
    assert response.status_code == 302

    form_page = client.get(reverse("appointments:issue")).content.decode()
    offered = [int(pk) for pk in re.findall(r'name="appointments" value="(\d+)"', form_page)]
    assert offered == [a.pk for a in cohort["appointments"]]

    response = client.post(
        reverse("appointments:issue"),
        {"appointments": offered, "issued_on": "2016-01-15", "ceremony": "2016 추진운영위원회 위촉식"},
        follow=True,
    )
    page = response.content.decode()
    assert "위촉장 8매를 발급했습니다 (제2016-001호 ~ 제2016-008호)." in page
    assert re.findall(r"<th scope=\"row\">(제2016-\d+호)</th>", page) == [
        f"제2016-00{i}호" for i in range(8, 0, -1)
    ]

    batch_href = unescape(re.search(r'href="([^"]*/certificates/batch\.pdf\?[^"]*)"', page).group(1))
    pdf = client.get(batch_href)
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 8
    names = [a.membership.person.name for a in cohort["appointments"]]
    for i, (page, name) in enumerate(zip(reader.pages, names, strict=True), start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        text = _text(page)
        assert text.startswith(f"제2016-00{i}호위촉장")
        assert name in text
        assert "귀하를민관거버넌스추진운영위원회위원으로위촉합니다." in text
        assert "(위촉기간:2016.1.15.~2018.1.14.,2년간)" in text
        assert "2016년1월15일성동구청장정원오" in text
    assert Certificate.objects.filter(ceremony="2016 추진운영위원회 위촉식").count() == 8
