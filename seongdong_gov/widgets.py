"""Markup written in Python: a `<select>` with the same HTML as django/forms/widgets/{attrs,select,
select_option}.html, from the same get_context() (ids, required, aria-invalid and the selected option come
from Django), without one template include per option, for long option lists (a filter or a host over every
body of a district); and the escaping and `<option>` pieces the attendance sheet's rows are written with
(meetings.forms.attendance.sheet_rows). Tests hold the select equal to the templates' output
(tests/meetings/test_attendance_widgets.py)."""

from __future__ import annotations

import html

from django import forms
from django.utils.safestring import SafeData, mark_safe


def escape_html(value) -> str:
    """The templates' autoescape (conditional_escape) without its lazy-string wrapper, which costs more
    than the escaping itself when a page writes hundreds of fields."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def _attrs_html(attrs: dict) -> str:
    # attrs.html: in order, True as a bare name, False left out
    return "".join(
        f" {escape_html(name)}" if value is True else f' {escape_html(name)}="{escape_html(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def option_html(value, label, attrs_html: str = "") -> str:
    """One `<option>` as django/forms/widgets/select_option.html writes it (its trailing newline kept);
    `attrs_html` is the option's attributes already written (" selected")."""
    return f'\n  <option value="{escape_html(value)}"{attrs_html}>{escape_html(label)}</option>\n'


class QuickSelect(forms.Select):
    def _render(self, template_name, context, renderer=None):
        w = context["widget"]
        parts = [f'<select name="{escape_html(w["name"])}"{_attrs_html(w["attrs"])}>']
        for group_name, options, _index in w["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape_html(group_name)}">')
            parts.extend(option_html(o["value"], o["label"], _attrs_html(o["attrs"])) for o in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
