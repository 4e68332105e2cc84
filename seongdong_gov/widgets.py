"""Form widgets written in Python: the project's form renderer (settings.FORM_RENDERER) writes Django's
stock widget templates — inputs, `<select>` with its `<option>`s, `<textarea>`, radio and checkbox lists —
with the same HTML as django/forms/widgets/*.html, from the same widget context (ids, required,
aria-invalid, the selected option all come from Django's get_context()), without a template render per
field and one `{% include %}` per option. A form of 30 fields with a select over every body of the district
took ~20 ms in those templates (issue 14); every form of the product goes through this renderer, crispy
forms and the admin included. Any other template (a widget of its own, a custom option template, the
form-level templates) goes to the stock renderer. Tests hold every fast path equal to the templates'
output for each widget class (tests/seongdong_gov/test_form_renderer.py).

The escaping and `<option>` pieces are also what the attendance sheet's rows are written with
(meetings.forms.attendance.sheet_rows)."""

from __future__ import annotations

import html

from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.safestring import SafeData, mark_safe

W = "django/forms/widgets/"


def escape_html(value) -> str:
    """The templates' autoescape (conditional_escape) without its lazy-string wrapper, which costs more
    than the escaping itself when a page writes hundreds of fields."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def text_html(value) -> str:
    """`{{ value }}`: localized when not a string (a number label), then escaped. An integer without
    thousands grouping is its digits (what `number_format` writes, without its four format lookups: the
    body list writes 400 counts)."""
    if isinstance(value, str):
        return escape_html(value)
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return escape_html(localize(value))


def attrs_html(attrs: dict) -> str:
    # attrs.html: in order, True as a bare name, False left out
    return "".join(
        f" {text_html(name)}" if value is True else f' {text_html(name)}="{escape_html(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def option_html(value, label, attrs: str = "") -> str:
    """One `<option>` as select.html writes it around django/forms/widgets/select_option.html (its
    indent and trailing newline kept); `attrs` is the option's attributes already written (" selected")."""
    return f'\n  <option value="{escape_html(value)}"{attrs}>{text_html(label)}</option>\n'


def _input(w: dict) -> str:
    value = "" if w["value"] is None else f' value="{escape_html(w["value"])}"'
    return (
        f'<input type="{text_html(w["type"])}" name="{text_html(w["name"])}"{value}{attrs_html(w["attrs"])}>'
    )


def _grouped(w: dict, option, group_open, group_close: str) -> str | None:
    """The options of a choice widget in its optgroups (select.html and multiple_input.html walk them
    alike); None when an option has a template of its own (the stock renderer writes the widget)."""
    parts = []
    for group, options, _index in w["optgroups"]:
        if group:
            parts.append(group_open(group))
        for o in options:
            markup = option(o)
            if markup is None:
                return None
            parts.append(markup)
        if group:
            parts.append(group_close)
    return "".join(parts)


def _select_option(o: dict) -> str | None:
    if o["template_name"] != W + "select_option.html":
        return None
    return option_html(o["value"], o["label"], attrs_html(o["attrs"]))


def _select(w: dict) -> str | None:
    options = _grouped(
        w, _select_option, lambda g: f'\n  <optgroup label="{text_html(g)}">', "\n  </optgroup>"
    )
    if options is None:
        return None
    return f'<select name="{text_html(w["name"])}"{attrs_html(w["attrs"])}>{options}\n</select>'


def _textarea(w: dict) -> str:
    value = text_html(w["value"]) if w["value"] else ""
    return f'<textarea name="{text_html(w["name"])}"{attrs_html(w["attrs"])}>\n{value}</textarea>'


# the option templates, with what each adds after input_option.html (radio_option.html and
# checkbox_option.html include it and end with a newline of their own)
_INPUT_OPTIONS = {
    W + "radio_option.html": "\n",
    W + "checkbox_option.html": "\n",
    W + "input_option.html": "",
}


def _input_option(o: dict) -> str:
    # input_option.html around input.html, each file's closing newline kept (only the outermost
    # render is stripped)
    if not o["wrap_label"]:
        return f"{_input(o)}\n\n"
    target = o["attrs"].get("id")
    label_for = f' for="{text_html(target)}"' if target else ""
    return f"<label{label_for}>{_input(o)}\n {text_html(o['label'])}</label>\n"


def _check_option(o: dict) -> str | None:
    tail = _INPUT_OPTIONS.get(o["template_name"])
    return None if tail is None else f"<div>\n    {_input_option(o)}{tail}</div>"


def _multiple_input(w: dict) -> str | None:
    options = _grouped(w, _check_option, lambda g: f"\n  <div><label>{text_html(g)}</label>", "\n  </div>")
    if options is None:
        return None
    target, css = w["attrs"].get("id"), w["attrs"].get("class")
    opening = (f' id="{text_html(target)}"' if target else "") + (f' class="{text_html(css)}"' if css else "")
    return f"<div{opening}>{options}\n</div>"


_INPUTS = (
    "input text number email url tel search password hidden date datetime time color checkbox file"
).split()
FAST = {
    **{f"{W}{name}.html": _input for name in _INPUTS},
    W + "select.html": _select,
    W + "textarea.html": _textarea,
    W + "checkbox_select.html": _multiple_input,
    W + "radio.html": _multiple_input,
    W + "multiple_input.html": _multiple_input,
}


class FormRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: the stock renderer with the widget templates above written in Python."""

    def render(self, template_name, context, request=None):
        write = FAST.get(template_name)
        if write is not None and "widget" in context:
            markup = write(context["widget"])
            if markup is not None:
                return mark_safe(markup.strip())  # as BaseRenderer.render strips the template's output
        return super().render(template_name, context, request=request)
