"""The attendance sheet's widgets write their markup in Python (100 members, ~400 widgets a page); they
must write exactly what Django's widget templates write for the same field."""

import datetime as dt

import pytest
from django import forms
from django.utils.safestring import mark_safe

from seongdong_gov.widgets import QuickSelect, QuickTextInput, QuickTimeInput

ATTRS = [
    {},
    {"id": "id_m7-x", "class": "form-control is-invalid", "required": True, "aria-invalid": "true"},
    {"id": 'id_"<&>', "disabled": False, "maxlength": 50, "data-note": "김 & 이 <b>"},
    {"title": mark_safe("<b>safe</b>")},
]


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [None, "", "16:20", dt.time(9, 5), '박"대리" <&>'])
@pytest.mark.parametrize(
    ("quick", "stock"),
    [
        (
            QuickTimeInput(attrs={"type": "time", "class": "form-control"}),
            forms.TimeInput(attrs={"type": "time"}),
        ),
        (QuickTextInput(), forms.TextInput()),
    ],
)
def test_sheet_inputs_write_what_djangos_templates_write(quick, stock, value, attrs):
    stock.attrs = dict(quick.attrs)
    assert quick.render("m7-x", value, attrs) == stock.render("m7-x", value, attrs)


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
