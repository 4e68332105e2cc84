"""seongdong_gov.widgets.QuickSelect writes its markup in Python (option lists over every body of a
district); it must write exactly what Django's widget templates write for the same field."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from seongdong_gov.widgets import QuickSelect

ATTRS = [
    {},
    {"id": "id_m7-x", "class": "form-control is-invalid", "required": True, "aria-invalid": "true"},
    {"id": 'id_"<&>', "disabled": False, "maxlength": 50, "data-note": "김 & 이 <b>"},
    {"title": mark_safe("<b>safe</b>")},
]


CHOICES = [
    [("present", "출석"), ("absent", "불참"), ("excused", "사유 불참")],
    [("", "---------"), ("a&b", '"따옴표" <태그>'), (3, "셋")],
    [("현장", [("in_person", "현장"), ("video", "영상")]), ("other", "기타")],
]


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [None, "", "absent", "a&b", 3, "video"])
@pytest.mark.parametrize("choices", CHOICES)
def test_sheet_select_writes_what_djangos_templates_write(choices, value, attrs):
    quick = QuickSelect(attrs={"class": "form-select"}, choices=choices)
    stock = forms.Select(attrs={"class": "form-select"}, choices=choices)
    assert quick.render("m7-status", value, attrs) == stock.render("m7-status", value, attrs)
