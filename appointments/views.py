from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from appointments import exports, pdf, rules, selectors, services
from appointments.forms import (
    AppointmentCreateForm,
    AppointmentDetailsForm,
    AppointmentEndForm,
    AppointmentRecordForm,
    CertificateIssueForm,
    CertificateReissueForm,
    RegisterFilterForm,
)
from appointments.markup import (
    alert_rows_html,
    appointment_rows_html,
    body_index_rows_html,
    register_rows_html,
)
from appointments.models import Appointment, Certificate
from appointments.permissions import (
    appointment_for_manage_or_404,
    body_for_appointments_or_404,
    certificate_for_download_or_404,
    membership_for_record_or_404,
    record_keeper_required,
)
from committees.decorators import admin_required, staff_required
from committees.permissions import bodies_managed_by, roles_for
from seongdong_gov.bounds import ID_MAX, int_param
from seongdong_gov.documents import file_response
from seongdong_gov.forms import form_view
from seongdong_gov.pagination import paginate


def _pdf_response(certs, filename: str) -> HttpResponse:
    response = HttpResponse(pdf.render_pdf(certs, selectors.active_seal()), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@staff_required
def register(request):
    """위촉장 발급대장: filters, 50 certificates a page, CSV export of the whole filtered register
    (streamed). Staff and administrators."""
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    body = filters.get("body")
    qs = selectors.register(
        year=filters.get("year"), body_id=body.pk if body else None, q=filters.get("q", "")
    )
    if filters.get("issued_on"):
        qs = qs.filter(issued_on=filters["issued_on"])
    fmt = request.GET.get("format")
    if fmt == "csv":
        return exports.register_csv_response(qs, filters)
    if fmt == "xlsx":
        return file_response(exports.register_xlsx(qs), f"{_('위촉장발급대장')}.xlsx", "xlsx")
    if fmt in ("hwpx", "pdf"):
        return exports.register_document(qs).response(fmt, _("위촉장발급대장"))
    params = {k: v for k, v in request.GET.items() if k not in ("format", "page") and v}
    batch_query = ""
    # offered only when the batch PDF has something to print (it answers 404 otherwise)
    if filters.get("issued_on"):
        if Certificate.objects.filter(issued_on=filters["issued_on"]).exists():
            batch_query = urlencode({"issued_on": filters["issued_on"].isoformat()})
    elif body and selectors.has_current_certificates(body.pk, timezone.localdate()):
        batch_query = urlencode({"body": body.pk})
    page = paginate(request, selectors.RegisterPageRows(qs, by_ids=bool(filters.get("q"))))
    roles = roles_for(request.user)
    return render(
        request,
        "appointments/register.html",
        {
            "form": form,
            **page,
            "rows_html": register_rows_html(page["page_obj"], is_admin=roles.is_admin),
            "csv_query": urlencode({**params, "format": "csv"}),
            "export_queries": {f: urlencode({**params, "format": f}) for f in ("xlsx", "hwpx", "pdf")},
            "batch_query": batch_query,
            "roles": roles,
        },
    )


@admin_required
@require_http_methods(["GET", "POST"])
def certificate_issue(request):
    """Issue a batch of certificates (e.g. every member of a 위촉식), then print them as one PDF."""
    body_id = int_param(request, "body", default=0, min=1, max=ID_MAX) or None
    form = CertificateIssueForm(request.POST or None, body_id=body_id)

    def save(data):
        certs = services.certificate_issue(
            actor=request.user,
            appointments=data["appointments"],
            issued_on=data["issued_on"],
            ceremony=data["ceremony"],
        )
        return data["issued_on"], certs

    return form_view(
        request,
        form,
        save,
        success_url=lambda result: (
            reverse("appointments:register") + "?" + urlencode({"issued_on": result[0].isoformat()})
        ),
        message=lambda result: (
            _("위촉장 %(n)d매를 발급했습니다 (%(first)s ~ %(last)s).")
            % {"n": len(result[1]), "first": result[1][0].number, "last": result[1][-1].number}
        ),
        title=_("위촉장 발급"),
        back=reverse("appointments:register"),
    )


@login_required
def certificate_pdf(request, pk: int):
    cert = certificate_for_download_or_404(roles_for(request.user), pk)
    return _pdf_response([cert], f"certificate-{cert.year}-{cert.sequence:03d}.pdf")


@admin_required
def batch_pdf(request):
    """All certificates issued on a date (a 위촉식), or the current ones of a body, in one PDF."""
    issued_on = request.GET.get("issued_on", "")
    body_id = int_param(request, "body", default=0, min=1, max=ID_MAX)
    if issued_on:
        try:
            day = dt.date.fromisoformat(issued_on)
        except ValueError as exc:
            raise Http404 from exc
        certs = list(selectors.for_pdf(Certificate.objects.filter(issued_on=day)))
        name = f"certificates-{day.isoformat()}.pdf"
    elif body_id:
        certs = selectors.latest_of_current(body_id, timezone.localdate())
        name = f"certificates-body-{body_id}.pdf"
    else:
        raise Http404
    if not certs:
        raise Http404
    return _pdf_response(certs, name)


@admin_required
@require_http_methods(["GET", "POST"])
def certificate_reissue(request, pk: int):
    original = get_object_or_404(Certificate.objects.select_related("appointment__membership__person"), pk=pk)
    form = CertificateReissueForm(request.POST or None, initial={"issued_on": timezone.localdate()})

    return form_view(
        request,
        form,
        lambda data: services.certificate_reissue(
            actor=request.user, certificate=original, issued_on=data["issued_on"], reason=data["reason"]
        ),
        success_url=reverse("appointments:register"),
        message=lambda cert: _("%(number)s로 재발급했습니다.") % {"number": cert.number},
        title=_("위촉장 재발급: %(number)s %(name)s")
        % {"number": original.number, "name": original.appointment.membership.person},
        back=reverse("appointments:register"),
        # irreversible: the page says what will happen before the button does it (issue 10 §2)
        context={
            "intro": _(
                "재발급하면 새 번호의 위촉장이 발급되고 %(number)s은(는) 재발급된 것으로 기록됩니다. "
                "발급 대장에 남으며 되돌릴 수 없습니다."
            )
            % {"number": original.number},
            "submit_label": _("재발급"),
        },
    )


@admin_required
@require_http_methods(["GET", "POST"])
def appointment_end(request, pk: int):
    appointment = get_object_or_404(Appointment.objects.select_related("membership__person"), pk=pk)
    form = AppointmentEndForm(request.POST or None)
    return form_view(
        request,
        form,
        lambda data: services.appointment_end(actor=request.user, appointment=appointment, **data),
        success_url=reverse("appointments:register"),
        message=_("위촉 종료를 기록했습니다."),
        title=_("위촉 종료: %(name)s") % {"name": appointment.membership.person},
        back=reverse("appointments:register"),
        context={
            "intro": _(
                "위촉을 종료하면 종료일 다음 날부터 이 위원은 재적에서 빠지고, 종료 사유와 함께 발급 대장에 "
                "남습니다. 되돌릴 수 없습니다."
            ),
            "submit_label": _("위촉 종료"),
        },
    )


ALERT_LISTS = ("ending", "vacant", "low")


@staff_required
def alerts(request):
    """The home panel's alert lists in full, 50 rows a page: terms ending within 60 days (`?list=ending`,
    the default), vacant appointed seats (`vacant`), attendance below half (`low`)."""
    today = timezone.localdate()
    which = request.GET.get("list")
    which = which if which in ALERT_LISTS else "ending"
    rows = {
        "ending": lambda: selectors.ending_within_list(today, rules.ALERT_DAYS),
        "vacant": lambda: selectors.vacant_appointed_seats(today),
        "low": lambda: selectors.low_attendance(today),
    }[which]()
    page = paginate(request, rows)
    can_end = roles_for(request.user).is_admin
    return render(
        request,
        "appointments/alerts.html",
        {
            "which": which,
            **page,
            "rows": alert_rows_html(which, page["page_obj"], can_end=can_end),
            "alert_days": rules.ALERT_DAYS,
            "can_end": can_end,
        },
    )


# ---- appointment records (위촉 현황, 위촉 기록) ------------------------------------------------------


@login_required
@record_keeper_required
def body_index(request):
    """Bodies with appointed seats that the user keeps records for (staff: all; a secretary: theirs)."""
    roles = roles_for(request.user)
    managed = (
        None if roles.is_governance_staff else list(bodies_managed_by(roles).values_list("pk", flat=True))
    )
    return render(
        request,
        "appointments/body_index.html",
        {"rows": body_index_rows_html(selectors.bodies_with_appointed_seats(managed))},
    )


@login_required
def body_appointments(request, body_pk: int):
    """위촉 현황: a body's appointed members with their recommendation, approval and certificate."""
    roles = roles_for(request.user)
    body = body_for_appointments_or_404(roles, body_pk)
    today = timezone.localdate()
    include_past = request.GET.get("all") == "1"
    rows = selectors.body_appointed_rows(body.pk, today, include_past=include_past)
    return render(
        request,
        "appointments/body.html",
        {
            "body": body,
            "rows": appointment_rows_html(rows, is_admin=roles.is_admin),
            # the batch PDF answers 404 when no current member has a certificate: say so instead
            "batch_available": selectors.any_current_certificate(rows, today),
            "include_past": include_past,
            "today": today,
            "roles": roles,
        },
    )


def _term_preview(body, start, replaces) -> dict | None:
    try:
        end = services.planned_end(body=body, start=start, replaces=replaces)
    except ValidationError:
        return None
    return {"start": start, "end": end, "label": rules.term_years_label(start, end)}


@login_required
@require_http_methods(["GET", "POST"])
def appointment_create(request, body_pk: int):
    """Appoint a member and record the appointment in one step; 'check' shows the computed term."""
    roles = roles_for(request.user)
    body = body_for_appointments_or_404(roles, body_pk)
    initial = {"start": timezone.localdate()}
    seat = int_param(request, "seat", default=0, min=1, max=ID_MAX)
    if seat:
        initial["seat"] = seat
    form = AppointmentCreateForm(request.POST or None, body=body, initial=initial)
    term = None
    if request.method == "POST" and form.is_valid():
        term = _term_preview(body, form.cleaned_data["start"], form.cleaned_data["replaces"])

    page = {
        "title": _("%(body)s 위원 위촉") % {"body": body},
        "back": reverse("appointments:body", args=[body.pk]),
        "template": "appointments/appointment_form.html",
        "context": {"body": body, "term": term, "can_check": True},
    }
    if "check" in request.POST:  # 'check' only previews the computed term; nothing is saved
        return render(request, page["template"], {"form": form, **page, **page["context"]})

    def save(data):
        result = services.appointment_create(actor=request.user, **data)
        for warning in result.warnings:  # after the success message form_view adds
            messages.warning(request, warning)
        return result

    return form_view(
        request,
        form,
        save,
        success_url=reverse("appointments:body", args=[body.pk]),
        message=lambda result: (
            _("%(person)s 님을 위촉했습니다. 위촉기간: %(period)s")
            % {"person": result.obj.membership.person, "period": result.obj.period_label}
        ),
        **page,
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_record(request, membership_pk: int):
    """Record recommendation and approval for a member seated without an appointment record."""
    roles = roles_for(request.user)
    membership = membership_for_record_or_404(roles, membership_pk)
    form = AppointmentRecordForm(request.POST or None, membership=membership)
    replaces = form.cleaned_data["replaces"] if request.method == "POST" and form.is_valid() else None
    return form_view(
        request,
        form,
        lambda data: services.appointment_record(actor=request.user, membership=membership, **data),
        success_url=reverse("appointments:body", args=[membership.body_id]),
        message=_("%(person)s 님의 위촉 기록을 저장했습니다.") % {"person": membership.person},
        title=_("위촉 기록: %(person)s · %(body)s") % {"person": membership.person, "body": membership.body},
        back=reverse("appointments:body", args=[membership.body_id]),
        template="appointments/appointment_form.html",
        context={
            "body": membership.body,
            "membership": membership,
            "term": _term_preview(membership.body, membership.start, replaces),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_edit(request, pk: int):
    """Correct the recommendation, approval and reappointment reason of a recorded appointment."""
    roles = roles_for(request.user)
    appointment = appointment_for_manage_or_404(roles, pk)
    membership = appointment.membership
    initial = {
        name: getattr(appointment, name)
        for name in ("recommended_by", "recommended_on", "approval_number", "approval_date")
    }
    initial["reappointment_reason"] = appointment.reappointment_reason
    form = AppointmentDetailsForm(request.POST or None, initial=initial)
    term_end = services.scheduled_term_end(appointment)
    return form_view(
        request,
        form,
        lambda data: services.appointment_update(actor=request.user, appointment=appointment, **data),
        success_url=reverse("appointments:body", args=[membership.body_id]),
        message=_("%(person)s 님의 위촉 기록을 수정했습니다.") % {"person": membership.person},
        title=_("위촉 기록 수정: %(person)s · %(body)s")
        % {"person": membership.person, "body": membership.body},
        back=reverse("appointments:body", args=[membership.body_id]),
        template="appointments/appointment_form.html",
        context={
            "body": membership.body,
            "membership": membership,
            "appointment": appointment,
            "term": {
                "start": membership.start,
                "end": term_end,
                "label": rules.term_years_label(membership.start, term_end),
            },
        },
    )
