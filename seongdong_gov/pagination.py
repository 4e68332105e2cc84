"""Page-number pagination for long lists (the certificate register, the meeting list, the alert lists).

Two queries per page whatever the number of rows: the count and the page's rows (`paginate`); or, for
lists read newest first that grow with the years, one, without a count (`paginate_window`). The page links are
built with Django's {% querystring %} tag, so the list's filters stay in every link
(templates/_pagination.html)."""

from __future__ import annotations

from collections.abc import Callable

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


class WindowPage:
    """One page of a list read without counting it: the page's rows and whether one more exists
    (`per_page + 1` rows read). For lists whose total grows with the years and that are read newest
    first (a member's past meetings: 2,000 at a 동장 of 17 bodies), where the COUNT would read every
    row on each view (issue 14). Links are 이전/다음 (templates/_pagination.html)."""

    def __init__(self, rows: list, number: int, per_page: int):
        self.number, self.per_page = number, per_page
        self.object_list = rows[:per_page]
        self._more = len(rows) > per_page

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self._more or self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)


def paginate_window(request, rows: Callable[[int, int], list], per_page: int = PER_PAGE) -> dict:
    """The `?page=` page as `page_obj` (a WindowPage), from `rows(start, stop)`, the rows of that slice
    (one more than a page: whether another follows), in one query and no count; a page past the end is
    shown empty with a link back (a stale link, not an error). Deep pages cost an OFFSET; a member reads
    the first few."""
    number = page_number(request)
    start = (number - 1) * per_page
    return {"page_obj": WindowPage(rows(start, start + per_page + 1), number, per_page)}
