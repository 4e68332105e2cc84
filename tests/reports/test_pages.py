import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import selectors, services
from reports.models import Report
from reports.rules import SEOUL
from tests.outbox import run_worker
from tests.reports.conftest import make_unit, submitted_report

JAN = dt.date(2026, 1, 1)


@pytest.mark.parametrize("units", [1, 12])
def test_dashboard_query_count_is_fixed(client, field, staff, units, django_assert_num_queries):
    for n in range(units):
        unit, officer = make_unit(field, name=f"동{n}", email=f"o{n}@example.org")
        if n % 2:
            submitted_report(field, unit, officer)
    client.force_login(staff)
    # session, user, roles (one query), calendar exceptions, fields,
    # the month's reports, obligations (+units), session save (savepoint, update, release)
    with django_assert_num_queries(10):
        response = client.get(reverse("reports:dashboard") + "?month=2026-01")
    assert len(response.context["rows"]) == units


def test_dashboard_shows_each_status_from_demo(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="staff"))
    response = client.get(reverse("reports:dashboard") + "?month=2026-10")
    statuses = [c.status.value for row in response.context["rows"] for c in row.cells if c]
    assert {"accepted", "on_time", "late", "returned", "missing"} <= set(statuses)
    late = [
        (row.unit.name, c.field.name)
        for row in response.context["rows"]
        for c in row.cells
        if c and c.status == "late"
    ]
    for unit_name, field_name in late:
        report = Report.objects.get(unit__name=unit_name, field__name=field_name, month=dt.date(2026, 10, 1))
        assert report.submitted_at.astimezone(SEOUL).date() > dt.date(2026, 11, 9)
    body = response.content.decode()
    assert "지연 제출" in body and "미제출" in body
    overdue = response.context["overdue"]
    assert len(overdue) == statuses.count("missing")


def test_demo_is_idempotent(demo):
    from reports.demo import load

    before = Report.objects.count()
    summary = load()
    assert summary["reports_created"] == 0
    assert Report.objects.count() == before


def test_dashboard_status_filter(client, field, staff):
    unit_a, officer_a = make_unit(field, name="가동", email="a@example.org")
    make_unit(field, name="나동", email="b@example.org")
    submitted_report(field, unit_a, officer_a, when=dt.datetime(2026, 2, 10, 0, 0, tzinfo=SEOUL))
    client.force_login(staff)
    response = client.get(reverse("reports:dashboard") + "?month=2026-01&status=late")
    assert [row.unit.name for row in response.context["rows"]] == ["가동"]
    response = client.get(reverse("reports:dashboard") + "?month=2026-01&status=missing")
    assert [row.unit.name for row in response.context["rows"]] == ["나동"]


def test_reporter_list_shows_only_own_units(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    make_unit(field, name="마장동 주민센터", email="x@example.org")
    client.force_login(officer)
    response = client.get(reverse("reports:list"))
    assert [u.name for u, _f, _h in response.context["histories"]] == [unit.name]
    assert "마장동 주민센터" not in response.content.decode()


def _consolidated_setup(field):
    unit_a, officer_a = make_unit(field, name="가동", email="a@example.org")
    unit_b, officer_b = make_unit(field, name="나동", email="b@example.org")
    submitted_report(field, unit_a, officer_a, base=10)  # 10, 11
    report_b = submitted_report(field, unit_b, officer_b, base=20)  # 20, 21
    services.report_accept(actor=None, report=report_b)
    # a draft does not count
    unit_c, officer_c = make_unit(field, name="다동", email="c@example.org")
    services.report_save_draft(
        actor=officer_c,
        unit=unit_c,
        field=field,
        month=JAN,
        values={i.pk: Decimal(999) for i in field.indicators.all()},
        narrative={},
    )
    submitted_report(field, unit_a, officer_a, month=dt.date(2025, 12, 1), base=5)


def test_consolidated_page_excel_and_pdf_agree(client, field, staff):
    _consolidated_setup(field)
    client.force_login(staff)
    page = client.get(reverse("reports:consolidated") + "?month=2026-01")
    summary = page.context["fields"][0]
    assert summary.rows == [("가동", [Decimal(10), Decimal(11)]), ("나동", [Decimal(20), Decimal(21)])]
    assert summary.totals == [Decimal(30), Decimal(32)]
    assert [values for _i, values in summary.trend] == [
        # months without a counted report are gaps (None), not zeros (issue 12 §3)
        [None, None, None, None, Decimal(5), Decimal(30)],
        [None, None, None, None, Decimal(6), Decimal(32)],
    ]
    html = page.content.decode()
    assert (
        "<svg" in html and 'class="chart-line series-0"' in html and "style=" not in html.split("<main", 1)[1]
    )

    xlsx = client.get(reverse("reports:consolidated_xlsx") + "?month=2026-01")
    wb = load_workbook(io.BytesIO(xlsx.content))
    ws = wb["복지"]
    rows = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    for row in rows:  # the sheet is as wide as the trend rows; drop the empty tail cells
        while row and row[-1] is None:
            row.pop()
    assert rows[0] == ["조직", "발굴 가구 (가구)", "상담 (건)"]
    assert rows[1] == ["가동", 10, 11]
    assert rows[2] == ["나동", 20, 21]
    assert rows[3] == ["합계", float(summary.totals[0]), float(summary.totals[1])]
    assert rows[5] == ["월별 추이", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]
    assert rows[6][-2:] == [5, 30]

    pdf = client.get(reverse("reports:consolidated_pdf") + "?month=2026-01")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "사업성과 종합 보고" in text
    assert "가동" in text and "합계" in text
    assert "30" in text and "32" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_consolidated_selector_ignores_drafts(field):
    _consolidated_setup(field)
    data = selectors.consolidated(JAN)
    assert [name for name, _v in data["fields"][0].rows] == ["가동", "나동"]


def test_unit_history_for_staff(client, field, unit_and_officer, staff):
    unit, _officer = unit_and_officer
    client.force_login(staff)
    response = client.get(reverse("reports:unit_history", args=[unit.pk]))
    assert response.context["unit"] == unit
    assert len(response.context["history"]) == 12


def test_home_panels(client, field, unit_and_officer, staff):
    _unit, officer = unit_and_officer
    client.force_login(officer)
    assert reverse("reports:list") in client.get("/").content.decode()
    client.force_login(staff)
    assert reverse("reports:dashboard") in client.get("/").content.decode()


def test_reminder_command_emails_exactly_units_needing_it(field, mailoutbox):
    make_unit(field, name="가동", email="a@example.org")
    done_unit, done_officer = make_unit(field, name="나동", email="b@example.org")
    submitted_report(field, done_unit, done_officer)
    draft_unit, draft_officer = make_unit(field, name="다동", email="c@example.org")
    services.report_save_draft(
        actor=draft_officer, unit=draft_unit, field=field, month=JAN, values={}, narrative={}
    )
    # deadline for January 2026 is Monday 2026-02-09
    call_command("send_report_reminders", "--today", "2026-02-05", "--days", "3", stdout=io.StringIO())
    run_worker()
    assert mailoutbox == []
    call_command("send_report_reminders", "--today", "2026-02-06", "--days", "3", stdout=io.StringIO())
    run_worker()
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "c@example.org"]
    assert "2026. 2. 9." in mailoutbox[0].body
    call_command("send_report_reminders", "--today", "2026-02-07", "--days", "3", stdout=io.StringIO())
    run_worker()
    assert len(mailoutbox) == 2  # sent once
    call_command("send_report_reminders", "--today", "2026-02-10", stdout=io.StringIO())
    run_worker()
    call_command("send_report_reminders", "--today", "2026-02-11", stdout=io.StringIO())
    run_worker()
    assert len(mailoutbox) == 4
    assert all("마감 경과" in m.subject for m in mailoutbox[2:])
    from reports.models import ReminderLog

    assert sorted(ReminderLog.objects.values_list("unit__name", "kind")) == [
        ("가동", "due_soon"),
        ("가동", "overdue"),
        ("다동", "due_soon"),
        ("다동", "overdue"),
    ]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (dt.datetime(2026, 2, 9, 23, 59, 59, tzinfo=SEOUL), "on_time"),
        (dt.datetime(2026, 2, 10, 0, 0, 0, tzinfo=SEOUL), "late"),
    ],
)
def test_dashboard_status_at_the_kst_boundary(client, field, staff, when, expected):
    unit, officer = make_unit(field)
    submitted_report(field, unit, officer, when=when)
    client.force_login(staff)
    response = client.get(reverse("reports:dashboard") + "?month=2026-01")
    assert [c.status.value for c in response.context["rows"][0].cells] == [expected]


def test_roll_forward_can_be_switched_off_for_the_office(client, field, staff, settings):
    unit, officer = make_unit(field)
    submitted_report(field, unit, officer, when=dt.datetime(2026, 2, 8, 10, 0, tzinfo=SEOUL))
    client.force_login(staff)
    url = reverse("reports:dashboard") + "?month=2026-01"
    assert response_status(client, url) == "on_time"  # deadline Monday 2026-02-09 (민법 제161조)
    settings.REPORTS_DEADLINE_ROLL_FORWARD = False
    assert response_status(client, url) == "late"  # deadline stays Saturday 2026-02-07


def response_status(client, url):
    (cell,) = client.get(url).context["rows"][0].cells
    return cell.status.value


def test_reminder_is_recorded_once_and_reaches_the_officer_after_the_mail_server_comes_back(
    field, smtp_server
):
    """The reminder is written to the outbox with its log; a mail server that is down delays it (the
    outbox retries), it neither loses it nor makes tomorrow's run send it again."""
    from reports import reminders
    from reports.models import ReminderLog
    from seongdong_gov.models import OutboundMessage

    make_unit(field, name="가동", email="a@example.org")
    smtp_server.stop()
    sent = reminders.send_reminders(today=dt.date(2026, 2, 10))
    run_worker()
    assert [(log.unit.name, log.kind) for log in sent] == [("가동", "overdue")]
    assert OutboundMessage.objects.get().status == OutboundMessage.Status.FAILED
    assert reminders.send_reminders(today=dt.date(2026, 2, 11)) == []
    smtp_server.start()
    OutboundMessage.objects.update(next_attempt_at=timezone.now())  # the back-off has passed
    DBTaskResult.objects.update(run_after=timezone.now())
    run_worker()
    assert [r.rcpt_tos for r in smtp_server.received] == [["a@example.org"]]
    assert ReminderLog.objects.count() == 1


def test_consolidated_excel_on_an_install_without_fields_is_a_workbook_not_an_error(client, db):
    from tests import factories

    client.force_login(factories.staff_user())
    response = client.get(reverse("reports:consolidated_xlsx"))
    assert response.status_code == 200
    wb = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert wb.sheetnames == ["성과 없음"]


@pytest.mark.parametrize("year", [0, 1999, 2101])
def test_report_edit_with_an_impossible_year_is_404(client, field, unit_and_officer, year):
    unit, officer = unit_and_officer
    client.force_login(officer)
    assert client.get(f"/reports/{unit.pk}/{field.code}/{year}-1/").status_code == 404
