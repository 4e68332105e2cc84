"""The register, the alert lists and the home panel stay bounded at district scale (issue 6 §4):
50 rows a page with the filters kept in the page links, the CSV export whole and streamed, the home
panel capped at 10 rows beside its total."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.dashboard import PANEL_ROWS
from tests import factories

D = dt.date


@pytest.fixture
def many_certificates(cohort):
    """58 certificates of 2016: the 8 originals of the cohort and 50 reissues, numbered 제2016-001호 to
    제2016-058호 in order of issue."""
    originals = services.certificate_issue(
        actor=None, appointments=cohort["appointments"], issued_on=D(2016, 1, 15)
    )
    for i in range(50):
        services.certificate_reissue(
            actor=None, certificate=originals[i % 8], issued_on=D(2016, 3, 2), reason=f"분실 {i}"
        )
    return cohort


def _numbers(html):
    return re.findall(r"제2016-(\d{3})호", html.split("<tbody>")[1].split("</tbody>")[0])


def test_register_shows_50_a_page_and_page_2_the_51st(login, many_certificates):
    client = login(factories.staff_user())
    first = client.get(reverse("appointments:register")).content.decode()
    # newest first: 058 … 009 on page 1 (the numbers of reissued originals also appear in the 비고 column)
    rows = re.findall(r'<th scope="row">제2016-(\d{3})호</th>', first)
    assert rows == [f"{n:03d}" for n in range(58, 8, -1)]
    assert "전체 58건 중 1–50번째" in first
    assert 'aria-label="페이지 이동"' in first and 'href="?page=2"' in first
    second = client.get(reverse("appointments:register") + "?page=2").content.decode()
    assert re.findall(r'<th scope="row">제2016-(\d{3})호</th>', second) == [
        f"{n:03d}" for n in range(8, 0, -1)
    ]
    assert "전체 58건 중 51–58번째" in second
    assert 'aria-current="page"><span class="page-link">2' in second


def test_register_page_links_keep_the_filters(login, many_certificates):
    client = login(factories.staff_user())
    body = many_certificates["body"].pk
    page = client.get(reverse("appointments:register") + f"?year=2016&body={body}").content.decode()
    assert f'href="?year=2016&amp;body={body}&amp;page=2"' in page
    page2 = client.get(reverse("appointments:register") + f"?year=2016&body={body}&page=2").content.decode()
    assert f'href="?year=2016&amp;body={body}&amp;page=1"' in page2  # 이전
    # the CSV link carries the filters but never the page: the export is the whole register
    assert f"?year=2016&amp;body={body}&amp;format=csv" in page2
    # a filter that leaves one page shows no page navigation
    assert "페이지 이동" not in client.get(reverse("appointments:register") + "?q=김위원3").content.decode()


def test_register_bad_page_number_falls_back(login, many_certificates):
    client = login(factories.staff_user())
    assert (
        "전체 58건 중 1–50번째" in client.get(reverse("appointments:register") + "?page=x").content.decode()
    )
    assert (
        "전체 58건 중 51–58번째" in client.get(reverse("appointments:register") + "?page=99").content.decode()
    )


def test_csv_export_is_whole_and_unpaginated(login, many_certificates):
    response = login(factories.staff_user()).get(reverse("appointments:register") + "?format=csv&page=2")
    assert response.streaming
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 58
    assert lines[1].startswith("제2016-058호,") and lines[-1].startswith("제2016-001호,")


@pytest.mark.parametrize("rows", [1, 60])
def test_register_query_count_independent_of_pages(login, many_certificates, rows, django_assert_num_queries):
    client = login(factories.staff_user())
    # session, user, roles (one query), body choices, the paginator's count, the
    # page's certificates (joined), then the session save (savepoint, update, release) — on page 1 and on
    # the last page alike
    page = 1 if rows == 1 else 2
    with django_assert_num_queries(9):
        client.get(reverse("appointments:register") + f"?page={page}")


@pytest.fixture
def ending_many(db):
    """13 appointed members whose terms end within 60 days, on one body."""
    today = timezone.localdate()
    body = factories.BodyFactory(name="만료위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=13, effective=today - dt.timedelta(days=800))
    for i in range(13):
        factories.appoint(
            group,
            factories.PersonFactory(name=f"만료{i:02d}"),
            start=today - dt.timedelta(days=700),
            end=today + dt.timedelta(days=1 + i),
        )
    return body


def test_home_panel_caps_the_ending_list_and_links_to_the_full_list(login, ending_many):
    client = login(factories.staff_user())
    page = client.get(reverse("home")).content.decode()
    section = page[page.index("panel-appointment-alerts") :].split("공석인 위촉직 좌석")[0]
    shown = re.findall(r"만료(\d\d)", section)
    assert shown == [f"{i:02d}" for i in range(PANEL_ROWS)]  # soonest first, 10 of 13
    assert f'href="{reverse("appointments:alerts")}?list=ending">전체 13명 보기' in section
    full = client.get(reverse("appointments:alerts") + "?list=ending").content.decode()
    assert re.findall(r"만료(\d\d)", full) == [f"{i:02d}" for i in range(13)]


def test_alerts_list_paginates_past_50(login, db):
    today = timezone.localdate()
    body = factories.BodyFactory(name="공석위원회", gender_balance_applies=False)
    factories.seat_group(body, count=53, effective=today - dt.timedelta(days=10))
    client = login(factories.staff_user())
    first = client.get(reverse("appointments:alerts") + "?list=vacant").content.decode()
    assert "전체 53건 중 1–50번째" in first and 'href="?list=vacant&amp;page=2"' in first
    second = client.get(reverse("appointments:alerts") + "?list=vacant&page=2").content.decode()
    assert "전체 53건 중 51–53번째" in second
    assert re.findall(r'<th scope="row">[^<]* (\d+)</th>', second) == ["51", "52", "53"]


def _csv(client, query=""):
    response = client.get(reverse("appointments:register") + "?format=csv" + query)
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_csv_export_is_cached_until_the_register_changes(
    login, cohort, document_cache, django_assert_num_queries
):
    """An unchanged register is served from the documents cache (one version query, no rows read); an
    issue, a reissue or an audited change to a line (an ended term) exports anew."""
    client = login(factories.staff_user())
    assert _csv(client).strip().splitlines() == [
        "발급번호,성명,기구,위촉기간,발급일,위촉식,재발급 원번호,재발급 사유"
    ]
    originals = services.certificate_issue(
        actor=None, appointments=cohort["appointments"][:2], issued_on=D(2016, 1, 15)
    )
    issued = _csv(client)
    assert "제2016-001호,김위원0" in issued and "제2016-002호,김위원1" in issued
    # served again from the cache: the session, user and roles, the version query (the session's expiry is
    # not saved again within SESSION_REFRESH_SECONDS); the certificate rows are not read
    with django_assert_num_queries(4) as captured:
        assert _csv(client) == issued
    assert not any('appointments_certificate"."number"' in q["sql"] for q in captured.captured_queries)

    services.certificate_reissue(actor=None, certificate=originals[0], issued_on=D(2016, 3, 2), reason="분실")
    reissued = _csv(client)
    assert (
        reissued.splitlines()[1]
        == "제2016-003호,김위원0,추진운영위원회,2016. 1. 15. ~ 2018. 1. 14. (2년),2016. 3. 2.,,제2016-001호,분실"
    )

    services.appointment_end(
        actor=None, appointment=cohort["appointments"][0], kind="resignation", on=D(2016, 9, 30)
    )
    ended = _csv(client)
    assert "제2016-003호,김위원0,추진운영위원회,2016. 1. 15. ~ 2016. 9. 30. (8개월)," in ended
    # the filters are part of the key: a filtered export is its own file
    assert _csv(client, "&q=김위원1").strip().splitlines()[1:] == [
        line for line in ended.strip().splitlines() if "김위원1" in line
    ]
    # one file per filter, replaced when the register changes
    assert len(document_cache._cache) == 2


def test_csv_export_streams_many_rows_in_whole_lines(login, many_certificates, document_cache, monkeypatch):
    """With chunks of ~200 characters the 58 lines go out in many chunks, each of whole lines; an export
    over the cache's size limit is streamed and correct but not kept."""
    from appointments import exports

    monkeypatch.setattr(exports, "CSV_CHUNK_BYTES", 600)
    client = login(factories.staff_user())
    chunks = list(client.get(reverse("appointments:register") + "?format=csv").streaming_content)
    assert len(chunks) > 10
    assert all(chunk.endswith(b"\r\n") for chunk in chunks)
    lines = b"".join(chunks).decode("utf-8-sig").splitlines()
    assert (
        len(lines) == 1 + 58
        and lines[1].startswith("제2016-058호,")
        and lines[-1].startswith("제2016-001호,")
    )
    assert len(document_cache._cache) == 1
    # served from the cache in chunks of the same size, the same bytes
    again = list(client.get(reverse("appointments:register") + "?format=csv").streaming_content)
    assert b"".join(again) == b"".join(chunks) and len(again) > 10

    document_cache.clear()
    monkeypatch.setattr(exports, "CSV_CACHE_MAX_BYTES", 1000)
    big = b"".join(client.get(reverse("appointments:register") + "?format=csv").streaming_content)
    assert big == b"".join(chunks)
    assert len(document_cache._cache) == 0  # too big to keep


def test_register_search_matches_numbers_or_names_once_each(login, many_certificates):
    """The search is the union of the certificates whose number holds the text and those of the people
    whose name does; a certificate matched both ways is listed once."""
    person = many_certificates["appointments"][1].membership.person  # 제2016-002호 and its 7 reissues
    person.name = "제2016-05"
    person.save()
    client = login(factories.staff_user())
    page = client.get(reverse("appointments:register") + "?q=제2016-05").content.decode()
    rows = re.findall(r'<th scope="row">제2016-(\d{3})호</th>', page)
    # numbers 050-058, and the person's 002, 010, 018, 026, 034, 042 (050 and 058 are both)
    assert rows == [f"{n:03d}" for n in range(58, 49, -1)] + ["042", "034", "026", "018", "010", "002"]
    assert "전체 15건 중 1–15번째" in page
    by_name = client.get(reverse("appointments:register") + "?q=김위원3").content.decode()
    assert re.findall(r'<th scope="row">제2016-(\d{3})호</th>', by_name) == [
        "052", "044", "036", "028", "020", "012", "004"
    ]  # fmt: skip


@pytest.mark.django_db
def test_register_search_can_read_the_trigram_indexes():
    """On PostgreSQL the two halves of the search read trigram indexes on the expressions `icontains`
    compares (with sequential scans discouraged: the test tables are too small for the planner to
    prefer an index on its own)."""
    from django.db import connection

    from appointments import selectors

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = selectors.register(q="김위원").explain()
    assert "certificate_number_trgm" in plan and "person_name_trgm" in plan


@pytest.mark.django_db
def test_register_body_filter_renders_as_the_template_select_would():
    """The project's form renderer writes the same <select> as Django's templates (attributes, escaping,
    the selection)."""
    from django.test import override_settings

    from appointments.forms import RegisterFilterForm

    bodies = [factories.BodyFactory(name=name) for name in ("가 <위원회>", "나 & 다", '라 "위원회"')]
    attrs = {"class": "form-select", "aria-describedby": "hint", "required": True, "disabled": False}
    quick = RegisterFilterForm({"body": bodies[1].pk})["body"].as_widget(attrs=attrs)
    with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
        plain = RegisterFilterForm({"body": bodies[1].pk})["body"].as_widget(attrs=attrs)
    assert quick == plain
    assert f'<option value="{bodies[1].pk}" selected>나 &amp; 다</option>' in quick
    assert "&lt;위원회&gt;" in quick and "&quot;위원회&quot;" in quick


def test_register_rows_show_each_certificate_escaped_and_the_admin_links(login, cohort):
    """The register's rows (appointments.markup.register_rows_html): number, member, body, term, issue
    date with its ceremony, the reissue's original and reason; an administrator's row links its PDF and
    reissue, a staff member's does not; every value escaped."""
    a = cohort["appointments"][0]
    a.membership.person.name = "김<위원>"
    a.membership.person.save()
    (original,) = services.certificate_issue(
        actor=None, appointments=[a], issued_on=D(2016, 1, 15), ceremony="2016 위촉식 & 간담회"
    )
    reissue = services.certificate_reissue(
        actor=None, certificate=original, issued_on=D(2016, 3, 2), reason="분실 <신고>"
    )
    staff_html = login(factories.staff_user()).get(reverse("appointments:register")).content.decode()
    body = staff_html.split("<tbody>")[1].split("</tbody>")[0]
    rows = body.split("</tr>")[:-1]
    assert len(rows) == 2 and reissue.number in rows[0] and original.number in rows[1]  # newest first
    assert "김&lt;위원&gt;" in rows[0] and "김<위원>" not in body
    assert cohort["body"].name in rows[0]
    assert "2016. 1. 15. ~ 2018. 1. 14. (2년)" in rows[0]
    assert "2016. 3. 2." in rows[0] and "2016. 1. 15. · 2016 위촉식 &amp; 간담회" in rows[1]
    assert f"{original.number} 재발급: 분실 &lt;신고&gt;" in rows[0]
    assert "/reissue/" not in body and ".pdf" not in body
    admin_html = login(factories.admin_user()).get(reverse("appointments:register")).content.decode()
    admin_body = admin_html.split("<tbody>")[1].split("</tbody>")[0]
    for cert in (reissue, original):
        assert reverse("appointments:certificate_pdf", args=[cert.pk]) in admin_body
        assert reverse("appointments:reissue", args=[cert.pk]) in admin_body
    empty = login(factories.staff_user()).get(reverse("appointments:register") + "?q=없는이름")
    assert "발급된 위촉장이 없습니다." in empty.content.decode()


def test_csv_export_served_again_from_memory_until_the_register_changes(
    login, cohort, document_cache, monkeypatch
):
    """The last CSV a process served is kept in memory with its version: the next download of the same
    filters reads neither the rows nor the documents cache; a change to the register exports anew."""
    from appointments import exports

    client = login(factories.staff_user())
    services.certificate_issue(actor=None, appointments=cohort["appointments"][:2], issued_on=D(2016, 1, 15))
    first = _csv(client)  # exported and stored in the documents cache
    again = _csv(client)  # read from the documents cache once, then kept
    assert again == first and exports._last_csv is not None

    def unreadable(*args, **kwargs):
        raise AssertionError("the documents cache is not read for the CSV kept in memory")

    monkeypatch.setattr(document_cache, "get", unreadable)
    assert _csv(client) == first
    services.appointment_end(
        actor=None, appointment=cohort["appointments"][0], kind="resignation", on=D(2016, 9, 30)
    )
    monkeypatch.undo()
    assert "2016. 1. 15. ~ 2016. 9. 30. (8개월)" in _csv(client)
