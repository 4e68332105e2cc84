"""seongdong_gov.widgets.FormRenderer (settings.FORM_RENDERER) writes Django's stock widget templates in
Python: for every widget class it must write exactly what the templates write, for the same field, and it
must not touch a template on the fast paths (else it saves nothing)."""

import datetime as dt
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from seongdong_gov.widgets import FAST, FormRenderer
from tests import factories

ATTRS = [
    {},
    {"id": "id_m7-x", "class": "form-control is-invalid", "required": True, "aria-invalid": "true"},
    {"id": 'id_"<&>', "disabled": False, "maxlength": 50, "data-note": "김 & 이 <b>"},
    {"title": mark_safe("<b>safe</b>"), "placeholder": gettext_lazy("위원")},
]

CHOICES = [
    [("present", "출석"), ("absent", "불참"), ("excused", "사유 불참")],
    [("", "---------"), ("a&b", '"따옴표" <태그>'), (3, "셋"), (4, 4)],
    [("현장", [("in_person", "현장"), ("video", "영상")]), ("other", gettext_lazy("기타"))],
]

VALUES = [None, "", "absent", "a&b", 3, "video", ["absent", "video", 3], 'x"<y>&', dt.date(2026, 11, 30)]

SIMPLE = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.Textarea,
    forms.FileInput,
    forms.NullBooleanSelect,
]
CHOICE = [forms.Select, forms.SelectMultiple, forms.RadioSelect, forms.CheckboxSelectMultiple]


def both(widget, value, attrs):
    stock = widget.render("m7-status", value, attrs, renderer=DjangoTemplates())
    fast = widget.render("m7-status", value, attrs, renderer=FormRenderer())
    return stock, fast


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize(
    "widget",
    [w(attrs={"class": "form-control"}) for w in SIMPLE]
    + [forms.PasswordInput(render_value=True), forms.PasswordInput()],
    ids=lambda w: type(w).__name__,
)
def test_simple_widgets_write_what_the_templates_write(widget, value, attrs):
    if isinstance(value, list) and not isinstance(widget, forms.Textarea):
        value = value[0]
    stock, fast = both(widget, value, attrs)
    assert fast == stock


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("choices", CHOICES)
@pytest.mark.parametrize("cls", CHOICE, ids=lambda c: c.__name__)
def test_choice_widgets_write_what_the_templates_write(cls, choices, value, attrs):
    widget = cls(attrs={"class": "form-select"}, choices=choices)
    stock, fast = both(widget, value, attrs)
    assert fast == stock


def test_fast_paths_render_no_template(monkeypatch):
    """The widgets above never reach a template; a widget of its own (a custom option template, a
    multi-widget) still does, through the stock renderer."""

    def no_template(self, name):
        raise AssertionError(f"template {name} rendered")

    renderer = FormRenderer()
    monkeypatch.setattr(FormRenderer, "get_template", no_template)
    for cls in SIMPLE:
        cls().render("f", "v", renderer=renderer)
    for cls in CHOICE:
        cls(choices=CHOICES[2]).render("f", "video", renderer=renderer)
    assert {w().template_name for w in SIMPLE + CHOICE} <= set(FAST)

    class OwnOptions(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    with pytest.raises(AssertionError, match="rendered"):
        OwnOptions(choices=CHOICES[0]).render("f", "absent", renderer=renderer)
    with pytest.raises(AssertionError, match="rendered"):
        forms.SplitDateTimeWidget().render("f", None, renderer=renderer)


def test_the_project_renders_forms_with_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)


def _page(client, url):
    html = client.get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name,args",
    [
        ("committees:body_create", ()),
        ("meetings:series_create", ()),
        ("meetings:create", ()),
        ("appointments:register", ()),
        ("admin:committees_body_add", ()),
    ],
)
def test_whole_form_pages_are_the_same_with_the_stock_renderer(client, url_name, args):
    """Crispy forms and the admin, end to end: the page written with the project's renderer is the page
    the stock templates write (bodies with markup in their names, so escaping is compared too)."""
    for name in ("가 <위원회>", "나 & 다", '라 "위원회"'):
        factories.BodyFactory(name=name)
    admin = factories.admin_user()
    admin.groups.add(factories.staff_user().groups.get())
    client.force_login(admin)
    url = reverse(url_name, args=args)
    fast = _page(client, url)
    with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
        stock = _page(client, url)
    assert "&lt;위원회&gt;" in fast
    assert fast == stock


# --- crispy's radio and checkbox lists (templates/bootstrap5/layout/radio_checkbox_select.html) -------


class ChoiceForm(forms.Form):
    many = forms.MultipleChoiceField(
        choices=[("a&b", '"따옴표" <태그>'), (3, "셋"), (4, 4)], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(
        choices=CHOICES[0], widget=forms.RadioSelect, help_text=mark_safe("<b>하나</b>만 고르세요")
    )
    grouped = forms.MultipleChoiceField(
        choices=CHOICES[2], widget=forms.CheckboxSelectMultiple, required=False
    )


def _crispy(form, *, inline: bool) -> str:
    from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
    from crispy_forms.helper import FormHelper
    from crispy_forms.layout import Layout
    from crispy_forms.utils import default_field_template
    from django.template import Context, Template

    default_field_template.cache_clear()  # crispy keeps the field template of the first engine it met
    if inline:
        form.helper = FormHelper()
        form.helper.form_tag = False
        form.helper.layout = Layout(InlineCheckboxes("many"), InlineRadios("one"), "grouped")
        return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


@pytest.mark.parametrize("inline", [False, True])
@pytest.mark.parametrize(
    "data",
    [None, {"many": ["a&b", "4"], "one": "absent", "grouped": ["video"]}, {"many": ["x"], "grouped": ["no"]}],
    ids=["unbound", "valid", "errors"],
)
def test_crispy_choice_lists_write_what_the_stock_template_writes(settings, data, inline):
    from django.template.loader import get_template

    override = get_template("bootstrap5/layout/radio_checkbox_select.html")
    assert "crispy_choice_inputs" in override.template.source  # the project's template is the one used
    fast = _crispy(ChoiceForm(data), inline=inline)
    with override_settings(TEMPLATES=[{**settings.TEMPLATES[0], "DIRS": []}]):
        assert (
            "crispy_choice_inputs"
            not in get_template("bootstrap5/layout/radio_checkbox_select.html").template.source
        )
        stock = _crispy(ChoiceForm(data), inline=inline)
    assert "&lt;태그&gt;" in fast and 'value="a&amp;b"' in fast
    # crispy squeezes the whitespace between tags; the list template alone is compared as written
    for name in ChoiceForm.base_fields:
        context = {
            "field": ChoiceForm(data)[name],
            "inline_class": "inline" if inline else "",
            "form_show_errors": True,
        }
        alone = get_template("bootstrap5/layout/radio_checkbox_select.html").render(context)
        with override_settings(TEMPLATES=[{**settings.TEMPLATES[0], "DIRS": []}]):
            assert alone == get_template("bootstrap5/layout/radio_checkbox_select.html").render(context)
    if data and "one" not in data:
        assert "invalid-feedback" in fast
    assert fast == stock
