"""No input breaks a page (issue 11): a bad-input probe generated from the URL configuration.

Like the permission matrix (tests/seongdong_gov/test_permissions.py), the list of URLs comes from
`get_resolver()`: every URL of the project (Django's admin aside) needs an entry in URL_ARGS, which
says how to fill its path arguments from the small factory world built by `probe_world` (the role
world plus one object of each kind the URLs take); a new URL without one fails
`test_every_url_is_probed`. Every form a page shows must be registered in FORMS (url name → form
classes); a new form without coverage fails `test_garbage_query_never_answers_500` for its page.

- Every GET URL × every role, with garbage in every query-string parameter the views read: no 500.
- Every registered form, posted by a role that may use it, with hostile values per field type (text:
  markup, SQL, formula-leading text, control and bidi characters, 10,000 characters; dates: impossible
  and extreme; numbers: -1, 1e309, NaN, 20 digits): no 500; a refused input stores nothing and shows
  the form again with an error; an accepted one must not break the page it redirects to.

Cases that fail today are listed in KNOWN_500 with the exception they raise, and run as
`xfail(strict=True)`: a fixed case XPASSes and fails the run until it is removed from the list.

What runs by default: see PROBE_DEFAULT below and the README's test section.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from committees.models import Membership
from tests import factories
from tests.conftest import ROLES

# --- the URLs and how to fill their arguments ------------------------------------------------------


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def _first(label: str, **filters):
    model = apps.get_model(label)
    obj = model.objects.filter(**filters).order_by("pk").first()
    return obj


def _pk(label: str, **filters) -> int:
    # an absent object gives a pk nothing has: the URL is still probed (and must answer 404, not 500)
    obj = _first(label, **filters)
    return obj.pk if obj else 999_999


def _meeting() -> int:
    return _pk("meetings.Meeting", bodies__secretary_person__user__username="secretary")


def _report_edit() -> dict:
    obligation = _first("reports.ReportingObligation")
    today = timezone.localdate()
    return {
        "unit_id": obligation.unit_id if obligation else 999_999,
        "field_code": obligation.field.code if obligation else "none",
        "year": today.year,
        "month": today.month,
    }


NONE: Callable[[], dict] = dict
URL_ARGS: dict[str, Callable[[], dict] | None] = {
    # None: not probed by GET (POST-only actions and Django's own views are covered by their tests)
    "home": NONE,
    # notifications (issue 13), allowances (issue 16), the sign-in sheet (issue 10) and the public site
    "committees:notifications": NONE,
    "committees:notification_settings": NONE,
    "committees:outbox": NONE,
    "committees:outbox_resend": None,
    "meetings:allowances": lambda: {"pk": _meeting()},
    "meetings:allowances_annual": NONE,
    "meetings:allowances_confirm": None,
    "meetings:allowances_prepare": None,
    "meetings:allowances_export": lambda: {"pk": _meeting(), "fmt": "xlsx"},
    "meetings:attendance_all_present": None,
    "meetings:signin_sheet": lambda: {"pk": _meeting()},
    "public:index": NONE,
    "public:body": lambda: {"pk": _pk("committees.Body")},
    "public:body_year": lambda: {"pk": _pk("committees.Body"), "year": 2026},
    "public:calendar": NONE,
    "public:meeting": lambda: {"pk": _meeting()},
    "public:minutes": lambda: {"pk": _meeting()},
    "public:minutes_pdf": lambda: {"pk": _meeting()},
    "public:attachment": lambda: {"pk": _pk("meetings.Attachment")},
    "public:sitemap": NONE,
    "robots": NONE,
    "login": NONE,
    "logout": None,
    "password_change": NONE,
    "password_change_done": NONE,
    "set_language": None,
    "committees:body_list": NONE,
    "committees:body_chart": NONE,
    "committees:body_create": NONE,
    "committees:body_detail": lambda: {
        "pk": _pk("committees.Body", secretary_person__user__username="secretary")
    },
    "committees:body_roster": lambda: {
        "pk": _pk("committees.Body", secretary_person__user__username="secretary"),
        "fmt": "hwpx",
    },
    "committees:body_edit": lambda: {
        "pk": _pk("committees.Body", secretary_person__user__username="secretary")
    },
    "committees:seat_group_create": lambda: {
        "body_pk": _pk("committees.Body", secretary_person__user__username="secretary")
    },
    "committees:seat_group_edit": lambda: {
        "body_pk": (
            g := _first("committees.SeatGroup", body__secretary_person__user__username="secretary")
        ).body_id,
        "pk": g.pk,
    },
    "committees:membership_edit": lambda: {"pk": _pk("committees.Membership")},
    "committees:membership_end": lambda: {"pk": _pk("committees.Membership", end__isnull=False)},
    "committees:person_list": NONE,
    "committees:person_create": NONE,
    "committees:person_pick": NONE,
    "committees:person_detail": lambda: {"pk": _pk("committees.Person")},
    "committees:person_edit": lambda: {"pk": _pk("committees.Person")},
    "committees:org": NONE,
    "committees:unit_create": NONE,
    "committees:unit_edit": lambda: {"pk": _pk("committees.OrgUnit")},
    "committees:post_create": NONE,
    "committees:post_detail": lambda: {"pk": _pk("committees.Post")},
    "committees:post_pick": NONE,
    "committees:post_edit": lambda: {"pk": _pk("committees.Post")},
    "committees:post_move": lambda: {"pk": _pk("committees.Post")},
    "meetings:list": NONE,
    "meetings:create": NONE,
    "meetings:portal": NONE,
    "meetings:feed_renew": None,
    "meetings:feed": lambda: {"token": "no-such-token"},
    "meetings:convening": NONE,
    "meetings:convening_sign": None,
    "meetings:series_list": NONE,
    "meetings:series_create": NONE,
    "meetings:series_detail": lambda: {"pk": _pk("meetings.MeetingSeries")},
    "meetings:series_edit": lambda: {"pk": _pk("meetings.MeetingSeries")},
    "meetings:series_generate": lambda: {"pk": _pk("meetings.MeetingSeries")},
    "meetings:calendar": NONE,
    "meetings:calendar_delete": None,
    "meetings:detail": lambda: {"pk": _meeting()},
    "meetings:reschedule": lambda: {"pk": _meeting()},
    "meetings:cancel": lambda: {"pk": _meeting()},
    "meetings:observer_add": lambda: {"pk": _meeting()},
    "meetings:recusal_add": lambda: {"pk": _meeting()},
    "meetings:interests": lambda: {"pk": _meeting()},
    "meetings:interests_mine": lambda: {"pk": _meeting()},
    "meetings:interest_declare": lambda: {
        "pk": _meeting(),
        "item_pk": _pk("meetings.AgendaItem", meeting_id=_meeting()),
    },
    "meetings:challenge_file": lambda: {
        "pk": _meeting(),
        "item_pk": _pk("meetings.AgendaItem", meeting_id=_meeting()),
    },
    "meetings:interest_recuse": lambda: {
        "pk": _meeting(),
        "declaration_pk": _pk("meetings.InterestDeclaration"),
    },
    "meetings:challenge_decide": lambda: {
        "pk": _meeting(),
        "challenge_pk": _pk("meetings.RecusalChallenge"),
    },
    "meetings:ics": lambda: {"pk": _meeting()},
    "meetings:status": None,
    "meetings:item_create": lambda: {"pk": _meeting()},
    "meetings:item_edit": lambda: {
        "pk": (item := _first("meetings.AgendaItem")).meeting_id
        if _first("meetings.AgendaItem")
        else 999_999,
        "item_pk": item.pk if item else 999_999,
    },
    "meetings:attachment_upload": lambda: {"pk": _meeting()},
    "meetings:attachment": lambda: {"pk": _pk("meetings.Attachment")},
    "meetings:attendance": lambda: {"pk": _meeting()},
    # the sitting, live (issue 15 §3): the secretary's page, the member's panel, the room's screen
    "meetings:live": lambda: {"pk": _meeting()},
    "meetings:live_control": lambda: {"pk": _meeting()},
    "meetings:screen_link_create": None,
    "meetings:screen_link_revoke": None,
    "screen:page": lambda: {"token": "no-such-token"},
    "screen:state": lambda: {"token": "no-such-token"},
    "meetings:vote": lambda: {"pk": _meeting()},
    "meetings:vote_named": lambda: {"pk": _meeting()},
    "meetings:election": lambda: {"pk": _meeting()},
    "meetings:written_open": lambda: {"pk": _meeting()},
    "meetings:evote": lambda: {"pk": _meeting()},
    "meetings:evote_close": lambda: {"pk": _pk("meetings.BallotBox")},
    "meetings:evote_void": None,
    "meetings:ballot": lambda: {"pk": _pk("meetings.BallotBox")},
    "meetings:written_answer": lambda: {"pk": _pk("meetings.WrittenResolution")},
    "meetings:written_count": None,
    "meetings:minutes": lambda: {"pk": _meeting()},
    "meetings:document": lambda: {"pk": _meeting(), "kind": "minutes", "fmt": "hwpx"},
    "meetings:minutes_edit": lambda: {"pk": _meeting()},
    "meetings:minutes_correct": lambda: {"pk": _meeting()},
    "meetings:minutes_status": None,
    "reports:list": NONE,
    "reports:edit": _report_edit,
    "reports:detail": lambda: {"pk": _pk("reports.Report")},
    "reports:review": lambda: {"pk": _pk("reports.Report")},
    "reports:attachment": lambda: {"pk": _pk("reports.ReportAttachment")},
    "reports:dashboard": NONE,
    "reports:unit_history": lambda: {
        "unit_id": _pk("reports.ReportingObligation") and _first("reports.ReportingObligation").unit_id
    },
    "reports:consolidated": NONE,
    "reports:field_list": NONE,
    "reports:field_edit": lambda: {"code": _first("reports.ReportingField").code},
    "reports:indicator_new": lambda: {"code": _first("reports.ReportingField").code},
    "reports:indicator_edit": lambda: {
        "code": (indicator := _first("reports.Indicator")).field.code,
        "pk": indicator.pk,
    },
    "reports:consolidated_attach": NONE,
    "reports:consolidated_pdf": NONE,
    "reports:consolidated_xlsx": NONE,
    "reports:consolidated_hwpx": NONE,
    "appointments:register": NONE,
    "appointments:issue": NONE,
    "appointments:alerts": NONE,
    "appointments:batch_pdf": NONE,
    "appointments:certificate_pdf": lambda: {"pk": _pk("appointments.Certificate")},
    "appointments:reissue": lambda: {"pk": _pk("appointments.Certificate")},
    "appointments:end": lambda: {"pk": _pk("appointments.Appointment")},
    "appointments:edit": lambda: {"pk": _pk("appointments.Appointment")},
    "appointments:bodies": NONE,
    "appointments:body": lambda: {
        "body_pk": _pk("committees.Body", secretary_person__user__username="secretary")
    },
    "appointments:create": lambda: {
        "body_pk": _pk("committees.Body", secretary_person__user__username="secretary")
    },
    "appointments:record": lambda: {"membership_pk": _pk("committees.Membership", appointment__isnull=True)},
}

# The query-string parameters the views read (grep `request.GET` in the apps), each probed with garbage.
QUERY_PARAMS = [
    *["year", "month", "page", "q", "body", "status", "field", "seat", "all", "format", "issued_on"],
    *["list", "item", "taken", "kind", "next"],
    *["person", "person__q", "optional"],  # the person picker's search (committees:person_pick)
]
GARBAGE = ["-1", "0", "99999999999999999999", "1e309", "NaN", "abc", "<script>alert(1)</script>\x00\u202e"]


def test_every_url_is_probed():
    assert _url_names() == set(URL_ARGS)


def _named_forms(callback) -> set[str]:
    """The form classes a view's code names (its source, and the LoginView-style `form_class` or
    `authentication_form` of a class-based view): read without a request, so it runs in every suite."""
    if hasattr(callback, "view_class"):
        kwargs = callback.view_initkwargs or {}
        form = kwargs.get("authentication_form") or kwargs.get("form_class")
        form = form or getattr(callback.view_class, "form_class", None)
        return {f"{form.__module__}.{form.__qualname__}"} if form else set()
    function = inspect.unwrap(callback)
    names = set(re.findall(r"\b([A-Z]\w*Form\w*)\b", inspect.getsource(function)))
    found = set()
    for name in names:
        obj = function.__globals__.get(name)
        if isinstance(obj, type) and issubclass(obj, forms.BaseForm | forms.BaseFormSet):
            found.add(f"{obj.__module__}.{obj.__qualname__}")
    return found


def _callbacks() -> dict[str, Callable]:
    out = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                out[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern.callback

    walk(get_resolver().url_patterns, None)
    return out


def test_every_form_a_view_names_is_registered():
    # helpers a view delegates to (e.g. _series_form) are caught by the page probe below
    missing = {}
    for name, callback in _callbacks().items():
        # compared as classes: FORMS may name a form by its package (meetings.forms.X for
        # meetings.forms.agenda.X)
        registered = {f"{c.__module__}.{c.__qualname__}" for c in _form_classes(name)}
        unregistered = _named_forms(callback) - registered
        if unregistered:
            missing[name] = sorted(unregistered)
    assert missing == {}


# --- the forms each page shows ---------------------------------------------------------------------


def _form_classes(name: str) -> set[type]:
    """The form classes a url name's page is registered with (looked up lazily: forms import models)."""
    return {_import(path) for path in FORMS.get(name, ())}


def _import(path: str) -> type:
    module, _, attr = path.rpartition(".")
    return getattr(__import__(module, fromlist=[attr]), attr)


# url name → the forms its page shows (dotted paths). A page showing a form not listed here fails
# test_every_form_is_registered: add it, and the POST probe covers it.
FORMS: dict[str, tuple[str, ...]] = {
    "committees:notification_settings": ("committees.views_notifications.PreferencesForm",),
    "login": ("seongdong_gov.forms.ThrottledAuthenticationForm",),
    "password_change": ("django.contrib.auth.forms.PasswordChangeForm",),
    "committees:body_create": ("committees.forms.BodyForm",),
    "committees:body_edit": ("committees.forms.BodyForm",),
    "committees:seat_group_create": ("committees.forms.SeatGroupForm",),
    "committees:seat_group_edit": ("committees.forms.SeatGroupForm",),
    "committees:membership_edit": ("committees.forms.MembershipEditForm",),
    "committees:membership_end": ("committees.forms.MembershipEndForm",),
    "committees:person_create": ("committees.forms.PersonForm",),
    "committees:person_edit": ("committees.forms.PersonForm",),
    "committees:unit_create": ("committees.forms.OrgUnitForm",),
    "committees:unit_edit": ("committees.forms.OrgUnitForm",),
    "committees:post_create": ("committees.forms.PostForm",),
    "committees:post_edit": ("committees.forms.PostForm",),
    "committees:post_move": ("committees.forms.PostMoveForm",),
    "meetings:list": ("meetings.forms.MeetingListFilterForm",),
    "meetings:create": ("meetings.forms.MeetingForm",),
    "meetings:convening": ("meetings.forms.ConveningForm",),
    "meetings:series_create": ("meetings.forms.SeriesForm",),
    "meetings:series_edit": ("meetings.forms.SeriesForm",),
    "meetings:series_detail": ("meetings.forms.SeriesGenerateForm",),
    "meetings:series_generate": ("meetings.forms.SeriesGenerateForm",),
    "meetings:calendar": ("meetings.forms.CalendarExceptionForm",),
    "meetings:reschedule": ("meetings.forms.RescheduleForm",),
    "meetings:cancel": ("meetings.forms.CancelForm",),
    "meetings:observer_add": ("meetings.forms.ObserverForm",),
    "meetings:recusal_add": ("meetings.forms.RecusalForm",),
    "meetings:interest_declare": ("meetings.forms.InterestDeclarationForm",),
    "meetings:challenge_file": ("meetings.forms.ChallengeForm",),
    "meetings:challenge_decide": ("meetings.forms.ChallengeDecisionForm",),
    "meetings:item_create": ("meetings.forms.AgendaItemForm",),
    "meetings:item_edit": ("meetings.forms.AgendaItemForm",),
    "meetings:attachment_upload": ("meetings.forms.AttachmentForm",),
    "meetings:attendance": ("meetings.forms.AttendanceForm",),
    "meetings:live_control": ("meetings.forms.CurrentItemForm",),
    "meetings:vote": ("meetings.forms.VoteForm",),
    "meetings:vote_named": (
        "meetings.forms.NamedBallotForm",
        "meetings.forms.NamedVoteSetupForm",
    ),
    "meetings:election": ("meetings.forms.ElectionForm",),
    "meetings:written_open": ("meetings.forms.WrittenOpenForm",),
    "meetings:written_answer": ("meetings.forms.WrittenAnswerForm",),
    "meetings:evote": ("meetings.forms.BallotBoxOpenForm", "meetings.forms.BallotBoxCloseForm"),
    "meetings:evote_close": ("meetings.forms.BallotBoxCloseForm", "meetings.forms.BallotBoxOpenForm"),
    "meetings:ballot": ("meetings.forms.BallotForm",),
    "meetings:minutes_edit": ("meetings.forms.MinutesForm",),
    "meetings:minutes_correct": ("meetings.forms.MinutesCorrectionForm",),
    "reports:edit": ("reports.forms.ReportForm",),
    "reports:detail": ("reports.forms.ReviewForm",),
    "reports:review": ("reports.forms.ReviewForm",),
    "reports:field_edit": ("reports.forms.FieldForm",),
    "reports:indicator_new": ("reports.forms.IndicatorForm",),
    "reports:indicator_edit": ("reports.forms.IndicatorForm",),
    "appointments:register": ("appointments.forms.RegisterFilterForm",),
    "appointments:issue": ("appointments.forms.CertificateIssueForm",),
    "appointments:reissue": ("appointments.forms.CertificateReissueForm",),
    "appointments:end": ("appointments.forms.AppointmentEndForm",),
    "appointments:edit": ("appointments.forms.AppointmentDetailsForm",),
    "appointments:create": ("appointments.forms.AppointmentCreateForm",),
    "appointments:record": ("appointments.forms.AppointmentRecordForm",),
}


def _forms_in(response) -> set[type]:
    found = set()
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else context.values():
            if isinstance(value, forms.BaseForm):
                found.add(type(value))
            elif isinstance(value, forms.BaseFormSet):
                found.add(type(value))
    return found


KNOWN_500: dict[str, str] = {
    # url name → the exception it raises today (the later phase of issue 11 fixes these)
}


def _get_cases():
    for name, args in sorted(URL_ARGS.items()):
        if args is None:
            continue
        marks = (
            [pytest.mark.xfail(strict=True, reason=f"500 today: {KNOWN_500[name]}")]
            if name in KNOWN_500
            else []
        )
        yield pytest.param(name, marks=[*marks, *_subset_mark(name, GET_SUBSET)], id=name)


def _subset_mark(name: str, subset: set[str]) -> list:
    if FULL_PROBE or name in subset:
        return []
    return [pytest.mark.skip(reason="outside the default subset: the full probe runs with BAD_INPUT_PROBE=1")]


# The default subset (the full probe with BAD_INPUT_PROBE=1): the pages that read numbers and dates from
# the query string, and one page per app with lists and filters.
GET_SUBSET = {
    "meetings:calendar",
    "meetings:list",
    "meetings:detail",
    "meetings:minutes",
    "appointments:register",
    "appointments:issue",
    "appointments:body",
    "appointments:alerts",
    "appointments:batch_pdf",
    "reports:dashboard",
    "reports:list",
    "reports:edit",
    "committees:person_list",
    "committees:person_pick",
}
# ... and the forms with dates, numbers, long free text and uploads, at least one per app.
POST_SUBSET = {
    "committees:person_create",
    "committees:membership_end",
    "meetings:calendar",
    "meetings:reschedule",
    "meetings:written_open",
    "meetings:attachment_upload",
    "meetings:minutes_correct",
    "appointments:end",
    "appointments:issue",
    "appointments:create",
    "reports:edit",
}


# The probes build a small factory world per URL (no demo). By default every URL and form is probed
# with a subset of the values (PROBE_DEFAULT: the first and the most hostile of each kind);
# BAD_INPUT_PROBE=1 runs every value (CI sets it).
FULL_PROBE = os.environ.get("BAD_INPUT_PROBE") == "1"


@pytest.fixture
def demo_actors(role_world, tmp_path, settings):
    """The users by role (None for anonymous), in a world with one object of every kind the URLs take:
    the secretary's body with a meeting (agenda item, attachment, minutes, written resolution), a
    series, a calendar exception, a post with a holder, an appointment with its certificate, and a
    report of the reporter's unit with an indicator and an attachment."""
    settings.MEDIA_ROOT = tmp_path
    body, membership = role_world.body, role_world.membership
    # the agenda published: members reach the 이해충돌 pages (and their forms are probed)
    meeting = factories.MeetingFactory(bodies=[body], host_body=body, agenda_published=True)
    item = factories.AgendaItemFactory(meeting=meeting)
    factories.AttachmentFactory(meeting=meeting)
    factories.MinutesFactory(meeting=meeting)
    factories.WrittenResolutionFactory(item=factories.AgendaItemFactory(meeting=meeting))
    factories.BallotBoxFactory(item=item)
    factories.MeetingSeriesFactory(bodies=[body])
    factories.CalendarExceptionFactory()
    factories.PostHoldingFactory()
    appointment = factories.AppointmentFactory(membership=membership)
    factories.CertificateFactory(appointment=appointment)
    field = factories.ReportingFieldFactory()
    factories.IndicatorFactory(field=field)
    factories.ReportingObligationFactory(unit=role_world.reporter_unit, field=field)
    # submitted: the review form shows only on a report waiting for review
    report = factories.ReportFactory(
        unit=role_world.reporter_unit, field=field, state=factories.reports.Report.State.SUBMITTED
    )
    factories.ReportAttachmentFactory(report=report)
    # an appointed membership whose appointment is not recorded yet (the record page's form)
    factories.member(
        body, start=membership.start, end=membership.end, person=factories.PersonFactory(name="기록전위원")
    )
    # a declaration and a 기피 신청 on the item, for the secretary's action pages
    factories.InterestDeclarationFactory(item=item, membership=membership)
    factories.RecusalChallengeFactory(
        item=item, filed_by=Membership.objects.get(person__name="기록전위원"), against=membership
    )
    assert item.meeting_id == meeting.pk
    return role_world.users


def _login_as(client, actors, role):
    client.logout()
    if actors[role] is not None:
        client.force_login(actors[role])


@pytest.mark.parametrize("name", list(_get_cases()))
def test_garbage_query_never_answers_500(client, demo_actors, name):
    """Every role gets one request with garbage in every parameter; the values rotate over the signed-in
    roles (a Latin square, admin taking the last shift), so each parameter meets each garbage value
    with a signed-in user in eight requests, not 49.
    The pages that answer also prove their forms are registered in FORMS (a new form fails here)."""
    client.raise_request_exception = False  # a 500 is the finding, reported with its exception below
    url = reverse(name, kwargs=URL_ARGS[name]())
    failures, found = [], set()
    signed_in = [r for r in ROLES if r != "anonymous"]
    requests = [
        *zip(signed_in, range(len(GARBAGE)), strict=False),
        ("admin", len(GARBAGE) - 1),
        ("anonymous", 0),
    ]
    for role, shift in requests:
        _login_as(client, demo_actors, role)
        query = {p: GARBAGE[(i + shift) % len(GARBAGE)] for i, p in enumerate(QUERY_PARAMS)}
        response = client.get(url, query)
        if response.status_code >= 500:
            failures.append((role, query["year"], _exception(response)))
        elif response.status_code == 200:
            found |= _forms_in(response)
    assert failures == []
    unregistered = {f"{f.__module__}.{f.__qualname__}" for f in found - _form_classes(name)}
    assert unregistered == set(), f"register the forms of {name} in FORMS"


def _exception(response) -> str:
    exc = getattr(response, "exc_info", None)
    return f"{exc[0].__name__}: {str(exc[1])[:120]}" if exc else str(response.status_code)


# --- hostile values posted to every registered form ------------------------------------------------

TEXT_VALUES = [
    "<script>alert(1)</script>",
    "'; DROP TABLE x;--",
    "=1+1",
    "a\x00b\x07c\u202ed",
    "가" * 10_000,
]
DATE_VALUES = ["0001-01-01", "9999-12-31", "2026-02-30", "-1"]
NUMBER_VALUES = ["-1", "1e309", "NaN", "99999999999999999999"]
POST_ROLES = ["secretary", "staff", "admin", "member", "reporter", "secretary_other", "anonymous"]
# rows that a refused form may still write: the login attempt (the lockout's evidence) and the session
UNCOUNTED = {"seongdong_gov.loginattempt", "sessions.session"}


def _kind(field: forms.Field) -> str | None:
    if isinstance(field, forms.FileField | forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        return None
    if isinstance(field, forms.SplitDateTimeField | forms.DateTimeField):
        return "datetime"
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "number"
    if isinstance(field, forms.CharField):
        return "text"
    return None


def _baseline(form: forms.BaseForm) -> dict:
    """The form's initial values as a browser would post them."""
    data: dict = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        bound = form[name]
        widget = field.widget.get_context(bound.html_name, bound.value(), {})["widget"]
        subwidgets = widget["subwidgets"] if isinstance(field.widget, forms.MultiWidget) else [widget]
        for sub in subwidgets:
            if isinstance(field.widget, forms.CheckboxInput):
                if sub["attrs"].get("checked"):
                    data[sub["name"]] = "on"
            elif sub["value"] is not None:
                data[sub["name"]] = sub["value"]
    return data


# Hostile uploads: a "PDF" that is not one, an empty file, and a file above every size limit (21 MB).
UPLOAD_VALUES = ["fake-pdf", "empty", "21mb"]


def _upload(value: str) -> SimpleUploadedFile:
    content = {
        "fake-pdf": b"MZ\x90\x00 not a pdf at all",
        "empty": b"",
        "21mb": b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024),
    }[value]
    return SimpleUploadedFile("evidence.pdf", content, content_type="application/pdf")


def _hostile(form: forms.BaseForm, kind: str, value: str) -> dict:
    data = _baseline(form)
    if kind == "upload":
        for name, field in form.fields.items():
            if isinstance(field, forms.FileField):
                data[form[name].html_name] = _upload(value)
        return data
    for name, field in form.fields.items():
        field_kind = _kind(field)
        html_name = form[name].html_name
        if field_kind == kind or (kind == "date" and field_kind == "datetime"):
            if field_kind == "datetime" and isinstance(field.widget, forms.MultiWidget):
                data[f"{html_name}_0"], data[f"{html_name}_1"] = value, "10:00"
            elif field_kind == "datetime":
                data[html_name] = f"{value}T10:00"
            else:
                data[html_name] = value
    return data


# The default subset: markup+control characters and 10,000 characters; both extreme dates; -1 and 20
# digits. The rest (SQL, formula-leading text, impossible dates, 1e309, NaN) with BAD_INPUT_PROBE=1.
PROBE_DEFAULT = {
    "text": ["a\x00b\x07c\u202ed", "가" * 10_000],
    "date": ["0001-01-01", "9999-12-31"],
    "number": ["-1", "99999999999999999999"],
}


def _cases_for(form: forms.BaseForm) -> list[tuple[str, str]]:
    kinds = {_kind(f) for f in form.fields.values()}
    every = {"text": TEXT_VALUES, "date": DATE_VALUES, "number": NUMBER_VALUES}
    values = every if FULL_PROBE else PROBE_DEFAULT
    cases = []
    if "text" in kinds:
        cases += [("text", v) for v in values["text"]]
    if kinds & {"date", "datetime"}:
        cases += [("date", v) for v in values["date"]]
    if "number" in kinds:
        cases += [("number", v) for v in values["number"]]
    if any(isinstance(f, forms.FileField) for f in form.fields.values()):
        cases += [("upload", v) for v in UPLOAD_VALUES]
    return cases


def _rows() -> dict[str, int]:
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_models()
        if model._meta.label_lower not in UNCOUNTED and model._meta.managed
    }


# POST-only actions whose form is shown on another page (same path arguments)
FORM_PAGE = {"meetings:series_generate": "meetings:series_detail", "reports:review": "reports:detail"}


def _attendance_row_form(response) -> list[forms.BaseForm]:
    """The attendance sheet writes its rows itself (meetings.forms.attendance.sheet_rows): the form its
    first row posts to, as the view builds it for a POST."""
    from committees.models import Membership
    from meetings.forms import AttendanceForm

    found = re.search(r'name="m(\d+)-status"', response.content.decode())
    if not found:
        return []
    membership = Membership.objects.select_related("person", "body").get(pk=int(found.group(1)))
    video_counts = 'name="m%s-mode"' % found.group(1) in response.content.decode()
    return [AttendanceForm(prefix=f"m{membership.pk}", membership=membership, video_counts=video_counts)]


# pages whose rows are written without a form instance in the context: how to find the form a row posts to
ROW_FORMS = {"meetings:attendance": _attendance_row_form}


def _form_on_page(client, demo_actors, name, url):
    if name in FORM_PAGE:
        url = reverse(FORM_PAGE[name], kwargs=URL_ARGS[name]())
    for role in POST_ROLES:
        _login_as(client, demo_actors, role)
        response = client.get(url)
        if response.status_code == 200:
            shown = [f for f in _forms_of(response) if type(f) in _form_classes(name)]
            if name in ROW_FORMS:
                shown += ROW_FORMS[name](response)
            if shown:
                return role, shown[0]
    pytest.fail(f"no role sees a registered form on {name}")


def _forms_of(response) -> list[forms.BaseForm]:
    out = []
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm) and value not in out:
                out.append(value)
    return out


def _has_error(response) -> bool:
    return any(f.errors for f in _forms_of(response))


def _post_cases():
    for name in sorted(FORMS):
        marks = (
            [pytest.mark.xfail(strict=True, reason=f"today: {KNOWN_POST_FAILURES[name]}")]
            if name in KNOWN_POST_FAILURES
            else []
        )
        yield pytest.param(name, marks=[*marks, *_subset_mark(name, POST_SUBSET)], id=name)


KNOWN_POST_FAILURES: dict[str, str] = {
    # url name → what goes wrong today (a 500, or a refused form that stored rows)
}


@pytest.mark.parametrize("name", list(_post_cases()))
def test_hostile_form_input_never_answers_500(client, demo_actors, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    settings.LOGIN_FAILURE_LIMIT = 1000  # the login form is probed too; the lockout is tested elsewhere
    client.raise_request_exception = False
    url = reverse(name, kwargs=URL_ARGS[name]())
    role, form = _form_on_page(client, demo_actors, name, url)
    failures = []
    for kind, value in _cases_for(form):
        _login_as(client, demo_actors, role)
        before = _rows()
        response = client.post(url, _hostile(form, kind, value))
        label = (role, kind, value[:30])
        if response.status_code >= 500:
            failures.append((*label, _exception(response)))
        elif response.status_code == 200 and _has_error(response):
            after_rows = _rows()
            changed = {k: (n, after_rows[k]) for k, n in before.items() if after_rows[k] != n}
            if changed:
                failures.append((*label, f"refused but stored {changed}"))
        elif response.status_code == 302:
            # accepted: the stored value must not break the page it leads to, nor this one
            for after in (response["Location"], url):
                page = client.get(after)
                if page.status_code >= 500:
                    failures.append((*label, f"accepted, then {after} answers {_exception(page)}"))
    assert failures == []
