"""The consolidated report's sections written in Python (issue 14): per field a table of units ×
indicators, the totals, the chart and the units' narratives, which Django's template language wrote in
~5 ms (a lookup, a filter and an escape per figure). `consolidated_body_html` writes what
templates/reports/_consolidated_body.html wrote, escaping every value; the page and the PDF both show it
(tests/reports/test_markup.py reads it)."""

from __future__ import annotations

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.templatetags.reports_tags import ym
from seongdong_gov.widgets import escape_html as e


def figure(value: Decimal) -> str:
    """`{{ value|floatformat:"-2g" }}`: a whole number below a thousand is its digits (no grouping, no
    decimals); anything else goes through the filter itself."""
    if -1000 < value < 1000 and value == value.to_integral_value():
        return str(int(value))
    return floatformat(value, "-2g")


def consolidated_body_html(data: dict) -> SafeString:
    """Every field's section of `selectors.consolidated()` (with each summary's `chart`)."""
    words = {
        k: e(v)
        for k, v in {
            "unit": _("조직"),
            "none": _("제출된 보고가 없습니다."),
            "total": _("합계"),
            "achievements": _("주요 성과"),
            "problems": _("문제점"),
            "improvements": _("개선사항"),
        }.items()
    }
    month = e(ym(data["month"]))
    out = ["\n"]
    for s in data["fields"]:
        f = s.field
        name = e(f.name)
        head = name
        if f.lead_department:
            head += f" · {e(f.lead_department.name)}"
        if f.lead_team:
            head += f"–{e(f.lead_team)}"
        caption = _("%(m)s %(f)s 분야 조직별 실적 (제출·접수된 보고)") % {"m": month, "f": name}
        indicators = "".join(f'<th scope="col">{e(i)}</th>' for i in s.indicators)
        rows = "".join(
            f'<tr><th scope="row">{e(unit_name)}</th>'
            + "".join(f'<td class="num">{"—" if v is None else figure(v)}</td>' for v in values)
            + "</tr>\n    "
            for unit_name, values in s.rows
        ) or (f'<tr><td colspan="{len(s.indicators) + 1}">{words["none"]}</td></tr>')
        totals = "".join(f'<td class="num total">{figure(t)}</td>' for t in s.totals)
        chart_caption = _("%(f)s 분야 지표별 월 합계 추이") % {"f": name}
        out.append(
            '\n<section class="field-section">\n  <div class="field-head">\n'
            f"  <h2>{head}</h2>\n"
            '  <table class="table table-sm table-bordered consolidated-table">\n'
            f"    <caption>{caption}</caption>\n"
            f'    <thead><tr><th scope="col">{words["unit"]}</th>{indicators}</tr></thead>\n'
            f"    <tbody>\n    {rows}\n    </tbody>\n"
            f'    <tfoot><tr><th scope="row">{words["total"]}</th>{totals}</tr></tfoot>\n'
            "  </table>\n  </div>\n"
            f'  <figure class="chart">{s.chart}<figcaption>{chart_caption}</figcaption></figure>\n  '
        )
        for unit_name, r in s.narratives:
            if r.achievements or r.problems or r.improvements:
                out.append(
                    f'\n  <div class="narrative"><h3>{e(unit_name)}</h3>\n'
                    f"    <p><strong>{words['achievements']}</strong>: {e(r.achievements or '—')}</p>\n"
                    f"    <p><strong>{words['problems']}</strong>: {e(r.problems or '—')}</p>\n"
                    f"    <p><strong>{words['improvements']}</strong>: {e(r.improvements or '—')}</p></div>\n  "
                )
        out.append("\n</section>\n")
    out.append("\n")
    return mark_safe("".join(out))
