"""The project's ranges (seongdong_gov.bounds): date validators, the check-constraint builder and the
query-string integer parameter, table-driven."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, QueryDict
from django.test import RequestFactory
from django.utils import timezone

from seongdong_gov import bounds
from seongdong_gov.pagination import page_number

TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (dt.date(1900, 1, 1), True),
        (dt.date(1961, 5, 16), True),
        (TODAY, True),
        (dt.date(1899, 12, 31), False),
        (dt.date(1, 1, 1), False),
        (TODAY + dt.timedelta(days=1), False),
        (dt.date(9999, 12, 31), False),
        (None, True),
    ],
)
def test_validate_birth_date(value, ok):
    if ok:
        bounds.validate_birth_date(value)
    else:
        with pytest.raises(ValidationError) as info:
            bounds.validate_birth_date(value)
        assert info.value.code == "birth_date_range"
        assert "생년월일은 1900. 1. 1.부터 오늘까지만" in info.value.messages[0]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (dt.date(2000, 1, 1), True),
        (dt.date(2026, 2, 28), True),
        (dt.date(2100, 12, 31), True),
        (dt.date(1999, 12, 31), False),
        (dt.date(2101, 1, 1), False),
        (dt.date(1, 1, 1), False),
        (dt.date(9999, 12, 31), False),
    ],
)
def test_validate_office_date(value, ok):
    if ok:
        bounds.validate_office_date(value)
    else:
        with pytest.raises(ValidationError) as info:
            bounds.validate_office_date(value)
        assert info.value.code == "date_range"
        assert info.value.messages == ["날짜는 2000. 1. 1.부터 2100. 12. 31.까지만 입력할 수 있습니다."]


UTC = dt.UTC


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (dt.datetime(2026, 3, 13, 16, 0, tzinfo=UTC), True),
        (dt.datetime(2100, 12, 31, 14, 0, tzinfo=UTC), True),  # 23:00 in Seoul, still the last day
        (dt.datetime(2100, 12, 31, 15, 0, tzinfo=UTC), False),  # 2101-01-01 00:00 in Seoul
        (dt.datetime(1, 1, 1, 0, 0, tzinfo=UTC), False),
        (dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC), False),  # local time overflows year 9999
        (dt.datetime(2026, 3, 13, 16, 0), True),  # naive: taken as it is
    ],
)
def test_validate_office_datetime(value, ok, settings):
    settings.TIME_ZONE = "Asia/Seoul"
    if ok:
        bounds.validate_office_datetime(value)
    else:
        with pytest.raises(ValidationError):
            bounds.validate_office_datetime(value)


def test_date_range_constraint_checks_both_ends():
    constraint = bounds.date_range_constraint("start", "term_start_range")
    assert constraint.name == "term_start_range"
    assert constraint.condition == models.Q(start__gte=dt.date(2000, 1, 1), start__lte=dt.date(2100, 12, 31))
    nullable = bounds.date_range_constraint("end", "term_end_range", nullable=True)
    assert nullable.condition == models.Q(end__gte=bounds.DATE_MIN, end__lte=bounds.DATE_MAX) | models.Q(
        end__isnull=True
    )
    birth = bounds.date_range_constraint("birth", "birth_range", low=bounds.BIRTH_DATE_MIN, high=TODAY)
    assert birth.condition == models.Q(birth__gte=dt.date(1900, 1, 1), birth__lte=TODAY)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 2026),
        ("year=", 2026),
        ("year=2030", 2030),
        ("year=%202030%20", 2030),
        ("year=2000", 2000),
        ("year=2100", 2100),
        ("year=-1", Http404),
        ("year=0", Http404),
        ("year=1999", Http404),
        ("year=2101", Http404),
        ("year=99999999999999999999", Http404),
        ("year=abc", Http404),
        ("year=1e3", Http404),
        ("year=2e3", Http404),
        ("year=0x7e0", Http404),
        ("year=NaN", Http404),
        ("year=%D9%A2%D9%A0%D9%A3%D9%A0", Http404),  # Arabic-Indic digits: int() would accept them
        ("year=2030.0", Http404),
        ("year=%00", Http404),
    ],
)
def test_int_param_table(query, expected):
    if expected is Http404:
        with pytest.raises(Http404):
            bounds.int_param(QueryDict(query), "year", default=2026, min=2000, max=2100)
    else:
        assert bounds.int_param(QueryDict(query), "year", default=2026, min=2000, max=2100) == expected


def test_int_param_reads_a_request_get():
    request = RequestFactory().get("/x/", {"month": "12"})
    assert bounds.int_param(request, "month", default=1, min=1, max=12) == 12
    with pytest.raises(Http404):
        bounds.int_param(RequestFactory().get("/x/", {"month": "13"}), "month", default=1, min=1, max=12)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 1),
        ("page=3", 3),
        ("page=abc", 1),
        ("page=-1", 1),
        ("page=0", 1),
        ("page=1e309", 1),
        ("page=99999999999999999999", 1),
        ("page=NaN", 1),
    ],
)
def test_page_number_garbage_gives_the_first_page(query, expected):
    assert page_number(RequestFactory().get(f"/x/?{query}")) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "1e309", "NaN", "99999999999999999999", "3"])
def test_paginate_never_fails_on_a_garbage_page(page):
    from seongdong_gov.models import LoginAttempt
    from seongdong_gov.pagination import paginate

    LoginAttempt.objects.bulk_create([LoginAttempt(username=f"u{i}", outcome="failure") for i in range(3)])
    context = paginate(RequestFactory().get("/x/", {"page": page}), LoginAttempt.objects.all(), per_page=2)
    assert context["page_obj"].number in (1, 2)
    assert context["page_range"] == [1, 2]
