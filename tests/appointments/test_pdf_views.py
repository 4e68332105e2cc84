import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from appointments import rules, services
from appointments.models import Appointment, Certificate, SealImage, validate_seal
from seongdong_gov.models import AuditEntry
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
        "2016.1.15.~2018.1.14.,2년간",
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


def test_body_batch_prints_newest_certificate_of_current_appointments(login, admin_user, issued, cohort):
    """The 2016 cohort has ended; the current members' certificates print, a reissue replacing its original."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=100)
    current = []
    for i in range(2):
        m = factories.appoint(
            cohort["group"],
            factories.PersonFactory(name=f"현위원{i}"),
            start=start,
            end=rules.term_end(start, 2),
        )
        current.append(services.appointment_record(actor=None, membership=m))
    first, second = services.certificate_issue(actor=None, appointments=current, issued_on=start)
    again = services.certificate_reissue(actor=None, certificate=first, issued_on=today, reason="분실")
    url = reverse("appointments:batch_pdf") + f"?body={cohort['body'].pk}"
    reader = _reader(login(admin_user).get(url))
    texts = [_text(p) for p in reader.pages]
    assert len(texts) == 2
    assert [(second.number in t, again.number in t) for t in texts] == [(True, False), (False, True)]
    assert "현위원1" in texts[0] and "현위원0" in texts[1]
    assert not any("김위원" in t for t in texts)


def test_body_batch_without_current_certificates_is_404(login, admin_user, issued, cohort):
    url = reverse("appointments:batch_pdf") + f"?body={cohort['body'].pk}"
    assert login(admin_user).get(url).status_code == 404


def test_certificate_uses_body_text_and_seal(login, admin_user, issued, cohort, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    body = cohort["body"]
    body.appointment_text = "성동구 주민자치의 발전을 위하여\n귀하를 특별위원으로\n위촉합니다."
    body.save()
    image = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 30, 30)).save(image, "PNG")
    seal = SealImage(label="구청장 직인")
    seal.image.save("seal.png", ContentFile(image.getvalue()), save=True)
    reader = _reader(login(admin_user).get(reverse("appointments:certificate_pdf", args=[issued[0].pk])))
    page = reader.pages[0]
    text = _text(page)
    assert "성동구주민자치의발전을위하여귀하를특별위원으로위촉합니다." in text
    assert "찾아가는" not in text
    images = list(page.images)
    assert len(images) == 1
    assert images[0].image.size == (120, 120)


def test_seal_upload_rejects_non_image():
    with pytest.raises(ValidationError):
        validate_seal(ContentFile(b"not an image", name="seal.png"))


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
    assert response.streaming  # streamed, not built in memory
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("발급번호,성명,기구")
    assert len(body.strip().splitlines()) == 9


@pytest.mark.parametrize("rows", [1, 8])
def test_register_query_count(login, django_assert_num_queries, cohort, rows):
    services.certificate_issue(
        actor=None, appointments=cohort["appointments"][:rows], issued_on=D(2016, 1, 15)
    )
    client = login(factories.staff_user())
    # session, user, roles (one query), body choices for the filter, the
    # paginator's count, the page's certificates with person/body/issuer/original joined; then the
    # session save (savepoint, update, release: sessions are saved on every request)
    with django_assert_num_queries(9):
        response = client.get(reverse("appointments:register"))
    assert response.content.decode().count("제2016-00") == rows


def test_register_filters_by_year_body_and_name(login, admin_user, issued, cohort):
    other = factories.BodyFactory(name="다른위원회", gender_balance_applies=False)
    group = factories.seat_group(other, count=1)
    m = factories.appoint(
        group, factories.PersonFactory(name="박다른"), start=D(2017, 3, 2), end=D(2019, 3, 1)
    )
    services.certificate_issue(
        actor=None,
        appointments=[services.appointment_record(actor=None, membership=m)],
        issued_on=D(2017, 3, 2),
    )
    client = login(admin_user)

    def numbers(query):
        page = client.get(reverse("appointments:register") + query).content.decode()
        return sorted(set(re.findall(r"제20\d\d-\d{3}호", page)))

    assert numbers("?year=2017") == ["제2017-001호"]
    assert numbers(f"?body={other.pk}") == ["제2017-001호"]
    assert numbers(f"?body={cohort['body'].pk}&q=김위원3") == ["제2016-004호"]
    assert numbers("?issued_on=2016-01-15") == [f"제2016-00{i}호" for i in range(1, 9)]
    assert numbers("?q=제2016-002") == ["제2016-002호"]


def test_reissue_view_links_original_and_keeps_it(login, admin_user, issued):
    url = reverse("appointments:reissue", args=[issued[0].pk])
    client = login(admin_user)
    response = client.post(url, {"issued_on": "2016-03-02", "reason": ""})
    assert "재발급 사유" in response.content.decode()
    assert Certificate.objects.count() == 8
    response = client.post(url, {"issued_on": "2016-03-02", "reason": "분실"})
    assert response.status_code == 302
    new = Certificate.objects.get(reissue_of=issued[0])
    assert (new.number, new.reissue_reason) == ("제2016-009호", "분실")
    assert Certificate.objects.count() == 9
    response = client.get(reverse("appointments:register") + "?format=csv")
    csv_rows = b"".join(response.streaming_content).decode("utf-8-sig")
    assert (
        "제2016-009호,김위원0,추진운영위원회,2016. 1. 15. ~ 2018. 1. 14. (2년),2016. 3. 2.,,제2016-001호,분실"
        in csv_rows
    )


def test_end_view_dismissal_needs_ground_and_keeps_input(login, admin_user, cohort):
    appointment = cohort["appointments"][3]
    url = reverse("appointments:end", args=[appointment.pk])
    client = login(admin_user)
    response = client.post(url, {"kind": "dismissal", "on": "2017-02-01", "ground": ""})
    page = response.content.decode()
    assert "해촉은 근거를 기록해야 합니다." in page
    assert 'value="2017-02-01"' in page
    appointment.refresh_from_db()
    assert appointment.end_kind == ""
    response = client.post(url, {"kind": "dismissal", "on": "2017-02-01", "ground": "출석률 50% 미만"})
    assert response.status_code == 302
    appointment.refresh_from_db()
    appointment.membership.refresh_from_db()
    assert (appointment.end_kind, appointment.end_ground, appointment.membership.end) == (
        Appointment.EndKind.DISMISSAL,
        "출석률 50% 미만",
        D(2017, 2, 1),
    )
    assert AuditEntry.objects.filter(action="end").count() == 2  # the appointment and its membership
    assert client.post(url, {"kind": "resignation", "on": "2017-03-01"}).status_code == 200
