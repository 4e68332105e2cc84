import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from appointments import services
from appointments.models import Certificate
from tests import factories

D = dt.date


def _reader(response) -> PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def _text(page) -> str:
    return page.extract_text().replace(" ", "").replace("\n", "")


@pytest.fixture
def issued(cohort):
    return services.certificate_issue(
        actor=None, appointments=cohort["appointments"], issued_on=D(2016, 1, 15)
    )


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(username="admin_u", is_superuser=True, is_staff=True)


def test_certificate_pdf_holds_text_one_a4_page_font_embedded(login, admin_user, issued):
    reader = _reader(login(admin_user).get(reverse("appointments:certificate_pdf", args=[issued[0].pk])))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = _text(page)
    for expected in [
        "위촉장",
        "김위원0",
        "제2016-001호",
        "추진운영위원회위원으로",
        "위촉합니다",
        "2016.1.15.~2018.1.14.2년",
        "2016년1월15일",
        "성동구청장정원오",
    ]:
        assert expected in text
    fonts = page["/Resources"]["/Font"]
    descendant = [f.get_object()["/DescendantFonts"][0].get_object() for f in fonts.values()]
    assert all("NanumMyeongjo" in d["/BaseFont"] for d in descendant)
    assert all("/FontFile2" in d["/FontDescriptor"] for d in descendant)


def test_batch_of_8_is_one_pdf_of_8_pages(login, admin_user, issued):
    response = login(admin_user).get(reverse("appointments:batch_pdf") + "?issued_on=2016-01-15")
    reader = _reader(response)
    assert len(reader.pages) == 8
    assert [f"제2016-00{i}호" in _text(p) for i, p in enumerate(reader.pages, start=1)] == [True] * 8


def test_body_batch_prints_current_appointments(login, admin_user, issued, cohort):
    url = reverse("appointments:batch_pdf") + f"?body={cohort['body'].pk}"
    from django.utils import timezone

    # the 2016 cohort is no longer current today: nothing to print
    if timezone.localdate() > D(2018, 1, 14):
        assert login(admin_user).get(url).status_code == 404


def test_member_downloads_only_own_certificate(login, issued):
    own = issued[0]
    user = factories.UserFactory(username="member_u")
    person = own.appointment.membership.person
    person.user = user
    person.save()
    client = login(user)
    assert client.get(reverse("appointments:certificate_pdf", args=[own.pk])).status_code == 200
    assert client.get(reverse("appointments:certificate_pdf", args=[issued[1].pk])).status_code == 404
    assert client.get(reverse("appointments:batch_pdf") + "?issued_on=2016-01-15").status_code == 403


@pytest.mark.parametrize(
    ("role", "register", "issue", "other_pdf"),
    [
        ("anonymous", 302, 302, 302),
        ("user", 403, 403, 404),
        ("staff", 200, 403, 404),
        ("admin", 200, 200, 200),
    ],
)
def test_permission_matrix(client, login, issued, role, register, issue, other_pdf):
    if role == "user":
        login(factories.UserFactory(username="plain_u"))
    elif role == "staff":
        login(factories.staff_user())
    elif role == "admin":
        login(factories.UserFactory(username="admin_u", is_superuser=True))
    assert client.get(reverse("appointments:register")).status_code == register
    assert client.get(reverse("appointments:issue")).status_code == issue
    assert client.get(reverse("appointments:certificate_pdf", args=[issued[2].pk])).status_code == other_pdf


def test_only_admin_issues_via_post(login, cohort):
    data = {
        "appointments": [a.pk for a in cohort["appointments"]],
        "issued_on": "2016-01-15",
        "ceremony": "위촉식",
    }
    staff = login(factories.staff_user())
    assert staff.post(reverse("appointments:issue"), data).status_code == 403
    assert Certificate.objects.count() == 0
    admin = login(factories.UserFactory(username="admin_u", is_superuser=True))
    response = admin.post(reverse("appointments:issue"), data)
    assert response.status_code == 302
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [
        f"제2016-00{i}호" for i in range(1, 9)
    ]


def test_issue_form_bad_input_keeps_data(login, admin_user, cohort):
    response = login(admin_user).post(reverse("appointments:issue"), {"issued_on": "", "ceremony": "위촉식"})
    assert response.status_code == 200
    assert "발급할 위원을 하나 이상 선택하세요." in response.content.decode()
    assert 'value="위촉식"' in response.content.decode()


def test_register_csv_export(login, admin_user, issued):
    response = login(admin_user).get(reverse("appointments:register") + "?format=csv&year=2016")
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("발급번호,성명,기구")
    assert len(body.strip().splitlines()) == 9


@pytest.mark.parametrize("rows", [1, 8])
def test_register_query_count(login, django_assert_num_queries, cohort, rows):
    services.certificate_issue(
        actor=None, appointments=cohort["appointments"][:rows], issued_on=D(2016, 1, 15)
    )
    client = login(factories.staff_user())
    # session, user, roles (person, groups, reporting units), body choices for the filter, the
    # certificates with person/body/issuer/original joined; then the session save (savepoint, update,
    # release: sessions are saved on every request)
    with django_assert_num_queries(10):
        response = client.get(reverse("appointments:register"))
    assert response.content.decode().count("제2016-00") == rows
