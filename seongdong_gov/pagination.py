"""Page-number pagination for long lists (the certificate register, the meeting list, the alert lists).

Two queries per page whatever the number of rows: the count and the page's rows. The page links are
built with Django's {% querystring %} tag, so the list's filters stay in every link
(templates/_pagination.html)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def paginate(request, object_list, per_page: int = PER_PAGE) -> dict:
    """The requested page (`?page=`; a missing, non-numeric or out-of-range number gives the first or
    last page) as template context: `page_obj` and `page_range`, the page numbers to link with
    ellipses in between."""
    paginator = Paginator(object_list, per_page)
    page: Page = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    }
