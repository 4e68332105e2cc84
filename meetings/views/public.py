"""The public disclosure site (대시민공개, issue 16 §1): bodies, the meeting calendar, public minutes and
an annual page per body, for anonymous visitors.

Every page here is rendered without the request (no context processors): nothing reads the session or the
user, so no response sets a cookie or varies on one, and a proxy may serve it to anyone for five
minutes (`public_page`). The data come only from meetings.selectors.public, which builds them for the
public; staff pages and their templates are never reused here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps

from django.contrib.sites.requests import RequestSite
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from meetings import public_markup
from meetings.selectors import public as selectors
from seongdong_gov import documents
from seongdong_gov.bounds import int_param
from seongdong_gov.markup import url_maker

MAX_AGE = 300  # seconds a proxy may serve a page without asking again
# the calendar's rows are kept per process under the month's version (selectors.public_month_version), so
# a visit costs one aggregate query; what the version does not see (a body renamed) shows within this time,
# as it would through a proxy (MAX_AGE)
CALENDAR_CACHE_SECONDS = MAX_AGE


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET/HEAD only; `Cache-Control: public, max-age=300` and a strong ETag over the body, answering
    `If-None-Match` with 304 (a proxy revalidates without the page being sent again)."""

    @require_safe
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if not response.streaming:
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            response["ETag"] = etag
            if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
                not_modified = HttpResponse(status=304)
                not_modified["ETag"] = etag
                response = not_modified
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapped


def _page(template: str, context: dict) -> HttpResponse:
    # no request: no context processors, so nothing touches the session or the user
    return HttpResponse(render_to_string(template, context))


@public_page
def index(request):
    return _page(
        "public/index.html", {"body_rows": public_markup.body_rows_html(selectors.public_body_list())}
    )


@public_page
def body_detail(request, pk: int):
    body = selectors.public_body(pk)
    context = {
        "body": body,
        "seats": selectors.public_composition(body),
        "years": selectors.body_years(body),
    }
    return _page("public/body.html", context)


@public_page
def body_year(request, pk: int, year: int):
    body = selectors.public_body(pk)
    if not 2000 <= year <= 2100:  # an out-of-range year is simply not a page
        raise Http404
    return _page("public/body_year.html", {"body": body, "year": year, **selectors.body_year(body, year)})


@public_page
def meeting_calendar(request):
    today = timezone.localdate()
    year = int_param(request, "year", default=today.year, min=2000, max=2100)
    month = int_param(request, "month", default=today.month, min=1, max=12)
    first = dt.date(year, month, 1)
    previous = first - dt.timedelta(days=1)
    following = first + dt.timedelta(days=32)
    context = {
        "year": year,
        "month": month,
        "meetings": selectors.public_meetings(year, month),  # read only when the cached rows are stale
        "version": selectors.public_month_version(year, month),
        "cache_seconds": CALENDAR_CACHE_SECONDS,
        "language": get_language(),
        "previous": (previous.year, previous.month),
        "following": (following.year, following.month),
    }
    return _page("public/calendar.html", context)


@public_page
def meeting_detail(request, pk: int):
    meeting = selectors.public_meeting(pk)
    context = {
        "meeting": meeting,
        "items": selectors.public_agenda(meeting),
        "attachments": selectors.public_attachments(meeting),
        "has_minutes": selectors.public_minutes_list().filter(meeting=meeting).exists(),
    }
    return _page("public/meeting.html", context)


@public_page
def attachment(request, pk: int):
    item = selectors.public_attachment(pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@public_page
def minutes(request, pk: int):
    found = selectors.public_minutes(pk)
    return _page("public/minutes.html", {"meeting": found.meeting, "record": selectors.public_record(found)})


@public_page
def minutes_pdf(request, pk: int):
    found = selectors.public_minutes(pk)
    context = {"meeting": found.meeting, "record": selectors.public_record(found)}
    pdf = documents.render_pdf(
        "public/minutes_pdf.html", context, stylesheets=["meetings/print.css", documents.PAGE_NUMBERS]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{pk}.pdf"'
    return response


# django.contrib.sitemaps writes at most this many URLs a section on a sitemap page; one page here
SITEMAP_LIMIT = 50_000


@public_page
def sitemap(request):
    # written here rather than through django.contrib.sitemaps: its view's TemplateResponse runs the
    # context processors (and so reads the session, adding Vary: Cookie), and its Sitemap classes reverse
    # a URL and render a dozen template lookups per item (meetings.public_markup)
    body_url = url_maker("public:body")
    minutes_url = url_maker("public:minutes")
    minutes = (
        selectors.public_minutes_list()
        .order_by("meeting_id")
        .values_list("meeting_id", flat=True)[:SITEMAP_LIMIT]
    )
    sections = [
        ([reverse("public:index"), reverse("public:calendar")], "daily"),
        ([body_url(pk) for pk in selectors.public_body_ids(SITEMAP_LIMIT)], "weekly"),
        ([minutes_url(pk) for pk in minutes], "monthly"),
    ]
    base = f"{request.scheme}://{RequestSite(request).domain}"
    return HttpResponse(public_markup.sitemap_xml(base, sections), content_type="application/xml")
