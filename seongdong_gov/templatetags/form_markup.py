"""crispy_bootstrap5's radio and checkbox lists with the option loop written in Python: the project's
templates/bootstrap5/layout/radio_checkbox_select.html calls `{% crispy_choice_inputs %}` where the stock
template loops over the options with a dozen tags and an include each (a series over 200 bodies spent
~25 ms there, issue 14). The HTML is the stock loop's, character for character
(tests/seongdong_gov/test_form_renderer.py renders both)."""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import template
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
