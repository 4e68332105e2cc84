"""The issue's "done": after the demo's first meeting, staff confirm a payment list whose amounts and
withholding match the rule's table (150,000 won → 12,000 + 1,200) and export it."""

import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from meetings.models import Meeting, PaymentList

pytestmark = pytest.mark.django_db


def test_demo_first_meeting_payment_list_confirmed_and_exported(demo, client):
    meeting = Meeting.objects.get(title="추진운영위원회 위촉식 및 1차 회의")
    client.force_login(get_user_model().objects.filter(is_superuser=True).first())
    base = f"/meetings/{meeting.pk}/allowances/"
    assert client.post(base + "prepare/").status_code == 302
    assert client.post(base + "confirm/").status_code == 302
    payment_list = PaymentList.objects.get(meeting=meeting)
    assert payment_list.is_confirmed
    lines = list(payment_list.lines.all())
    paid = [line for line in lines if line.amount]
    excluded = [line for line in lines if line.excluded_reason.startswith("당연직")]
    assert paid and excluded
    assert {(line.amount, line.income_tax, line.local_tax, line.net) for line in paid} == {
        (150_000, 12_000, 1_200, 136_800)
    }
    assert all(line.amount == 0 for line in excluded)
    # final: a second confirmation changes nothing and says so
    response = client.post(base + "confirm/", follow=True)
    assert "확정된 참석수당 지급 명세는 바꿀 수 없습니다." in response.content.decode()
    rows = list(
        load_workbook(io.BytesIO(client.get(base + "export.xlsx").content)).active.iter_rows(values_only=True)
    )
    assert rows[-1][4] == 150_000 * len(paid)
