import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports import services
from reports.models import Report, ReportEvent
from reports.rules import SEOUL
from seongdong_gov.models import AuditEntry
from tests.reports.conftest import full_values, make_unit, submitted_report

JAN = dt.date(2026, 1, 1)


def edit_url(unit, field, month=JAN):
    return reverse("reports:edit", args=[unit.pk, field.code, month.year, month.month])


def test_full_workflow_records_every_step(field, unit_and_officer, staff):
    unit, officer = unit_and_officer
    report = submitted_report(field, unit, officer, when=dt.datetime(2026, 2, 9, 23, 59, 59, tzinfo=SEOUL))
    services.report_return(actor=staff, report=report, comment="근거 보완")
    report.refresh_from_db()
    services.report_save_draft(
        actor=officer, unit=unit, field=field, month=JAN, values={}, narrative={"problems": "보완함"}
    )
    services.report_resubmit(actor=officer, report=report)
    services.report_accept(actor=staff, report=report)
    report.refresh_from_db()
    assert report.state == Report.State.ACCEPTED
    assert report.problems == "보완함"
    assert list(report.events.values_list("kind", "actor__username", "comment")) == [
        ("saved", officer.username, ""),
        ("submitted", officer.username, ""),
        ("returned", staff.username, "근거 보완"),
        ("saved", officer.username, ""),
        ("resubmitted", officer.username, ""),
        ("accepted", staff.username, ""),
    ]
    assert AuditEntry.objects.filter(object_id=str(report.pk)).count() == 6


def test_submit_requires_every_indicator(field, unit_and_officer):
    unit, officer = unit_and_officer
    first = field.indicators.order_by("order").first()
    report = services.report_save_draft(
        actor=officer,
        unit=unit,
        field=field,
        month=JAN,
        values={first.pk: Decimal(1)},
        narrative={"achievements": "x"},
    )
    with pytest.raises(ValidationError) as exc:
        services.report_submit(actor=officer, report=report)
    assert "상담" in exc.value.messages[0]
    assert Report.objects.get(pk=report.pk).state == Report.State.DRAFT


def test_report_save_refused_submission_keeps_draft(field, unit_and_officer):
    unit, officer = unit_and_officer
    first = field.indicators.order_by("order").first()
    outcome = services.report_save(
        actor=officer,
        unit=unit,
        field=field,
        month=JAN,
        values={first.pk: Decimal(1)},
        narrative={"achievements": "x"},
        submit=True,
    )
    assert (outcome.submitted, "상담" in outcome.refusal) == (False, True)
    report = Report.objects.get(pk=outcome.report.pk)
    assert (report.state, report.achievements) == (Report.State.DRAFT, "x")


def test_report_save_resubmits_returned_report(field, unit_and_officer, staff):
    unit, officer = unit_and_officer
    report = submitted_report(field, unit, officer, when=dt.datetime(2026, 2, 9, 23, 59, 59, tzinfo=SEOUL))
    services.report_return(actor=staff, report=report, comment="근거 보완")
    outcome = services.report_save(
        actor=officer, unit=unit, field=field, month=JAN, values={}, narrative={}, submit=True
    )
    assert (outcome.submitted, outcome.refusal) == (True, "")
    assert list(outcome.report.events.values_list("kind", flat=True))[-1] == "resubmitted"


def test_return_requires_comment(field, unit_and_officer, staff):
    report = submitted_report(field, *unit_and_officer)
    with pytest.raises(ValidationError):
        services.report_return(actor=staff, report=report, comment="  ")


def test_submitted_report_is_locked(field, unit_and_officer):
    unit, officer = unit_and_officer
    submitted_report(field, unit, officer)
    with pytest.raises(ValidationError):
        services.report_save_draft(
            actor=officer, unit=unit, field=field, month=JAN, values={}, narrative={"achievements": "바꿈"}
        )


def test_db_refuses_duplicate_report(field, unit_and_officer):
    unit, _ = unit_and_officer
    Report.objects.create(unit=unit, field=field, month=JAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(unit=unit, field=field, month=JAN)


def test_db_refuses_month_not_first_day(field, unit_and_officer):
    unit, _ = unit_and_officer
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(unit=unit, field=field, month=dt.date(2026, 1, 5))


def test_db_refuses_submitted_without_time(field, unit_and_officer):
    unit, _ = unit_and_officer
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(unit=unit, field=field, month=JAN, state=Report.State.SUBMITTED)


# ---- through the pages ------------------------------------------------------------------------------


def test_reporter_saves_and_submits_through_form(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    client.force_login(officer)
    inds = list(field.indicators.order_by("order"))
    pdf = SimpleUploadedFile("근거.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    data = {
        f"ind_{inds[0].pk}": "12",
        f"ind_{inds[1].pk}": "3.5",
        "achievements": "성과 요약",
        "attachment": pdf,
    }
    response = client.post(edit_url(unit, field), {**data, "action": "submit"})
    report = Report.objects.get(unit=unit, field=field, month=JAN)
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.state == Report.State.SUBMITTED
    assert {v.indicator_id: v.value for v in report.values.all()} == {
        inds[0].pk: Decimal(12),
        inds[1].pk: Decimal("3.5"),
    }
    attachment = report.attachments.get()
    assert attachment.original_name == "근거.pdf"
    download = client.get(attachment.get_absolute_url())
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_bad_input_keeps_what_was_typed(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    client.force_login(officer)
    ind = field.indicators.first()
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        edit_url(unit, field),
        {f"ind_{ind.pk}": "-3", "achievements": "남겨둘 글", "attachment": fake, "action": "save"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "남겨둘 글" in body
    assert "파일 내용이 확장자와 맞지 않습니다." in body
    assert not Report.objects.exists()


def test_incomplete_submit_keeps_draft_and_explains(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    client.force_login(officer)
    ind = field.indicators.order_by("order").first()
    response = client.post(
        edit_url(unit, field), {f"ind_{ind.pk}": "1", "achievements": "a", "action": "submit"}, follow=True
    )
    report = Report.objects.get()
    assert report.state == Report.State.DRAFT
    assert "다음 지표의 실적을 입력해야 제출할 수 있습니다" in response.content.decode()


def test_reporter_of_other_unit_gets_404(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    report = submitted_report(field, unit, officer)
    attachment = report.attachments.create(
        file="reports/x.pdf", original_name="x.pdf", content_type="application/pdf", size=1
    )
    _other_unit, stranger = make_unit(field, name="마장동 주민센터", email="s@example.org")
    client.force_login(stranger)
    for url in (
        report.get_absolute_url(),
        edit_url(unit, field),
        reverse("reports:unit_history", args=[unit.pk]),
        attachment.get_absolute_url(),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(edit_url(unit, field), {"achievements": "침입", "action": "save"}).status_code == 404
    assert ReportEvent.objects.filter(report=report).count() == 2


def test_reporter_cannot_accept_or_see_dashboard(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    report = submitted_report(field, unit, officer)
    client.force_login(officer)
    response = client.post(reverse("reports:review", args=[report.pk]), {"action": "accept"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:consolidated")).status_code == 403


def test_staff_returns_with_comment_and_accepts(client, field, unit_and_officer, staff):
    report = submitted_report(field, *unit_and_officer)
    client.force_login(staff)
    response = client.post(
        reverse("reports:review", args=[report.pk]), {"action": "return", "comment": ""}, follow=True
    )
    assert "반려 사유를 입력하세요." in response.content.decode()
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    client.post(reverse("reports:review", args=[report.pk]), {"action": "accept", "comment": "확인"})
    report.refresh_from_db()
    assert report.state == Report.State.ACCEPTED
    assert report.events.last().comment == "확인"


def test_anonymous_redirected_to_login(client, field, unit_and_officer):
    report = submitted_report(field, *unit_and_officer)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_values_helper_matches_indicators(field):
    assert len(full_values(field)) == 2


def test_oversized_attachment_refused_and_nothing_lost(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    client.force_login(officer)
    big = SimpleUploadedFile(
        "큰파일.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post(
        edit_url(unit, field), {"achievements": "남는 글", "attachment": big, "action": "save"}
    )
    body = response.content.decode()
    assert "파일은 10MB 이하만 올릴 수 있습니다." in body
    assert "남는 글" in body
    assert not Report.objects.exists()


def test_wrong_type_refused(client, field, unit_and_officer):
    unit, officer = unit_and_officer
    client.force_login(officer)
    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(edit_url(unit, field), {"achievements": "x", "attachment": exe, "action": "save"})
    assert "허용되지 않는 파일 형식입니다" in response.content.decode()


def test_db_refuses_oversized_attachment_row(field, unit_and_officer):
    unit, _ = unit_and_officer
    report = Report.objects.create(unit=unit, field=field, month=JAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        report.attachments.create(
            file="reports/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=10 * 1024 * 1024 + 1,
        )


def test_attachment_stored_under_media_root_and_not_served_by_url(client, field, unit_and_officer, settings):
    unit, officer = unit_and_officer
    client.force_login(officer)
    pdf = SimpleUploadedFile("근거.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    client.post(edit_url(unit, field), {"achievements": "a", "attachment": pdf, "action": "save"})
    attachment = Report.objects.get().attachments.get()
    path = attachment.file.path
    assert path.startswith(str(settings.MEDIA_ROOT))
    assert "근거" not in path  # stored under a generated name
    assert client.get("/media/" + attachment.file.name).status_code == 404
