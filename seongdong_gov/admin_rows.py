"""The Django admin's changelist table written in Python (issue 14): `GovChangeList`, which every
`seongdong_gov.admin.AuditedModelAdmin` uses, writes the same HTML as Django's `{% result_list %}`
(templates/admin/change_list.html falls back to Django's tag where this gives nothing)."""

import datetime as dt

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import (
    _boolean_icon,
    _coerce_field_name,
    result_headers,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format_with
from django.utils.dateformat import re_escaped, re_formatchars
from django.utils.formats import get_format
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from seongdong_gov.widgets import escape_html

# Django's `{% result_list %}` writes each of a page's 50 rows cell by cell (items_for_result: a field
# lookup, the empty-value display, display_for_field, a reverse() and the preserved filters for the link,
# format_html, per cell or per row): a third to a half of a changelist's time. GovChangeList writes the same
# HTML (admin/change_list_results.html, byte for byte; tests/seongdong_gov/test_admin_rows.py holds it equal
# to Django's on every changelist) with what does not change from row to row worked out once a page: each
# column's kind, class, empty display and date format, the change link's URL around its pk.

_DATE_PARTS = {
    "Y": lambda v: "%04d" % v.year,
    "m": lambda v: "%02d" % v.month,
    "n": lambda v: str(v.month),
    "d": lambda v: "%02d" % v.day,
    "j": lambda v: str(v.day),
    "H": lambda v: "%02d" % v.hour,
    "G": lambda v: str(v.hour),
    "i": lambda v: "%02d" % v.minute,
}


def _date_writer(fmt):
    """`value -> text` as django.utils.dateformat.format(value, fmt) writes it: the format characters the
    office's formats use read straight off the value, any other one through Django."""
    pieces = []
    for i, piece in enumerate(re_formatchars.split(str(fmt))):
        if i % 2:
            if piece not in _DATE_PARTS:
                return lambda value: date_format_with(value, fmt)
            pieces.append(_DATE_PARTS[piece])
        elif piece:
            pieces.append(re_escaped.sub(r"\1", piece))
    return lambda value: "".join(p if isinstance(p, str) else p(value) for p in pieces)


def _html(value) -> str:
    """format_html's conditional_escape of one argument."""
    return (
        escape_html(value) if isinstance(value, str) or not hasattr(value, "__html__") else value.__html__()
    )


def _field_writer(f, empty):
    """`value -> HTML` as items_for_result writes a model field's value (display_for_field), or None for
    the kinds of field this does not write (numbers, files, links, JSON: display_for_field itself)."""
    if isinstance(f.remote_field, models.ManyToOneRel):
        return lambda value: empty if value is None else _html(value)
    if getattr(f, "flatchoices", None):
        try:
            labels = {value: _html(label) for value, label in f.flatchoices}
        except TypeError:  # list-like choices
            return None
        return lambda value: labels.get(value, empty)
    if isinstance(f, models.BooleanField):
        icons = {v: _boolean_icon(v) for v in (True, False, None)}
        return icons.__getitem__
    nothing = f.empty_values
    if isinstance(f, models.DateTimeField):
        write = _date_writer(get_format("DATETIME_FORMAT"))
        tz = timezone.get_current_timezone() if settings.USE_TZ else None

        def moment(value):
            if value in nothing:
                return empty
            if (
                tz is not None
                and not timezone.is_naive(value)
                and getattr(value, "convert_to_local_time", True)
            ):
                value = value.astimezone(tz)
            return escape_html(write(value))

        return moment
    if isinstance(f, (models.DateField, models.TimeField)):
        write = _date_writer(get_format("DATE_FORMAT" if isinstance(f, models.DateField) else "TIME_FORMAT"))
        return lambda value: empty if value in nothing else escape_html(write(value))
    if isinstance(f, (models.CharField, models.TextField)) and not isinstance(f, models.URLField):
        # display_for_value: str() of what is not empty
        return lambda value: empty if value in nothing else escape_html(str(value))
    return None


def _column(cl, field_name, index, empty, link):
    """`obj -> (class attribute, content as HTML)` for one column, as items_for_result writes its cell."""
    model_admin = cl.model_admin
    name_class = "field-%s" % _coerce_field_name(field_name, index)
    plain = f' class="{name_class}"'
    try:
        # what lookup_field takes for a field (this and _coerce_field_name are the admin's private
        # helpers: the test holds the rows equal to Django's, so a Django that changes them fails there)
        f = _get_non_gfk_field(cl.lookup_opts, field_name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        f = None  # a method, a property or a lookup: the column goes through lookup_field below
    if (
        field_name == "action_checkbox"
        and type(model_admin).action_checkbox is admin.ModelAdmin.action_checkbox
    ):
        label = gettext("Select this object for an action - {}")

        def checkbox(obj):
            pk = escape_html(str(obj.pk))
            aria = label.format(escape_html(str(obj)))
            return (
                ' class="action-checkbox"',
                f'<input type="checkbox" name="_selected_action" value="{pk}" class="action-select"'
                f' aria-label="{aria}">',
            )

        return checkbox
    if f is not None and not f.auto_created:
        write = _field_writer(f, empty)
        if write is None:
            write = lambda value: _html(display_for_field(value, f, empty, avoid_link=link))  # noqa: E731
        nowrap = isinstance(f, (models.DateField, models.TimeField, models.ForeignKey))
        cls = f' class="{name_class} nowrap"' if nowrap else plain
        name = f.name if isinstance(f.remote_field, models.ManyToOneRel) else field_name

        def field_cell(obj):
            value = getattr(obj, name)
            if isinstance(value, str) and value.strip() == "":
                value = ""
            return cls, write(value)

        return field_cell

    def other_cell(obj):
        # items_for_result's own branch for what is not a concrete field, line for line
        row_empty = empty
        try:
            f2, attr, value = lookup_field(field_name, obj, model_admin)
        except ObjectDoesNotExist:
            return plain, _html(row_empty)
        row_empty = getattr(attr, "empty_value_display", row_empty)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if f2 is None or f2.auto_created:
            classes = ["action-checkbox"] if field_name == "action_checkbox" else [name_class]
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
            result_repr = display_for_value(value, row_empty, boolean)
            if isinstance(value, (dt.date, dt.time)):
                classes.append("nowrap")
            return ' class="%s"' % " ".join(classes), _html(result_repr)
        return plain, _html(display_for_field(value, f2, row_empty, avoid_link=link))

    return other_cell


def _header_html(h: dict, num_sorted: int) -> str:
    """One header of admin/change_list_results.html."""
    parts = [f'\n<th scope="col"{_html(h["class_attrib"])}>\n   ']
    if h["sortable"] and h["sort_priority"] > 0:
        parts.append(
            '\n       <div class="sortoptions">\n'
            f'         <a class="sortremove" href="{escape_html(h["url_remove"])}"'
            f' title="{escape_html(gettext("Remove from sorting"))}"></a>\n         '
        )
        if num_sorted > 1:
            title = gettext("Sorting priority: %(priority_number)s") % {"priority_number": h["sort_priority"]}
            parts.append(f'<span class="sortpriority" title="{title}">{h["sort_priority"]}</span>')
        direction = "ascending" if h["ascending"] else "descending"
        parts.append(
            f'\n         <a href="{escape_html(h["url_toggle"])}" class="toggle {direction}"'
            f' title="{escape_html(gettext("Toggle sorting"))}"></a>\n       </div>\n   '
        )
    text = h["text"]
    text = capfirst(text) if isinstance(text, SafeData) else escape_html(capfirst(str(text)))
    if h["sortable"]:
        parts.append(f'\n   <div class="text"><a href="{escape_html(h["url_primary"])}">{text}</a></div>')
    else:
        parts.append(f'\n   <div class="text"><span>{text}</span></div>')
    parts.append('\n   <div class="clear"></div>\n</th>')
    return "".join(parts)


def _change_href(cl):
    """`obj -> the change page's URL with the list's filters kept`, as items_for_result writes the link
    (url_for_result and add_preserved_filters), reversed once a page: a row's URL differs only by its pk
    where the pk is a number; None where the admin has no change page."""
    preserved = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
    sentinel = "987654321"
    try:
        url = reverse(
            "admin:%s_%s_change" % (cl.opts.app_label, cl.opts.model_name),
            args=(sentinel,),
            current_app=cl.model_admin.admin_site.name,
        )
    except NoReverseMatch:
        return None
    full = add_preserved_filters(preserved, url)
    pk_field = cl.lookup_opts.pk
    if not (isinstance(pk_field, models.IntegerField) and full.startswith(url)):  # AutoField included
        return lambda obj: add_preserved_filters(preserved, cl.url_for_result(obj))
    head, _sep, tail = url.partition(sentinel)
    tail += full[len(url) :]
    pk_name = pk_field.attname
    return lambda obj: f"{head}{getattr(obj, pk_name)}{tail}"


def _columns(cl):
    """(`obj -> (class attribute, content)`, links to the change page, th or td) for each column, as
    items_for_result decides them: the first linked column is the row's <th>."""
    empty = cl.model_admin.get_empty_value_display()
    columns = []
    first = True
    for index, field_name in enumerate(cl.list_display):
        link = cl.list_display_links is not None and (
            (first and not cl.list_display_links) or field_name in cl.list_display_links
        )
        tag = "td"
        if link:
            tag = "th" if first else "td"
            first = False
        columns.append((_column(cl, field_name, index, empty, link), link, tag))
    return columns


class GovChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # the page's rows only: the actions and the object pages read whole rows
        if self.model_admin.list_only:
            self.result_list = self.result_list.only(*self.model_admin.list_only)

    def results_html(self):
        """What `{% result_list cl %}` writes (admin/change_list_results.html), or "" where Django's own
        tag must write it (templates/admin/change_list.html falls back to it): an editable list, a popup's
        choice of an object, a to-field lookup, no rows."""
        if getattr(self, "formset", None) or self.is_popup or self.to_field or not self.result_list:
            return ""
        href = _change_href(self)
        columns = _columns(self)
        rows = []
        for obj in self.result_list:
            cells = []
            for write, link, tag in columns:
                cls, content = write(obj)
                if link and href is not None:
                    content = f'<a href="{escape_html(href(obj))}">{content}</a>'
                cells.append(f"<{tag}{cls}>{content}</{tag}>")
            rows.append("\n\n<tr>%s</tr>\n" % "".join(cells))
        headers = list(result_headers(self))
        num_sorted = sum(1 for h in headers if h["sortable"] and h["sorted"])
        return mark_safe(
            '\n\n\n<div class="results">\n<table id="result_list">\n<thead>\n<tr>\n'
            + "".join(_header_html(h, num_sorted) for h in headers)
            + "\n</tr>\n</thead>\n<tbody>\n"
            + "".join(rows)
            + "\n</tbody>\n</table>\n</div>\n\n"
        )
