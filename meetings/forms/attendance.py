"""The attendance sheet: one form per enrolled member to validate what is posted, and one renderer
(`sheet_rows`) that writes every member's row, from the recorded values or from the posted ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models import (
    Attendance,
)
from seongdong_gov.widgets import escape_html, option_html


class AttendanceForm(forms.Form):
    """One member's row, validated; the rows are written by `sheet_rows` below, not by the widgets."""

    status = forms.ChoiceField(label=_("출결"), choices=Attendance.Status.choices)
    arrived = forms.TimeField(label=_("도착 시각"), required=False)
    left = forms.TimeField(label=_("퇴장 시각"), required=False)
    deputy_name = forms.CharField(label=_("대리 출석자"), required=False, max_length=50)
    mode = forms.ChoiceField(
        label=_("출석 방식"),
        choices=Attendance.Mode.choices,
        initial=Attendance.Mode.IN_PERSON,
        required=False,
    )

    def __init__(self, *args, membership: Membership, video_counts: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        if not video_counts:
            # the body does not count 영상회의 attendance: the choice is not offered (the service refuses it)
            del self.fields["mode"]
        self.fields["status"].label = f"{membership.person} ({membership.body})"

    def clean(self):
        data = super().clean()
        if data.get("arrived") and data.get("left") and data["left"] <= data["arrived"]:
            self.add_error("left", _("퇴장 시각은 도착 시각보다 늦어야 합니다."))
        return data


# --- the sheet's rows ----------------------------------------------------------------------------------
# A sheet has a row per enrolled member (100 and more, five fields each). Django's forms and crispy's
# templates cost some 2 ms a row (bound fields, widget contexts, a dozen nested templates per field), so
# the rows are written here: the same labels, ids, widgets and messages Bootstrap's form layout expects,
# one string per row. The forms above still validate every posted row; a refused sheet is written back
# from the posted values with each row's messages.

_COLUMNS = ("status", "arrived", "left", "deputy_name", "mode")


@dataclass
class SheetRow:
    """One member's row: what each field shows and its messages."""

    prefix: str
    label: str
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    non_field_errors: list[str] = field(default_factory=list)


def _options(choices, selected: str) -> str:
    # what django/forms/widgets/select_option.html writes, option by option
    return "".join(
        option_html(value, label, " selected" if str(value) == selected else "") for value, label in choices
    )


def _row_html(row: SheetRow, *, video_counts: bool, options: dict) -> SafeString:
    fields = AttendanceForm.base_fields
    parts = ['<fieldset class="border rounded p-2 mb-2">']
    parts += [
        f'\n  <p class="text-danger mb-1"><strong>{escape_html(e)}</strong></p>' for e in row.non_field_errors
    ]
    parts.append('\n  <div class="row g-2">')
    for name in _COLUMNS:
        if name == "mode" and not video_counts:
            continue
        html_id = f"id_{row.prefix}-{name}"
        errors = row.errors.get(name, [])
        invalid = f' is-invalid" aria-invalid="true" aria-describedby="{html_id}_error' if errors else ""
        size = "col-12 col-lg-4" if name == "status" else "col-12 col-sm-6 col-lg"
        if name == "status":
            label = f'{escape_html(row.label)}<span class="asteriskField">*</span>'
            label_class = "form-label requiredField"
        else:
            label, label_class = escape_html(fields[name].label), "form-label"
        value = row.values.get(name, "")
        if name in ("status", "mode"):
            key = (name, value)
            if key not in options:
                options[key] = _options(fields[name].choices, value)
            widget = (
                f'<select name="{row.prefix}-{name}" class="form-select{invalid}" id="{html_id}">'
                f"{options[key]}\n</select>"
            )
        else:
            kind, extra = ("text", ' maxlength="50"') if name == "deputy_name" else ("time", "")
            shown = f' value="{escape_html(value)}"' if value else ""
            widget = (
                f'<input type="{kind}" name="{row.prefix}-{name}"{shown} class="form-control{invalid}"'
                f'{extra} id="{html_id}">'
            )
        messages = "".join(
            f'\n      <p id="{html_id}_error" class="invalid-feedback"><strong>{escape_html(e)}</strong></p>'
            for e in errors
        )
        parts.append(
            f'\n    <div id="div_{html_id}" class="{size}">'
            f'\n      <label for="{html_id}" class="{label_class}">{label}</label>'
            f"\n      {widget}{messages}\n    </div>"
        )
    parts.append("\n  </div>\n</fieldset>\n")
    return mark_safe("".join(parts))


def _shown(name: str, value) -> str:
    """A field's value as its widget writes it (a time as 16:20, a choice as its stored value)."""
    if value is None:
        return ""
    if name in ("status", "mode"):
        return str(value)  # a TextChoices member's str() is its value
    return str(AttendanceForm.base_fields[name].widget.format_value(value) or "")


def sheet_rows(
    *,
    initial: list[tuple[Membership, dict]] | None = None,
    bound: list[AttendanceForm] | None = None,
    video_counts: bool,
) -> list[SafeString]:
    """The sheet's rows as HTML: from each member's recorded values (`initial`, a GET) or from the posted
    forms with their messages (`bound`, a refused sheet, which keeps everything typed)."""
    rows: list[SheetRow] = []
    if bound is not None:
        for form in bound:
            rows.append(
                SheetRow(
                    prefix=form.prefix,
                    label=str(form.fields["status"].label),
                    values={name: _shown(name, form[name].value()) for name in form.fields},
                    errors={name: list(errs) for name, errs in form.errors.items() if name in form.fields},
                    non_field_errors=list(form.non_field_errors()),
                )
            )
    else:
        for membership, values in initial or []:
            values = {"mode": Attendance.Mode.IN_PERSON, **values}
            rows.append(
                SheetRow(
                    prefix=f"m{membership.pk}",
                    label=f"{membership.person} ({membership.body})",
                    values={name: _shown(name, values.get(name)) for name in _COLUMNS},
                )
            )
    options: dict = {}  # per page: the labels follow the request's language
    return [_row_html(row, video_counts=video_counts, options=options) for row in rows]
