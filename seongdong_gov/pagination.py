"""Page-number pagination for long lists (the certificate register, the meeting list, the alert lists).

Two queries per page whatever the number of rows: the count and the page's rows. The page links are
built with Django's {% querystring %} tag, so the list's filters stay in every link
(templates/_pagination.html)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import Http404

from seongdong_gov.bounds import int_param

PER_PAGE = 50
# Far beyond any list the office keeps; a larger number is a typo or a probe, not a page.
PAGE_MAX = 1_000_000


def page_number(request) -> int:
    """The `?page=` number through the project's one integer-parameter check; garbage (`abc`, `-1`,
    `1e309`, 20 digits) gives page 1 rather than an error, since a stale or edited link should still
    show the list."""
    try:
        return int_param(request, "page", default=1, min=1, max=PAGE_MAX)
    except Http404:
        return 1


def paginate(request, object_list, per_page: int = PER_PAGE) -> dict:
    """The requested page (`?page=`; a missing, non-numeric or out-of-range number gives the first or
    last page) as template context: `page_obj` and `page_range`, the page numbers to link with
    ellipses in between."""
    paginator = Paginator(object_list, per_page)
    page: Page = paginator.get_page(page_number(request))
    return {
        "page_obj": page,
        "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    }
