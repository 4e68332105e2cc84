"""Widgets that write their markup in Python: the same HTML as django/forms/widgets/{input,attrs,select,
select_option}.html, from the same get_context() (ids, required, maxlength, aria-invalid and the selected
option come from Django), without one template include per widget and per option. For forms with many
widgets or long option lists (the attendance sheet's ~400 widgets for 100 members, a filter over every body
of a district); tests hold them equal to the templates' output (tests/meetings/test_attendance_widgets.py)."""

from __future__ import annotations

import html

from django import forms
from django.utils.safestring import SafeData, mark_safe


def escape_html(value) -> str:
    """The templates' autoescape (conditional_escape) without its lazy-string wrapper, which costs more
    than the escaping itself when a page writes hundreds of fields."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


_esc = escape_html


def _attrs_html(attrs: dict) -> str:
    # attrs.html: in order, True as a bare name, False left out
    return "".join(
        f" {_esc(name)}" if value is True else f' {_esc(name)}="{_esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class _QuickInputMixin:
    def _render(self, template_name, context, renderer=None):
        w = context["widget"]
        value = "" if w["value"] is None else f' value="{_esc(w["value"])}"'
        return mark_safe(
            f'<input type="{_esc(w["type"])}" name="{_esc(w["name"])}"{value}{_attrs_html(w["attrs"])}>'
        )


class QuickTimeInput(_QuickInputMixin, forms.TimeInput):
    pass


class QuickTextInput(_QuickInputMixin, forms.TextInput):
    pass


class QuickSelect(forms.Select):
    def _render(self, template_name, context, renderer=None):
        w = context["widget"]
        parts = [f'<select name="{_esc(w["name"])}"{_attrs_html(w["attrs"])}>']
        for group_name, options, _index in w["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_esc(group_name)}">')
            parts.extend(
                # select_option.html ends in a newline, kept in the output
                f'\n  <option value="{_esc(o["value"])}"{_attrs_html(o["attrs"])}>{_esc(o["label"])}</option>\n'
                for o in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
