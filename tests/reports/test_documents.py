"""The consolidated report (issue 12) as HWPX next to its PDF and Excel; gaps in the trend, chart digits in
the document font."""

from __future__ import annotations

from django.urls import reverse

from reports.charts import line_chart
from tests.docreaders import read_hwpx
from tests.reports.test_pages import _consolidated_setup


def test_consolidated_hwpx_tables_with_gaps_not_zeros(client, field, staff):
    _consolidated_setup(field)
    client.force_login(staff)
    page = client.get(reverse("reports:consolidated") + "?month=2026-01").content.decode()
    url = reverse("reports:consolidated_hwpx") + "?month=2026-01"
    assert url.replace("&", "&amp;") in page or url in page
    response = client.get(url)
    assert response["Content-Type"] == "application/hwp+zip"
    text, tables = read_hwpx(response.content)
    assert "사업성과 종합 보고 (2026년 1월)" in text
    figures, trend = tables[0], tables[1]
    assert figures[0] == ["조직", "발굴 가구 (가구)", "상담 (건)"]
    assert figures[1:] == [["가동", "10", "11"], ["나동", "20", "21"], ["합계", "30", "32"]]
    assert trend[0] == ["지표", "25.8.", "25.9.", "25.10.", "25.11.", "25.12.", "26.1."]
    assert trend[1][1:] == ["—", "—", "—", "—", "5", "30"]


def test_consolidated_hwpx_is_staff_only(client, field, unit_and_officer):
    _unit, officer = unit_and_officer
    client.force_login(officer)
    assert client.get(reverse("reports:consolidated_hwpx")).status_code == 403


def test_chart_breaks_the_line_at_missing_months_and_uses_the_document_font():
    import datetime as dt
    from decimal import Decimal

    months = [dt.date(2026, m, 1) for m in range(1, 6)]
    svg = str(line_chart("t", months, [("a", [Decimal(1), Decimal(2), None, Decimal(4), Decimal(5)])]))
    assert svg.count("<polyline") == 2  # 1–2 and 4–5, nothing drawn through the gap
    assert svg.count("<circle") == 4
    assert 'font-family="NanumGothic' in svg
    assert "26.3." in svg  # the month keeps its place on the axis
