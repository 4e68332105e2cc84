"""Searchable pickers for the person and post fields of the forms (issue 14).

A district has thousands of persons and posts: a <select> of all of them made the form pages 230 KB and
useless to a human. A picker is a small search box plus a radio list of at most `LIMIT` matches. With
htmx the matches come from a login-required, scoped endpoint (committees:person_pick, post_pick) as
the user types; without JavaScript the search button submits the form to its own page, which shows the
form again with the matches and everything typed so far (`PickerFormMixin`), saving nothing.

The field stays a ModelChoiceField over the full queryset, so the posted id is validated as before (an
unknown id gets Django's usual Korean "invalid choice" error).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Model, Q, QuerySet
from django.forms.utils import ErrorDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

LIMIT = 20
QUERY_MAX = 50
QUERY_SUFFIX = "__q"  # the search box of field `person` is posted as `person__q`
SEARCH_SUFFIX = "__search"  # and its search button as `person__search`
# a field name or element id the endpoint echoes into the fragment: nothing but a plain identifier
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,59}$")


@dataclass(frozen=True)
class Kind:
    url_name: str
    search_fields: tuple[str, ...]
    describe: Callable[[Model], str]
    related: tuple[str, ...] = ()


def _describe_person(person) -> str:
    extra = ", ".join(part for part in (person.affiliation, person.title) if part)
    return f"{person.name} ({extra})" if extra else person.name


def _describe_post(post) -> str:
    return f"{post.unit.name} · {post.name}"


KINDS = {
    "person": Kind("committees:person_pick", ("name", "affiliation"), _describe_person),
    "post": Kind("committees:post_pick", ("name", "unit__name"), _describe_post, ("unit",)),
}


def matches(kind: Kind, queryset: QuerySet, query: str) -> tuple[list, bool]:
    """The first LIMIT objects whose search fields contain `query`, and whether there are more."""
    if not query:
        return [], False
    condition = Q()
    for name in kind.search_fields:
        condition |= Q(**{f"{name}__icontains": query})
    found = list(queryset.select_related(*kind.related).filter(condition)[: LIMIT + 1])
    return found[:LIMIT], len(found) > LIMIT


def selected_object(kind: Kind, queryset: QuerySet, value) -> Model | None:
    """The chosen object, so a search never hides the choice already made; None for a bad id."""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return queryset.select_related(*kind.related).filter(pk=int(text)).first()


def results_context(
    kind_name: str, queryset: QuerySet, *, name: str, element_id: str, query: str, value, optional: bool
) -> dict:
    """What `committees/_picker_results.html` shows: the current choice, then the matches."""
    kind = KINDS[kind_name]
    query = (query or "").strip()[:QUERY_MAX]
    chosen = selected_object(kind, queryset, value)
    found, more = matches(kind, queryset, query)
    options = [(chosen.pk, kind.describe(chosen))] if chosen else []
    options += [(obj.pk, kind.describe(obj)) for obj in found if chosen is None or obj.pk != chosen.pk]
    return {
        "name": name,
        "element_id": element_id,
        "query": query,
        "options": options,
        "chosen": chosen.pk if chosen else None,
        "found": len(found),
        "more": more,
        "optional": optional,
        "limit": LIMIT,
    }


class Picker(forms.Widget):
    """The widget of a ModelChoiceField: search box, search button and radio list (see module doc)."""

    template_name = "committees/_picker.html"

    def __init__(self, kind: str, attrs=None):
        super().__init__(attrs)
        self.kind = kind
        self.query = ""

    def value_from_datadict(self, data, files, name):
        # the form's render reads the value first: remember the search typed next to it
        self.query = str(data.get(f"{name}{QUERY_SUFFIX}") or "")[:QUERY_MAX]
        return data.get(name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        element_id = widget["attrs"].get("id") or f"id_{name}"
        optional = not self.is_required
        params = {"name": name, "id": element_id, **({"optional": "1"} if optional else {})}
        widget["search_url"] = f"{reverse(KINDS[self.kind].url_name)}?{urlencode(params)}"
        widget["input_attrs"] = {k: v for k, v in widget["attrs"].items() if k not in ("required", "id")}
        widget["results"] = results_context(
            self.kind,
            self.choices.queryset,
            name=name,
            element_id=element_id,
            query=self.query,
            value=value,
            optional=optional,
        )
        return context

    def _render(self, template_name, context, renderer=None):
        # the project's templates, not the form renderer's (which sees only Django's own widgets)
        return mark_safe(render_to_string(template_name, context))


class PickerFormMixin:
    """A form with pickers: a press of a picker's search button (without JavaScript) is not a submission.
    The form is shown again with what was typed and the matches, with no errors and nothing saved."""

    uses_picker = True

    @property
    def picker_searching(self) -> bool:
        return self.is_bound and any(
            f"{name}{SEARCH_SUFFIX}" in self.data
            for name, field in self.fields.items()
            if isinstance(field.widget, Picker)
        )

    def full_clean(self):
        if self.picker_searching:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.picker_searching and super().is_valid()
