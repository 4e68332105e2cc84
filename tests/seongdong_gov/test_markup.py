"""seongdong_gov.markup: the pieces the Python-written rows share write what the templates' filters write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from seongdong_gov.markup import day_text, hm, url_maker

SEOUL = ZoneInfo("Asia/Seoul")
DAYS = [dt.date(2016, 1, 15), dt.date(2026, 12, 31), dt.date(2000, 10, 1)]
# 2026-11-30 15:30 UTC is already 1 December in Seoul: the date is Seoul's
MOMENTS = [dt.datetime(2026, 11, 30, 15, 30, tzinfo=dt.UTC), dt.datetime(2016, 1, 15, 16, 0, tzinfo=SEOUL)]


def _template(value, expression: str) -> str:
    return Template("{{ v|" + expression + " }}").render(Context({"v": value}))


@pytest.mark.parametrize("language", ["ko", "en"])
def test_day_text_writes_what_the_date_filter_writes(language):
    with translation.override(language):
        for value in DAYS + MOMENTS:
            assert day_text(value) == _template(value, 'date:"DATE_FORMAT"')
    assert day_text(MOMENTS[0]) == "2026. 12. 1."
    assert day_text(None) == "" and day_text("") == ""


@override_settings(FORMAT_MODULE_PATH=None, USE_I18N=True)
def test_day_text_follows_another_date_format():
    # outside the house format (Django's own en format, "N j, Y") the date filter's interpreter writes it
    from django.utils import formats

    formats.reset_format_cache()
    try:
        with translation.override("en"):
            assert day_text(DAYS[0]) == _template(DAYS[0], 'date:"DATE_FORMAT"') == "Jan. 15, 2016"
    finally:
        formats.reset_format_cache()


def test_hm_and_url_maker():
    assert hm(MOMENTS[0]) == "00:30" and hm(None) == ""
    make = url_maker("committees:body_detail")
    assert make(12) == "/bodies/12/"


@pytest.mark.parametrize("grouping", [False, True])
def test_text_html_writes_what_the_template_writes(grouping, settings):
    from seongdong_gov.widgets import text_html

    settings.USE_THOUSAND_SEPARATOR = grouping
    values = [0, 7, -3, 1234567, True, 2.5, Decimal("1234.50"), "<b>&\"'", DAYS[0], None]
    for language in ("ko", "en"):
        with translation.override(language):
            for value in values:
                assert text_html(value) == Template("{{ v }}").render(Context({"v": value})), value
    if grouping:
        assert text_html(1234567) == "1,234,567"
