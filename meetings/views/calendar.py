"""근무일 달력 (staff only): statutory holidays (read only) and the closures and extra working days."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors, services
from meetings.forms import CalendarExceptionForm
from seongdong_gov import bounds
from seongdong_gov.forms import form_view


def _year_url(year: int) -> str:
    return f"{reverse('meetings:calendar')}?year={year}"


def _year(request) -> int:
    # the office window: a year outside it (-1, 0, 20 digits) has no calendar to show and answers 404
    return bounds.int_param(
        request, "year", default=timezone.localdate().year, min=bounds.DATE_MIN.year, max=bounds.DATE_MAX.year
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_view(request):
    """근무일 달력: statutory holidays (read only) and the closures and extra working days staff add."""
    permissions.require_staff(request)
    year = _year(request)
    holidays, exceptions = selectors.calendar_year(year)
    return form_view(
        request,
        CalendarExceptionForm(request.POST or None),
        lambda d: services.calendar_exception_save(actor=request.user, **d),
        success_url=lambda exc: _year_url(exc.date.year),
        message=_("달력 예외를 저장했습니다."),
        title=_("근무일 달력"),
        template="meetings/calendar.html",
        context={"year": year, "holidays": holidays, "exceptions": exceptions},
    )


@login_required
@require_POST
def calendar_exception_delete(request, pk: int):
    exception = permissions.calendar_exception_for_staff(request, pk)
    year = exception.date.year
    services.calendar_exception_delete(actor=request.user, exception=exception)
    messages.success(request, _("달력 예외를 삭제했습니다."))
    return redirect(_year_url(year))
