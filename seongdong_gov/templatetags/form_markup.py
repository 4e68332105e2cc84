"""Two of crispy_bootstrap5's templates with their hot part written in Python (issue 14), overridden in
templates/bootstrap5/: the radio and checkbox lists' option loop (`{% crispy_choice_inputs %}`; a series
over 200 bodies spent ~25 ms in the stock loop's dozen tags and include per option) and the field
template's plain fields (`{% crispy_field_fast %}`, below). The HTML is the stock templates', character
for character (tests/seongdong_gov/test_form_renderer.py renders both)."""

from __future__ import annotations

from pathlib import Path

import crispy_bootstrap5
from crispy_forms.templatetags.crispy_forms_field import CrispyFieldNode
from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import forms, template
from django.utils.formats import localize
from django.utils.safestring import mark_safe

from seongdong_gov.widgets import attrs_html, escape_html, text_html

register = template.Library()


def _unlocalized(value) -> str:
    # `{{ value|unlocalize }}`
    return escape_html(str(localize(value, use_l10n=False)))


@register.simple_tag(takes_context=True)
def crispy_choice_inputs(context) -> str:
    field = context["field"]
    inline = " form-check-inline" if context.get("inline_class") else ""
    invalid = " is-invalid" if field.errors else ""
    name = text_html(field.html_name)
    groups = list(optgroups(field))
    parts = ["    "]
    for g, (group, options, _index) in enumerate(groups):
        parts.append(f"\n    {'<strong>' + text_html(group) + '</strong>' if group else ''}\n    ")
        for i, o in enumerate(options):
            parts.append(
                f'\n      <div class="form-check{inline}">\n'
                f'        <input type="{text_html(o["type"])}" class="form-check-input{invalid}"  name="{name}" '
                f'value="{_unlocalized(o["value"])}" {attrs_html(o["attrs"])}>\n'
                f'        <label for="{text_html(o["attrs"].get("id", ""))}" class="form-check-label">\n'
                f"            {_unlocalized(o['label'])}\n        </label>\n        "
            )
            if field.errors and not inline and g == len(groups) - 1 and i == len(options) - 1:
                errors = context.template.engine.get_template("bootstrap5/layout/field_errors_block.html")
                with context.push():
                    parts.append(f"\n            {errors.render(context)}\n        ")
            parts.append("\n     </div>\n    ")
        parts.append("\n    ")
    return mark_safe("".join(parts))


# --- crispy_bootstrap5's field.html -------------------------------------------------------------------
# templates/bootstrap5/field.html calls `{% crispy_field_fast %}`: a plain field (an input, a select, a
# textarea, without errors, in the default layout) is written here with the stock template's markup and
# whitespace, character for character; any other field (hidden, a checkbox, a radio or checkbox list, a
# file, a field with errors, a horizontal or table layout) is rendered by the stock template itself,
# compiled from the installed package's file. A form of 30 fields spent ~7 ms in the stock template's
# 40-odd nodes a field.

_STOCK_FIELD = Path(crispy_bootstrap5.__file__).parent / "templates" / "bootstrap5" / "field.html"
_stock_templates: dict = {}
_WIDGET_NODES = {
    select: CrispyFieldNode("field", {"'class'": "'form-select'" if select else "'form-control'"})
    for select in (True, False)
}


def _stock_field(context):
    engine = context.template.engine
    if engine not in _stock_templates:
        _stock_templates[engine] = engine.from_string(_STOCK_FIELD.read_text())
    return _stock_templates[engine]


def _plain(field, context) -> bool:
    widget = field.field.widget
    return not (
        field.is_hidden
        or field.errors
        or isinstance(
            widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput)
        )
        or context.get("tag")
        or "form-horizontal" in (context.get("form_class") or "")
        or context.get("label_class")
        or context.get("field_class")
        or context.get("help_text_inline")
    )


@register.simple_tag(takes_context=True)
def crispy_field_fast(context) -> str:
    field = context["field"]
    if not _plain(field, context):
        return _stock_field(context).render(context)
    classes = "mb-3"
    for extra in (context.get("wrapper_class"), field.css_classes()):
        if extra:
            classes += f" {text_html(extra)}"
    label = ""
    if field.label and context.get("form_show_labels"):
        fieldset = field.use_fieldset
        tag = "legend" if fieldset else "label"
        opening = ""
        if fieldset:
            described = field.aria_describedby
            opening = "<fieldset" + (f' aria-describedby="{text_html(described)}"' if described else "") + ">"
        target = field.id_for_label
        required = field.field.required
        label = (
            f"\n            {opening}\n            <{tag}\n                "
            + (f'for="{text_html(target)}"' if target else "")
            + f' class="form-label{" requiredField" if required else ""}{" fs-6" if fieldset else ""}">\n'
            + f"                {text_html(field.label)}"
            + ('<span class="asteriskField">*</span>' if required else "")
            + f"\n            </{tag}>\n        "
        )
    select = isinstance(field.field.widget, forms.Select)
    markup = _WIDGET_NODES[select].render(context)
    if select:
        widget = f"\n                        \n                            {markup}\n                        \n                    "
    else:
        widget = f"\n                        {markup}\n                    "
    help_text = "\n"
    if field.help_text:
        target = f'id="{text_html(field.auto_id)}_helptext" ' if field.auto_id else ""
        help_text = f'\n    \n        <div {target}class="form-text">{field.help_text}</div>\n    \n\n'
    helps = f"\n\n\n    \n\n\n\n\n    {help_text}\n\n"
    closing = "</fieldset>" if field.use_fieldset and field.label and context.get("form_show_labels") else ""
    return mark_safe(
        f'\n\n\n    \n    <div id="div_{text_html(field.auto_id)}" class="{classes}">\n        {label}\n\n        \n\n        '
        f"\n            \n                \n                    {widget}\n                    \n                        {helps}\n"
        f"                    \n                \n            \n        \n        {closing}\n    </div>\n    \n\n"
    )
