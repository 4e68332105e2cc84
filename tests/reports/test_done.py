"""The issue's "Done means", proved on the demo data (`manage.py load_demo`): the 자치행정과 dashboard
for October 2026 shows each unit's status, a late report is marked late, the reminder command e-mails
exactly the units that need it (once), and the consolidated report downloads as PDF and Excel with the
same figures as the page."""

import datetime as dt
import io
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.demo import PATTERN
from reports.models import ReminderLog, Report, ReportingObligation
from reports.rules import SEOUL
from tests.outbox import run_worker

OCT = dt.date(2026, 10, 1)
OCT_DEADLINE = dt.date(2026, 11, 9)  # 2026-11-07 is a Saturday → Monday the 9th


@pytest.fixture
def staff_client(client, demo):
    client.force_login(get_user_model().objects.get(username="staff"))
    return client


def _cells(response):
    return {
        (row.unit.name, cell.field.code): cell.status.value
        for row in response.context["rows"]
        for cell in row.cells
        if cell
    }


def test_demo_dashboard_shows_each_units_status(staff_client):
    response = staff_client.get(reverse("reports:dashboard") + "?month=2026-10")
    cells = _cells(response)
    obligations = list(ReportingObligation.objects.order_by("unit__order", "field__order"))
    # every obligation is one cell, nothing else is
    assert set(cells) == {(ob.unit.name, ob.field.code) for ob in obligations}
    # the demo gives the n-th obligation the n-th state of PATTERN; a draft after the deadline is missing
    expected = Counter(
        {"draft": "missing"}.get(PATTERN[n % len(PATTERN)], PATTERN[n % len(PATTERN)])
        for n in range(len(obligations))
    )
    assert Counter(cells.values()) == expected
    # and each cell agrees with its own report
    for (unit_name, code), status in cells.items():
        report = Report.objects.filter(unit__name=unit_name, field__code=code, month=OCT).first()
        if report is None or report.state == "draft":
            assert status == "missing", (unit_name, code)
        elif report.state in ("accepted", "returned"):
            assert status == report.state, (unit_name, code)
        else:
            on_time = report.submitted_at.astimezone(SEOUL).date() <= OCT_DEADLINE
            assert status == ("on_time" if on_time else "late"), (unit_name, code)
    overdue = {(unit.name, cell.field.code) for unit, cell in response.context["overdue"]}
    assert overdue == {key for key, status in cells.items() if status == "missing"}


def test_demo_late_report_is_marked_late(staff_client):
    cells = _cells(staff_client.get(reverse("reports:dashboard") + "?month=2026-10"))
    late = [key for key, status in cells.items() if status == "late"]
    assert late
    unit_name, code = late[0]
    report = Report.objects.get(unit__name=unit_name, field__code=code, month=OCT)
    assert report.submitted_at.astimezone(SEOUL).date() > OCT_DEADLINE
    page = staff_client.get(report.get_absolute_url()).content.decode()
    assert 'class="report-status status-late">지연 제출<' in page
    # the unit's history shows the same
    history = staff_client.get(reverse("reports:unit_history", args=[report.unit_id]))
    october = dict(history.context["history"])[OCT]
    assert [c.status.value for c in october if c.field.code == code] == ["late"]


def test_demo_reminders_email_exactly_the_units_that_need_them(staff_client, mailoutbox):
    cells = _cells(staff_client.get(reverse("reports:dashboard") + "?month=2026-10"))
    missing = {key for key, status in cells.items() if status == "missing"}
    assert missing

    def officers(unit_name):
        ob = ReportingObligation.objects.filter(unit__name=unit_name).first()
        return sorted(u.email for u in ob.unit.reporting_officers.all() if u.email)

    run_worker()  # the mail the demo's own history queued (notices, ...) is not this test's
    mailoutbox.clear()
    call_command("send_report_reminders", "--today", "2026-11-05", stdout=io.StringIO())
    run_worker()
    assert mailoutbox == []  # 4 days before the deadline: not yet
    call_command("send_report_reminders", "--today", "2026-11-10", stdout=io.StringIO())
    run_worker()
    sent = set(ReminderLog.objects.filter(kind="overdue", month=OCT).values_list("unit__name", "field__code"))
    assert sent == missing
    # one message per officer and missing report: each officer gets their own copy
    expected = sorted(email for name, _c in missing for email in officers(name))
    assert sorted(address for message in mailoutbox for address in message.to) == expected
    for message in mailoutbox:
        assert len(message.to) == 1
        assert any(message.body.startswith(name) for name, _c in missing)
        assert "2026. 11. 9." in message.body
    # the next day's run sends nothing again
    count = len(mailoutbox)
    call_command("send_report_reminders", "--today", "2026-11-11", stdout=io.StringIO())
    run_worker()
    assert len(mailoutbox) == count


def _pdf_numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*", text)


def test_demo_consolidated_pdf_and_excel_match_the_page(staff_client):
    page = staff_client.get(reverse("reports:consolidated") + "?month=2026-10")
    summaries = page.context["fields"]
    assert [s.field.name for s in summaries] == ["마을", "복지", "보건"]
    assert all(s.rows for s in summaries)

    xlsx = staff_client.get(reverse("reports:consolidated_xlsx") + "?month=2026-10")
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == ["마을", "복지", "보건"]
    for summary in summaries:
        ws = wb[summary.field.name]
        width = len(summary.indicators) + 1
        rows = [list(r)[:width] for r in ws.iter_rows(min_row=3, values_only=True)]
        assert rows[0] == ["조직", *[str(i) for i in summary.indicators]]
        body = rows[1 : 1 + len(summary.rows)]
        assert body == [
            [name, *[float(v) if v is not None else None for v in vals]] for name, vals in summary.rows
        ]
        assert rows[1 + len(summary.rows)] == ["합계", *[float(t) for t in summary.totals]]
        all_rows = [list(r) for r in ws.iter_rows(values_only=True)]
        head = next(i for i, r in enumerate(all_rows) if r[0] == "월별 추이")
        months = page.context["months"]
        assert all_rows[head][: len(months) + 1] == ["월별 추이", *[f"{m:%Y-%m}" for m in months]]
        trend = [r[: len(months) + 1] for r in all_rows[head + 1 : head + 1 + len(summary.trend)]]
        assert trend == [
            [str(i), *[float(v) if v is not None else None for v in vals]] for i, vals in summary.trend
        ]

    pdf = staff_client.get(reverse("reports:consolidated_pdf") + "?month=2026-10")
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    lines = [line.strip() for line in text.splitlines()]
    cursor = 0  # the fields come in order; each row is looked for after the previous one

    def next_line(prefix: str) -> str:
        nonlocal cursor
        for i in range(cursor, len(lines)):
            if lines[i].startswith(prefix) and _pdf_numbers(lines[i][len(prefix) :]):
                cursor = i + 1
                return lines[i][len(prefix) :]
        raise AssertionError(f"{prefix!r} not found in the PDF after line {cursor}")

    for summary in summaries:
        for name, values in summary.rows:
            assert _pdf_numbers(next_line(name + " ")) == [f"{v:,.0f}" for v in values], name
        assert _pdf_numbers(next_line("합계")) == [f"{t:,.0f}" for t in summary.totals]
    # the charts are in the PDF too (one per field, drawn as vector paths with their axis labels)
    assert text.count("26.10.") >= len(summaries)
