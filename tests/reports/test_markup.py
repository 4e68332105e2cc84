"""The consolidated report's sections written in Python (reports.markup): each cell, the escaping of
user text, the figures as `floatformat:"-2g"` wrote them, the empty state and the narratives."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.template.defaultfilters import floatformat
from django.utils.safestring import mark_safe

from reports.markup import consolidated_body_html, figure

HOSTILE = "<b>&\"'x"


def _summary(**overrides):
    base = {
        "field": SimpleNamespace(
            name=HOSTILE, lead_department=SimpleNamespace(name="복지정책과"), lead_team="<팀>"
        ),
        "indicators": ["발굴 가구 (가구)", HOSTILE],
        "rows": [(HOSTILE, [Decimal("12.00"), None]), ("나동", [Decimal("1234.50"), Decimal("0.25")])],
        "totals": [Decimal("1246.50"), Decimal("0.25")],
        "chart": mark_safe("<svg>chart</svg>"),
        "narratives": [
            (HOSTILE, SimpleNamespace(achievements="<i>성과</i>", problems="", improvements="개선")),
            ("빈동", SimpleNamespace(achievements="", problems="", improvements="")),
        ],
    }
    return SimpleNamespace(**{**base, **overrides})


def test_sections_show_each_figure_escaped_with_totals_chart_and_narratives():
    html = consolidated_body_html({"month": dt.date(2026, 1, 1), "fields": [_summary()]})
    x = "&lt;b&gt;&amp;&quot;&#x27;x"
    assert html == (
        "\n\n"
        '<section class="field-section">\n  <div class="field-head">\n'
        f"  <h2>{x} · 복지정책과–&lt;팀&gt;</h2>\n"
        '  <table class="table table-sm table-bordered consolidated-table">\n'
        f"    <caption>2026. 1. {x} 분야 조직별 실적 (제출·접수된 보고)</caption>\n"
        f'    <thead><tr><th scope="col">조직</th><th scope="col">발굴 가구 (가구)</th><th scope="col">{x}</th></tr></thead>\n'
        "    <tbody>\n"
        f'    <tr><th scope="row">{x}</th><td class="num">12</td><td class="num">—</td></tr>\n'
        '    <tr><th scope="row">나동</th><td class="num">1,234.50</td><td class="num">0.25</td></tr>\n'
        "    \n    </tbody>\n"
        '    <tfoot><tr><th scope="row">합계</th><td class="num total">1,246.50</td>'
        '<td class="num total">0.25</td></tr></tfoot>\n'
        "  </table>\n  </div>\n"
        f'  <figure class="chart"><svg>chart</svg><figcaption>{x} 분야 지표별 월 합계 추이</figcaption></figure>\n  '
        f'\n  <div class="narrative"><h3>{x}</h3>\n'
        "    <p><strong>주요 성과</strong>: &lt;i&gt;성과&lt;/i&gt;</p>\n"
        "    <p><strong>문제점</strong>: —</p>\n"
        "    <p><strong>개선사항</strong>: 개선</p></div>\n  "
        "\n</section>\n\n"
    )


def test_a_field_without_reports_says_so_across_the_table():
    summary = _summary(rows=[], totals=[Decimal(0), Decimal(0)], narratives=[])
    html = consolidated_body_html({"month": dt.date(2026, 1, 1), "fields": [summary]})
    assert '<tbody>\n    <tr><td colspan="3">제출된 보고가 없습니다.</td></tr>\n    </tbody>' in html
    assert '<td class="num total">0</td><td class="num total">0</td>' in html


def test_no_fields_no_sections():
    assert consolidated_body_html({"month": dt.date(2026, 1, 1), "fields": []}) == "\n\n"


def test_figure_is_the_templates_floatformat():
    for value in ["0", "0.00", "12.00", "999.00", "999.99", "1000.00", "1234.5", "0.25", "12345678.90"]:
        assert figure(Decimal(value)) == floatformat(Decimal(value), "-2g"), value
