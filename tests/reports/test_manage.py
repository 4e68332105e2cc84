"""자치행정과 maintains fields, indicators and obligations in the UI, and attaches the consolidated
report to the 사업성과 회의 agenda."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from committees.models import OrgUnit
from meetings import services as meeting_services
from meetings.models import AgendaItem, Attachment, MeetingPurpose, MeetingSeries
from reports import selectors
from reports.models import Indicator, ReportingObligation
from reports.rules import SEOUL
from seongdong_gov.models import AuditEntry
from tests import factories
from tests.reports.conftest import make_unit, submitted_report

JAN = dt.date(2026, 1, 1)


def test_staff_adds_and_edits_indicator(client, field, staff):
    client.force_login(staff)
    url = reverse("reports:indicator_new", args=[field.code])
    response = client.post(url, {"name": "자원봉사 연계", "unit": "명", "order": 3, "active": "on"})
    assert response.status_code == 302
    indicator = Indicator.objects.get(field=field, name="자원봉사 연계")
    assert (indicator.unit, indicator.order, indicator.active) == ("명", 3, True)
    edit = reverse("reports:indicator_edit", args=[field.code, indicator.pk])
    client.post(edit, {"name": "자원봉사 연계", "unit": "건", "order": 3})  # unchecked → inactive
    indicator.refresh_from_db()
    assert (indicator.unit, indicator.active) == ("건", False)
    assert list(
        AuditEntry.objects.filter(object_id=str(indicator.pk), action__startswith="report.indicator")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["report.indicator_create", "report.indicator_update"]
    # the inactive indicator is no longer asked for in the report form
    unit, officer = make_unit(field)
    client.force_login(officer)
    form = client.get(reverse("reports:edit", args=[unit.pk, field.code, 2026, 1])).context["form"]
    assert f"ind_{indicator.pk}" not in form.fields


def test_duplicate_indicator_name_is_refused_in_korean(client, field, staff):
    client.force_login(staff)
    response = client.post(
        reverse("reports:indicator_new", args=[field.code]), {"name": "상담", "unit": "회", "order": 9}
    )
    assert response.status_code == 200
    assert "이 분야에 같은 이름의 지표가 이미 있습니다." in response.content.decode()
    assert Indicator.objects.filter(field=field, name="상담").count() == 1


def test_staff_sets_lead_department_and_reporting_units(client, field, staff):
    dept = factories.OrgUnitFactory(name="복지정책과", kind=OrgUnit.Kind.DIVISION)
    dong_a, _ = make_unit(field, name="가동", email="a@example.org")
    dong_b = factories.OrgUnitFactory(name="나동", kind=OrgUnit.Kind.DONG)
    client.force_login(staff)
    response = client.post(
        reverse("reports:field_edit", args=[field.code]),
        {
            "lead_department": dept.pk,
            "lead_team": "기초복지팀장",
            "roll_forward": "",
            "units": [dong_b.pk, dept.pk],
        },
    )
    assert response.status_code == 302
    field.refresh_from_db()
    assert (field.lead_department, field.lead_team, field.roll_forward) == (dept, "기초복지팀장", False)
    assert set(ReportingObligation.objects.filter(field=field).values_list("unit__name", flat=True)) == {
        "나동",
        "복지정책과",
    }
    # with roll_forward off, January's deadline stays on Saturday 2026-02-07
    assert selectors.deadline(field, JAN, selectors.load_calendar()) == dt.date(2026, 2, 7)
    assert AuditEntry.objects.filter(action="report.field_update", object_id=str(field.pk)).count() == 1
    assert not ReportingObligation.objects.filter(unit=dong_a).exists()


def test_reporter_cannot_manage_fields(client, field, unit_and_officer):
    _unit, officer = unit_and_officer
    client.force_login(officer)
    for url in (
        reverse("reports:field_list"),
        reverse("reports:field_edit", args=[field.code]),
        reverse("reports:indicator_new", args=[field.code]),
    ):
        assert client.get(url).status_code == 403, url
    client.post(reverse("reports:indicator_new", args=[field.code]), {"name": "몰래", "order": 1})
    assert not Indicator.objects.filter(name="몰래").exists()


# ---- the consolidated report on the 사업성과 회의 agenda -------------------------------------------------


@pytest.fixture
def review_meetings(db):
    """The 사업성과 회의 series on the 10th, generated on the working-day calendar for early 2026."""
    body = factories.BodyFactory(name="찾아가는 동 주민센터 추진단")
    series = MeetingSeries.objects.create(
        name="사업성과 회의",
        purpose=MeetingPurpose.PERFORMANCE_REVIEW,
        recurrence="monthly_day",
        day_of_month=10,
        start_date=dt.date(2026, 1, 1),
        start_time=dt.time(16, 0),
    )
    series.bodies.add(body)
    meetings = meeting_services.series_generate(actor=None, series=series, until=dt.date(2026, 3, 31))
    february = next(m for m in meetings if m.starts_at.astimezone(SEOUL).month == 2)
    AgendaItem.objects.create(meeting=february, order=1, kind="procedure", title="개회")
    item = AgendaItem.objects.create(meeting=february, order=2, kind="report", title="1월 사업성과 보고")
    return february, item


def test_review_meeting_is_the_next_months_meeting(review_meetings):
    february, _item = review_meetings
    assert selectors.review_meeting(JAN) == february
    assert february.starts_at.astimezone(SEOUL) == dt.datetime(2026, 2, 10, 16, 0, tzinfo=SEOUL)
    assert selectors.review_meeting(dt.date(2026, 6, 1)) is None


def test_consolidated_report_attached_to_agenda(client, field, staff, review_meetings):
    february, item = review_meetings
    unit, officer = make_unit(field, name="가동", email="a@example.org")
    submitted_report(field, unit, officer, base=10)  # 10, 11
    client.force_login(staff)
    page = client.get(reverse("reports:consolidated") + "?month=2026-01")
    assert page.context["meeting"] == february
    assert page.context["meeting_files"] == []

    response = client.post(reverse("reports:consolidated_attach"), {"month": "2026-01"})
    assert response.status_code == 302
    files = {a.original_name: a for a in Attachment.objects.filter(meeting=february)}
    assert set(files) == {"사업성과 종합보고 2026-01.pdf", "사업성과 종합보고 2026-01.xlsx"}
    assert all(a.item == item for a in files.values())
    with files["사업성과 종합보고 2026-01.pdf"].file.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
    with files["사업성과 종합보고 2026-01.xlsx"].file.open("rb") as fh:
        ws = load_workbook(io.BytesIO(fh.read()))["복지"]
    assert [c.value for c in ws[4]][:3] == ["가동", 10, 11]
    assert (
        AuditEntry.objects.filter(action="report.consolidated_attach", object_id=str(february.pk)).count()
        == 1
    )

    # attaching again replaces the files (the agenda carries the latest figures, once)
    client.post(reverse("reports:consolidated_attach"), {"month": "2026-01"})
    assert Attachment.objects.filter(meeting=february).count() == 2
    page = client.get(reverse("reports:consolidated") + "?month=2026-01")
    assert len(page.context["meeting_files"]) == 2
    assert "최신 자료로 다시 첨부" in page.content.decode()


def test_attach_without_meeting_says_so(client, field, staff):
    client.force_login(staff)
    response = client.post(reverse("reports:consolidated_attach"), {"month": "2026-01"}, follow=True)
    assert "사업성과 회의가 아직 등록되지 않았습니다" in response.content.decode()
    assert not Attachment.objects.exists()


def test_reporter_cannot_attach(client, field, unit_and_officer, review_meetings):
    _unit, officer = unit_and_officer
    client.force_login(officer)
    assert client.post(reverse("reports:consolidated_attach"), {"month": "2026-01"}).status_code == 403
    assert not Attachment.objects.exists()
