"""`get_FOO_display()` without its per-call cost.

Django's `Model._get_FIELD_display` builds `dict(make_hashable(field.flatchoices))` on every call, and
hashing the lazily translated labels translates each of them: a list of 200 bodies showing their kind
translated every kind's label 200 times (about a fifth of the page). `FastChoicesDisplay` keeps one
{value: label} map per field (labels stay lazy, so the request's language still applies) and returns what
Django's method returns (tests/seongdong_gov/test_choices.py holds the two equal).
"""

from __future__ import annotations

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_maps: dict = {}
_labels: dict[tuple, str] = {}
_tables: dict[tuple, dict[str, str]] = {}


def _choices_map(field) -> dict:
    found = _maps.get(field)
    if found is None:
        found = _maps[field] = {make_hashable(value): label for value, label in field.flatchoices}
    return found


class FastChoicesDisplay:
    """Mixin for models whose choice fields are shown in long lists (no fields, no migration)."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_choices_map(field).get(make_hashable(value), value), strings_only=True)


def choice_label(choices, value) -> str:
    """The label of `value` in a `TextChoices` class, translated into the active language: looked up and
    translated once per process and language (the minutes' record asks some 300 times). A value
    outside the choices is shown as stored, and not kept."""
    key = (choices, value, get_language())
    label = _labels.get(key)
    if label is None:
        try:
            label = _labels[key] = str(choices(value).label)
        except ValueError:
            return value
    return label


def choice_labels(choices) -> dict[str, str]:
    """{value: label} of a `TextChoices` class in the active language, built once per process and
    language: for a loop over hundreds of rows, which then pays one `get_language` instead of one a row
    (`labels.get(value, value)` shows a value outside the choices as stored, as `choice_label` does)."""
    key = (choices, get_language())
    table = _tables.get(key)
    if table is None:
        table = _tables[key] = {value: str(label) for value, label in choices.choices}
    return table
