"""Meeting series (회의 일정 계획): staff and the secretaries of the series' bodies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors, services
from meetings.forms import SeriesForm, SeriesGenerateForm
from seongdong_gov.forms import form_view


def _series_form(request, roles, series=None, **page):
    """Create (series None) or edit a series through series_save; the form keeps its input on refusal."""
    form = SeriesForm(
        request.POST or None,
        instance=series,
        bodies=selectors.series_body_choices(roles, series),
        managed_ids=permissions.series_managed_body_ids(roles),
    )
    return form_view(
        request,
        form,
        lambda d: services.series_save(
            actor=request.user, series=form.save(commit=False), bodies=d["bodies"], hosts=form.hosts()
        ),
        success_url=lambda saved: reverse("meetings:series_detail", args=[saved.pk]),
        template="meetings/series_form.html",
        context={"series": series, "has_meetings": bool(series and series.meetings.exists())},
        **page,
    )


@login_required
def series_list(request):
    roles = permissions.require_series_manager(request)
    return render(request, "meetings/series_list.html", {"series_list": selectors.series_list(roles)})


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request):
    return _series_form(
        request,
        permissions.require_series_manager(request),
        message=_("회의 일정 계획을 등록했습니다. 생성 기한을 정해 회차를 만드세요."),
        title=_("회의 일정 계획 등록"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request, pk: int):
    roles = permissions.roles_of(request)
    series = permissions.series_for_manage(roles, pk)
    return _series_form(
        request,
        roles,
        series,
        message=_("회의 일정 계획을 고쳤습니다."),
        title=_("회의 일정 계획 수정") + f" · {series.name}",
    )


def _series_detail_page(request, series, form):
    return render(
        request,
        "meetings/series_detail.html",
        {"series": series, "occurrences": selectors.series_occurrences(series), "form": form},
    )


@login_required
def series_detail(request, pk: int):
    series = permissions.series_for_manage(request, pk)
    return _series_detail_page(request, series, SeriesGenerateForm(series=series, today=timezone.localdate()))


def _generated_message(request, created: list) -> None:
    if created:
        messages.success(request, _("회의 %(n)d건을 새로 만들었습니다.") % {"n": len(created)})
    else:
        messages.info(request, _("새로 만들 회차가 없습니다. 그 기한까지의 회차가 이미 모두 있습니다."))


@login_required
@require_POST
def series_generate(request, pk: int):
    """Create the occurrences up to the chosen date; running it again creates only what is missing.
    The message depends on how many were created (an info when none), so this keeps its own flow."""
    series = permissions.series_for_manage(request, pk)
    form = SeriesGenerateForm(request.POST, series=series, today=timezone.localdate())
    if not form.is_valid():
        return _series_detail_page(request, series, form)
    created = services.series_generate(actor=request.user, series=series, until=form.cleaned_data["until"])
    _generated_message(request, created)
    return redirect("meetings:series_detail", series.pk)
