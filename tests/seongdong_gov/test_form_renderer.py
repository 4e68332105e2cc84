"""seongdong_gov.widgets.FormRenderer (settings.FORM_RENDERER) writes Django's stock widget templates in
Python: for every widget class it must write exactly what the templates write, for the same field, and it
must not touch a template on the fast paths (else it saves nothing)."""

import contextlib
import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

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


# the project overrides two of crispy_bootstrap5's templates (templates/bootstrap5/); `stock_templates()`
# puts the package's own copies first, so the stock output can be compared with the project's
OVERRIDDEN = ("bootstrap5/field.html", "bootstrap5/layout/radio_checkbox_select.html")


@contextlib.contextmanager
def stock_templates():
    import crispy_bootstrap5
    from django.conf import settings

    stock = Path(tempfile.mkdtemp())
    for name in OVERRIDDEN:
        (stock / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(crispy_bootstrap5.__file__).parent / "templates" / name, stock / name)
    templates = [{**settings.TEMPLATES[0], "DIRS": [stock, *settings.TEMPLATES[0]["DIRS"]]}]
    _forget_crispy_templates()
    try:
        with override_settings(TEMPLATES=templates, FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
            yield
    finally:
        _forget_crispy_templates()
        shutil.rmtree(stock)


def _forget_crispy_templates():
    """crispy keeps the templates of the first engine it met (functools.lru_cache): forgotten on each
    switch, so the stock and the project's templates are each really used."""
    from crispy_forms.templatetags import crispy_forms_filters, crispy_forms_tags
    from crispy_forms.utils import default_field_template

    for cached in (
        default_field_template,
        crispy_forms_filters.uni_form_template,
        crispy_forms_filters.uni_formset_template,
        crispy_forms_tags.whole_uni_form_template,
        crispy_forms_tags.whole_uni_formset_template,
    ):
        cached.cache_clear()


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
    """Crispy forms and the admin, end to end: the page written with the project's renderer and crispy
    templates is the page the stock ones write (bodies with markup in their names, so escaping is
    compared too)."""
    for name in ("가 <위원회>", "나 & 다", '라 "위원회"'):
        factories.BodyFactory(name=name)
    admin = factories.admin_user()
    admin.groups.add(factories.staff_user().groups.get())
    client.force_login(admin)
    url = reverse(url_name, args=args)
    fast = _page(client, url)
    with stock_templates():
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
    from django.template import Context, Template

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
def test_crispy_choice_lists_write_what_the_stock_template_writes(data, inline):
    from django.template.loader import get_template

    override = get_template("bootstrap5/layout/radio_checkbox_select.html")
    assert "crispy_choice_inputs" in override.template.source  # the project's template is the one used
    fast = _crispy(ChoiceForm(data), inline=inline)
    with stock_templates():
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
        with stock_templates():
            assert alone == get_template("bootstrap5/layout/radio_checkbox_select.html").render(context)
    if data and "one" not in data:
        assert "invalid-feedback" in fast
    assert fast == stock


# --- crispy's field template (templates/bootstrap5/field.html) ---------------------------------------


class FieldsForm(forms.Form):
    """Every kind of field the fast path writes, and those it leaves to the stock template."""

    name = forms.CharField(label="이름 <b>&", max_length=20, help_text=mark_safe("<b>실명</b>으로"))
    note = forms.CharField(label="비고", required=False, widget=forms.Textarea)
    count = forms.IntegerField(label="인원", required=False)
    day = forms.DateField(label="날짜", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="구분", choices=CHOICES[1], help_text="하나를 고르세요")
    many = forms.MultipleChoiceField(label="여럿", choices=CHOICES[0], required=False)
    flag = forms.BooleanField(label="동의", required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    one = forms.ChoiceField(label="하나", choices=CHOICES[0], widget=forms.RadioSelect, required=False)
    file = forms.FileField(label="파일", required=False)
    unlabelled = forms.CharField(label="", required=False)


def _fields_html(form, helper=None) -> str:
    from django.template import Context, Template

    if helper is not None:
        form.helper = helper
        return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def _helpers():
    from crispy_forms.helper import FormHelper

    plain = FormHelper()
    plain.form_tag = False
    horizontal = FormHelper()
    horizontal.form_tag, horizontal.form_class = False, "form-horizontal"
    horizontal.label_class, horizontal.field_class = "col-3", "col-9"
    inline = FormHelper()
    inline.form_tag, inline.help_text_inline, inline.form_show_labels = False, True, False
    return {"filter": None, "helper": plain, "horizontal": horizontal, "inline-help": inline}


@pytest.mark.parametrize("layout", list(_helpers()))
@pytest.mark.parametrize(
    "data",
    [None, {"name": "김", "kind": "a&b", "day": "2026-11-30"}, {"name": "x" * 30, "count": "a", "day": "x"}],
    ids=["unbound", "valid", "errors"],
)
def test_crispy_fields_write_what_the_stock_template_writes(data, layout):
    """Plain fields are written in Python, the others by the stock template: either way the form's HTML
    is the stock template's, in the default and other layouts, with and without errors."""
    fast = _fields_html(FieldsForm(data), _helpers()[layout])
    with stock_templates():
        stock = _fields_html(FieldsForm(data), _helpers()[layout])
    assert ("이름 &lt;b&gt;&amp;" in fast) == (layout != "inline-help")  # that layout shows no labels
    assert "<b>실명</b>으로" in fast
    assert fast == stock


def test_crispy_plain_fields_render_no_template(monkeypatch):
    """The fast path writes a plain field without the stock template; a checkbox goes to it."""
    from seongdong_gov.templatetags import form_markup

    stock_renders = []
    real = form_markup._stock_field

    def counting(context):
        stock_renders.append(context["field"].name)
        return real(context)

    monkeypatch.setattr(form_markup, "_stock_field", counting)
    _fields_html(FieldsForm())
    assert set(stock_renders) == {"flag", "secret", "one", "file"}
