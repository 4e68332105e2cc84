"""The main writes, measured through the real views against gunicorn (issue 14 §1).

Each write is what a browser does: GET the form page, read the form (CSRF token, every field with its
current value; radio groups with nothing chosen get their first choice), change the fields the scenario
names, POST it with the session's cookies. Every iteration acts on a fresh object (a meeting not yet
published, an appointment without a certificate, a month without a report) or on an idempotent target
(the attendance of one meeting saved again), and the effect is checked by counting rows afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """The forms of a page: action, method and the (name, value) pairs a browser would submit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option_value: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": [],
                "radios": {},
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind == "radio":
                group = self._form["radios"].setdefault(name, {"first": a.get("value", ""), "chosen": None})
                if "checked" in a:
                    group["chosen"] = a.get("value", "")
                return
            if kind == "checkbox" and "checked" not in a:
                self._form.setdefault("unchecked", []).append((name, a.get("value", "on")))
                return
            self._form["fields"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a and not self._select_chosen:
                self._form["fields"].append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["fields"].append((name, ""))

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            name, value = self._form["fields"][-1]
            self._form["fields"][-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self._form is not None:
            if not self._select_chosen and self._select_first is not None:
                self._form["fields"].append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def page_form(html: bytes, *, has: str = "csrfmiddlewaretoken") -> dict | None:
    """The first POST form of the page that contains a field named `has`, leaving out the header's forms
    (the language switch and logout carry a CSRF token too, and come first in the page)."""
    from django.urls import reverse

    chrome = {reverse("set_language"), reverse("logout")}
    parser = _FormParser()
    parser.feed(html.decode("utf-8", "replace"))
    for form in parser.forms:
        if form["action"].split("?")[0] in chrome:
            continue
        for name, group in form["radios"].items():
            form["fields"].append((name, group["chosen"] if group["chosen"] is not None else group["first"]))
        names = {n for n, _v in form["fields"]} | {n for n, _v in form.get("unchecked", [])}
        # "*status": any field whose name ends so (a formset's prefixed rows)
        found = any(n.endswith(has[1:]) for n in names) if has.startswith("*") else has in names
        if form["method"] == "post" and found:
            return form
    return None


@dataclass
class Write:
    """One write scenario: `prepare(i)` returns (form page path, overrides, submit path or None = the
    page itself, checkbox values to tick) for iteration i; `count()` counts the rows the write adds."""

    key: str
    role: str
    prepare: Callable[[int], tuple[str, dict, str | None, list[tuple[str, str]]]]
    count: Callable[[], int]
    expect_delta: Callable[[int], int]  # rows added after n iterations
    has: str = "csrfmiddlewaretoken"
    # changes the submitted (name, value) pairs of iteration i (e.g. every row of a sheet)
    transform: Callable[[int, list[tuple[str, str]]], list[tuple[str, str]]] | None = None
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    queries: int | None = None
    rows_before: int = 0
    rows_after: int = 0
    iterations: int = 0
    # how many fresh objects the data hold for this write (the in-process count takes one more)
    limit: int | None = None

    @property
    def effect_ok(self) -> bool:
        return self.rows_after - self.rows_before == self.expect_delta(self.iterations)


def submit(session, write: Write, i: int) -> float | None:
    """One iteration: GET the form, POST it; returns the POST's latency (ms) or None on a failure."""
    page, overrides, action, ticks = write.prepare(i)
    status, _h, html = session.request("GET", page)
    if status != 200:
        write.errors.append(f"GET {page}: HTTP {status}")
        return None
    form = page_form(html, has=write.has)
    if form is None:
        write.errors.append(f"GET {page}: no form with {write.has!r}")
        return None
    fields = [(n, v) for n, v in form["fields"] if n not in overrides]
    fields += list(overrides.items()) + ticks
    if write.transform is not None:
        fields = write.transform(i, fields)
    target = action or form["action"] or page.split("?")[0]
    body = urllib.parse.urlencode(fields).encode()
    origin = f"http://{session.host}:{session.port}"
    t = time.perf_counter()
    status, _h, html = session.request(
        "POST",
        target,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + page,
        },
    )
    ms = (time.perf_counter() - t) * 1000
    if status not in (200, 302) or b"is-invalid" in html or b"alert-danger" in html:
        error = re.search(rb'class="[^"]*(?:invalid-feedback|alert-danger)[^"]*"[^>]*>\s*([^<]{1,160})', html)
        write.errors.append(
            f"POST {target}: HTTP {status}"
            + (f": {error.group(1).decode(errors='replace').strip()}" if error else "")
        )
        return None
    return ms


def scenarios(f, *, n: int) -> list[Write]:
    """The six main writes on the data present (`f`: bench.pages.Fixtures)."""
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import timezone

    from appointments.models import Certificate
    from meetings.models import Attendance, Meeting, Vote
    from meetings.selectors import enrolled_memberships
    from reports.models import Report, ReportingObligation

    out: list[Write] = []
    meeting = f.held_meeting
    taken = (timezone.localtime(meeting.starts_at) + dt.timedelta(minutes=60)).strftime("%H:%M")
    resolution = meeting.items.filter(kind__in=["resolution", "deliberation"]).order_by("-order").first()

    def sheet(i: int, fields: list[tuple[str, str]], *, last: int) -> list[tuple[str, str]]:
        """Every member present or every member absent, alternately: each save changes every row. The
        last timed iteration and the in-process one (i > last, counted first) are present ones, so the
        votes after them find the members present."""
        absent = i < last and (last - i) % 2 == 1
        out = []
        for name, value in fields:
            if name.endswith("-status"):
                value = "absent" if absent else "present"
            elif absent and name.endswith(("-arrived", "-left", "-deputy_name")):
                value = ""
            out.append((name, value))
        return out

    # 1. attendance of the big body's held meeting (all members), every row changed each iteration
    members = Attendance.objects.filter(meeting=meeting).count
    enrolled = len(enrolled_memberships(meeting))
    base = members()
    attendance = Write(
        "attendance (all members)",
        "secretary",
        lambda i: (reverse("meetings:attendance", args=[meeting.pk]), {}, None, []),
        count=members,
        expect_delta=lambda k: enrolled - base if k else 0,  # rows once per member, then updated
        has="*-status",
    )
    attendance.transform = lambda i, fields: sheet(i, fields, last=attendance.iterations - 1)
    out.append(attendance)
    # 2. a named vote on the resolution item (one ballot per member present, first choice = 찬성)
    votes = Vote.objects.filter(item=resolution).count if resolution else (lambda: 0)
    if resolution:
        out.append(
            Write(
                "named vote",
                "secretary",
                lambda i: (
                    reverse("meetings:vote_named", args=[meeting.pk])
                    + f"?item={resolution.pk}&taken={taken}",
                    {},
                    reverse("meetings:vote_named", args=[meeting.pk]),
                    [],
                ),
                count=votes,
                expect_delta=lambda k: k,
                has="v-item",
            )
        )
        # 3. a secret vote (counts only)
        out.append(
            Write(
                "secret vote",
                "secretary",
                lambda i: (
                    reverse("meetings:vote", args=[meeting.pk]),
                    {
                        "item": str(resolution.pk),
                        "method": "secret",
                        "taken": taken,
                        "yes": "5",
                        "no": "1",
                        "abstain": "0",
                    },
                    None,
                    [],
                ),
                count=votes,
                expect_delta=lambda k: k,
            )
        )
    # 4. report submit: a month without a report of the reporter's unit, one month per iteration
    obligation = (
        ReportingObligation.objects.filter(unit=f.unit).select_related("field").order_by("pk").first()
    )
    if obligation:
        from reports.models import Indicator

        # submission needs every indicator's figure
        figures = {f"ind_{i.pk}": "3" for i in Indicator.objects.filter(field=obligation.field, active=True)}
        taken_months = set(
            Report.objects.filter(unit=f.unit, field=obligation.field).values_list("month", flat=True)
        )
        months = []
        d = (f.today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        while len(months) < n and d.year > 2000:
            if d not in taken_months:
                months.append(d)
            d = (d - dt.timedelta(days=1)).replace(day=1)
        reports = Report.objects.filter(
            unit=f.unit, field=obligation.field, state=Report.State.SUBMITTED
        ).count
        out.append(
            Write(
                "report submit",
                "reporter",
                lambda i: (
                    reverse(
                        "reports:edit",
                        kwargs={
                            "unit_id": f.unit.pk,
                            "field_code": obligation.field.code,
                            "year": months[i].year,
                            "month": months[i].month,
                        },
                    ),
                    {"action": "submit", "achievements": "벤치마크 실적 보고", **figures},
                    None,
                    [],
                ),
                count=reports,
                expect_delta=lambda k: k,
            )
        )
    # 5. certificate issue: one appointment of the big body without a certificate per iteration
    from appointments.selectors import issuable

    fresh = list(issuable(f.body.pk).values_list("pk", "membership__body_id")[:n])
    fresh += list(  # then other bodies' when the big body has too few
        issuable()
        .exclude(pk__in=[pk for pk, _b in fresh])
        .values_list("pk", "membership__body_id")[: n - len(fresh)]
    )
    certificates = Certificate.objects.count
    if fresh:  # one appointment without a certificate per iteration (the big body's first)
        out.append(
            Write(
                "certificate issue",
                "admin",
                lambda i: (
                    reverse("appointments:issue") + f"?body={fresh[i % len(fresh)][1]}",
                    {"issued_on": f.today.isoformat(), "ceremony": "벤치마크 위촉식"},
                    None,
                    [("appointments", str(fresh[i % len(fresh)][0]))],
                ),
                count=certificates,
                expect_delta=lambda k: k,
                limit=len(fresh) - 1,
            )
        )
    # 6. agenda publish: a planned meeting whose agenda is not yet published, one per iteration
    planned = list(
        Meeting.objects.filter(status=Meeting.Status.PLANNED, agenda_published=False)
        .annotate(items_n=Count("items"))
        .filter(items_n__gt=0)
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)[:n]
    )
    published = Meeting.objects.filter(Q(agenda_published=True)).count
    if planned:
        out.append(
            Write(
                "agenda publish",
                "admin",
                lambda i: (
                    reverse("meetings:detail", args=[planned[i % len(planned)]]),
                    {},
                    reverse("meetings:status", args=[planned[i % len(planned)], "publish"]),
                    [],
                ),
                count=published,
                expect_delta=lambda k: min(k, len(planned)),
            )
        )
    return out
