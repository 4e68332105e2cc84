"""The admin changelists' tables written in Python (seongdong_gov.admin_rows.GovChangeList): the same HTML as
Django's `{% result_list %}` for every changelist of the product, in both languages, sorted, searched and
filtered; user text escaped; and the orders and columns the district-scale lists read."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_list
from django.db import connection
from django.template.loader import get_template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, translation

from committees.models import Person, Seat
from reports.models import Report
from seongdong_gov.admin_rows import GovChangeList, _date_writer
from tests import factories

TRICKY = "<b>&\"'김</b>"


@pytest.fixture
def rows(db):
    """A few rows of every model the big changelists list, with user text that needs escaping."""
    person = factories.PersonFactory(name=TRICKY, affiliation="A&B <과>", title="")
    body = factories.BodyFactory(name=f"{TRICKY} 위원회", gender_balance_applies=False)
    membership = factories.member(body, person)
    factories.member(body)
    first = factories.CertificateFactory(appointment=factories.AppointmentFactory(membership=membership))
    factories.CertificateFactory(appointment=first.appointment, reissue_of=first, reissue_reason="분실")
    factories.CertificateFactory(issued_on=dt.date(2017, 3, 2))
    factories.seat_group(body, count=3, label="위촉<3>")
    factories.MeetingFactory(bodies=[body], host_body=body, title=f"{TRICKY} 회의")
    factories.MeetingFactory()
    factories.AttendanceFactory()
    report = factories.ReportFactory(state=Report.State.SUBMITTED)
    factories.ReportFactory(month=dt.date(2025, 12, 1))
    factories.ReportEventFactory(report=report)
    factories.CalendarExceptionFactory()
    return person


QUERIES = [{}, {"o": "1"}, {"o": "-2.1"}, {"o": "3.-2.1"}, {"q": "김"}, {"q": "a&b c"}, {"all": ""}]


def _changelists():
    for model, model_admin in admin.site._registry.items():
        if model_admin.get_changelist(None) is GovChangeList:
            yield model, model_admin


@pytest.mark.parametrize("language", ["ko", "en"])
def test_results_html_equals_djangos_result_list_on_every_changelist(rows, language):
    user = factories.admin_user()
    compared = set()
    template = get_template("admin/change_list_results.html")
    with translation.override(language):
        for model, model_admin in _changelists():
            for params in QUERIES:
                request = RequestFactory().get("/", params)
                request.user = user
                try:
                    cl = model_admin.get_changelist_instance(request)
                except admin.options.IncorrectLookupParameters:
                    continue  # a sort by a column the list does not have
                cl.formset = None  # as changelist_view sets it
                if not cl.result_list:
                    continue
                assert cl.results_html() == template.render(result_list(cl)), (model, params)
                compared.add(model._meta.model_name)
    pages = {"person", "seat", "membership", "meeting", "appointment", "certificate", "report"}
    assert pages <= compared


def test_changelist_page_shows_the_rows_escaped_with_links_that_keep_the_filters(client, rows):
    client.force_login(factories.admin_user())
    url = reverse("admin:committees_person_changelist")
    page = client.get(url, {"q": "김"}).content.decode()
    change = reverse("admin:committees_person_change", args=[rows.pk])
    assert (
        # the filters as Django keeps them: the quoted query string, quoted again
        f'<th class="field-name"><a href="{change}?_changelist_filters=q%3D%25EA%25B9%2580">'
        "&lt;b&gt;&amp;&quot;&#x27;김&lt;/b&gt;</a></th>"
    ) in page
    assert '<td class="field-affiliation">A&amp;B &lt;과&gt;</td><td class="field-title">-</td>' in page
    assert f'value="{rows.pk}" class="action-select"' in page
    assert TRICKY not in page


def test_empty_changelist_shows_no_table(client, db):
    client.force_login(factories.admin_user())
    page = client.get(reverse("admin:committees_person_changelist")).content.decode()
    assert Person.objects.count() == 0
    assert 'id="result_list"' not in page and "0 인물" in page


def test_seat_list_reads_seats_by_group_then_number(client, db):
    """The unique (group, number) index gives the page in order; no join sorts every seat."""
    later = factories.BodyFactory(order=1)
    earlier = factories.BodyFactory(order=2)
    first_group = factories.seat_group(earlier, count=2, label="가")
    second_group = factories.seat_group(later, count=2, label="나")
    client.force_login(factories.admin_user())
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("admin:committees_seat_changelist")).content.decode()
    expected = [
        s.pk for g in (first_group, second_group) for s in Seat.objects.filter(group=g).order_by("number")
    ]
    links = [page.index(f'/admin/committees/seat/{pk}/change/"') for pk in expected]
    assert links == sorted(links)
    (rows_query,) = [
        q["sql"] for q in ctx.captured_queries if 'FROM "committees_seat" INNER JOIN' in q["sql"]
    ]
    assert (
        rows_query.split("ORDER BY")[1]
        .strip()
        .startswith('"committees_seat"."group_id" ASC, "committees_seat"."number" ASC')
    )


def test_report_list_reads_no_report_text_and_shows_each_column(client, db):
    report = factories.ReportFactory(state=Report.State.SUBMITTED, achievements="긴 본문")
    client.force_login(factories.admin_user())
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("admin:reports_report_changelist")).content.decode()
    (rows_query,) = [q["sql"] for q in ctx.captured_queries if 'FROM "reports_report" INNER JOIN' in q["sql"]]
    for text in ("achievements", "problems", "improvements"):
        assert f'"reports_report"."{text}"' not in rows_query
    assert f'<th class="field-unit nowrap"><a href="/admin/reports/report/{report.pk}/change/">' in page
    assert f'<td class="field-field nowrap">{report.field.name}</td>' in page
    assert '<td class="field-month nowrap">2026. 1. 1.</td><td class="field-state">제출</td>' in page
    # the view page still shows the whole report
    view = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert "긴 본문" in view


@pytest.mark.parametrize(
    "fmt", ["Y. n. j.", "Y. n. j. H:i", "H:i", "Y-m-d G:i", r"\Y\e\s Y", "n. j.", "D, d M Y", "N j, Y, P"]
)
def test_date_writer_writes_as_dateformat(fmt):
    values = [
        dt.datetime(2026, 1, 5, 9, 7),
        dt.datetime(1999, 12, 31, 23, 59),
        dt.datetime(2016, 10, 1, 0, 0),
    ]
    for value in values:
        target = value.time() if fmt == "H:i" else value
        assert _date_writer(fmt)(target) == dateformat.format(target, fmt)
    if "H" not in fmt and "G" not in fmt and "P" not in fmt:
        assert _date_writer(fmt)(dt.date(2026, 1, 5)) == dateformat.format(dt.date(2026, 1, 5), fmt)
