"""Payment lists (참석수당): computed from the attendance, officials excluded, final once confirmed,
exported as XLSX/HWPX/PDF with the right amounts."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hwp_hwpx_parser import Reader

from committees.models import Membership
from meetings import services as meeting_services
from meetings.models import AllowanceBand, AllowanceRule, Attendance, Meeting, PaymentList
from meetings.selectors import allowances as selectors
from meetings.services import allowances as services
from seongdong_gov.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

TERM = (dt.date(2025, 1, 1), dt.date(2026, 12, 31))
START = dt.datetime(2026, 1, 20, 16, 0, tzinfo=factories.SEOUL)


@pytest.fixture
def env():
    """A demo-like steering meeting: one ex officio official and three appointed members; two of these
    attend, one is absent."""
    body = factories.BodyFactory(name="추진운영위원회")
    AllowanceRule.objects.create(body=body, per_attendance=150_000)
    holding = factories.PostHoldingFactory(person=factories.PersonFactory(name="구청장님"))
    factories.seat_group(body, post=holding.post)
    official = Membership.objects.get(body=body, person=holding.person)
    m1 = factories.member(body, factories.PersonFactory(name="김위원"), start=TERM[0], end=TERM[1])
    m2 = factories.member(body, factories.PersonFactory(name="이위원"), start=TERM[0], end=TERM[1])
    m3 = factories.member(body, factories.PersonFactory(name="박위원"), start=TERM[0], end=TERM[1])
    meeting = factories.MeetingFactory(
        bodies=[body], starts_at=START, ends_at=START + dt.timedelta(hours=1), status=Meeting.Status.HELD
    )
    for membership, status in (
        (official, Attendance.Status.PRESENT),
        (m1, Attendance.Status.PRESENT),
        (m2, Attendance.Status.PRESENT),
        (m3, Attendance.Status.ABSENT),
    ):
        factories.AttendanceFactory(meeting=meeting, membership=membership, status=status)
    return {"body": body, "meeting": meeting, "staff": factories.staff_user()}


def _lines(payment_list):
    return {
        line.name: (line.amount, line.income_tax, line.local_tax, line.net, line.excluded_reason)
        for line in payment_list.lines.all()
    }


def test_payment_list_officials_excluded_with_reason(env):
    payment_list = services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    assert payment_list.source == selectors.SOURCE_LIVE
    assert _lines(payment_list) == {
        "구청장님": (0, 0, 0, 0, "당연직 공무원 (소관 업무로 참석)"),
        "김위원": (150_000, 12_000, 1_200, 136_800, ""),
        "이위원": (150_000, 12_000, 1_200, 136_800, ""),
        "박위원": (0, 0, 0, 0, "불참"),
    }
    assert selectors.payment_totals(payment_list.lines.all())["tax"] == 26_400


def test_payment_list_duration_band(env):
    rule = env["body"].allowance_rule
    AllowanceBand.objects.create(rule=rule, min_minutes=60, amount=200_000)
    payment_list = services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    assert _lines(payment_list)["김위원"] == (200_000, 16_000, 1_600, 182_400, "")


def test_payment_list_from_frozen_record_when_minutes_locked(env):
    meeting = env["meeting"]
    minutes = meeting_services.minutes_save(
        actor=env["staff"], meeting=meeting, remarks="요지", is_public=True
    )
    minutes = meeting_services.minutes_approve(actor=env["staff"], minutes=minutes)
    meeting_services.minutes_lock(actor=env["staff"], minutes=minutes)
    # a change of the live attendance after locking does not move the list: the record is what counts
    Attendance.objects.filter(meeting=meeting, membership__person__name="박위원").update(
        status=Attendance.Status.PRESENT
    )
    payment_list = services.payment_list_prepare(actor=env["staff"], meeting=meeting)
    assert payment_list.source == selectors.SOURCE_RECORD
    assert _lines(payment_list)["박위원"] == (0, 0, 0, 0, "불참")


def test_payment_list_before_held_refused(env):
    Meeting.objects.filter(pk=env["meeting"].pk).update(status=Meeting.Status.PLANNED)
    with pytest.raises(ValidationError):
        services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])


def test_payment_list_confirm_is_final(env):
    services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    confirmed = services.payment_list_confirm(actor=env["staff"], meeting=env["meeting"])
    assert (confirmed.status, confirmed.confirmed_by) == (PaymentList.Status.CONFIRMED, env["staff"])
    assert AuditEntry.objects.filter(action="payment_list_confirm").count() == 1
    with pytest.raises(ValidationError):
        services.payment_list_confirm(actor=env["staff"], meeting=env["meeting"])
    with pytest.raises(ValidationError):
        services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    assert _lines(PaymentList.objects.get())["김위원"][0] == 150_000


def test_payment_list_confirm_without_list_refused(env):
    with pytest.raises(ValidationError):
        services.payment_list_confirm(actor=env["staff"], meeting=env["meeting"])


def test_annual_totals_counts_confirmed_lists_only(env):
    services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    assert selectors.annual_totals(timezone.localdate().year) == []
    services.payment_list_confirm(actor=env["staff"], meeting=env["meeting"])
    assert [
        (r["name"], r["payments"], r["amount"], r["net"])
        for r in selectors.annual_totals(timezone.localdate().year)
    ] == [
        ("김위원", 1, 150_000, 136_800),
        ("이위원", 1, 150_000, 136_800),
    ]


def test_payment_list_page_shows_amounts(env, login):
    services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    client = login(env["staff"])
    response = client.get(f"/meetings/{env['meeting'].pk}/allowances/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "김위원" in text and "136,800" in text and "당연직 공무원" in text


def test_payment_list_confirm_view(env, login):
    services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    client = login(env["staff"])
    response = client.post(f"/meetings/{env['meeting'].pk}/allowances/confirm/")
    assert response.status_code == 302
    assert PaymentList.objects.get().is_confirmed


def test_exports_hold_the_amounts(env, login, tmp_path):
    services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    client = login(env["staff"])
    base = f"/meetings/{env['meeting'].pk}/allowances/export"

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content)).active
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    kim = next(r for r in rows if r[1] == "김위원")
    assert kim[4:8] == (150_000, 12_000, 1_200, 136_800)
    assert rows[2][-1] == "수령인 서명"

    path = tmp_path / "list.hwpx"
    path.write_bytes(client.get(f"{base}.hwpx").content)
    reader = Reader(str(path))
    assert reader.is_valid
    table = reader.tables[0].rows
    assert table[0][-1] == "수령인 서명"
    assert next(r for r in table if r[1] == "김위원")[4:8] == ["150,000", "12,000", "1,200", "136,800"]

    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(client.get(f"{base}.pdf").content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "김위원" in text and "136,800" in text and "합계 300,000 24,000 2,400 273,600" in text


def test_annual_totals_xlsx(env, login):
    services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    services.payment_list_confirm(actor=env["staff"], meeting=env["meeting"])
    from openpyxl import load_workbook

    response = login(env["staff"]).get(
        f"/meetings/allowances/annual/?year={timezone.localdate().year}&format=xlsx"
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[2] == ("김위원", 1, 150_000, 12_000, 1_200, 136_800)


def test_paid_on_is_the_day_the_list_is_prepared(env):
    # the tax table in force on the payment day applies, not the meeting's
    payment_list = services.payment_list_prepare(actor=env["staff"], meeting=env["meeting"])
    assert payment_list.paid_on == timezone.localdate()
