from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from committees.decorators import staff_required
from committees.permissions import roles_for
from reports import exports, markup, permissions, rules, selectors, services
from reports.charts import line_chart
from reports.forms import FieldForm, IndicatorForm, ReportForm, ReviewForm, parse_month
from reports.labels import STATUS_LABELS
from reports.models import Indicator, Report, ReportingField
from seongdong_gov.forms import form_view


def _last_month() -> dt.date:
    return rules.previous_month(timezone.localdate())


@login_required
def report_list(request):
    """The reporter's list: the unit's obligations over the last months with their status."""
    roles = roles_for(request.user)
    units = permissions.report_units_for_user(roles)
    now = timezone.now()
    histories = [(unit, *selectors.unit_history(unit, now=now, months=6)) for unit in units]
    return render(request, "reports/list.html", {"histories": histories, "roles": roles})


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, unit_id: int, field_code: str, year: int, month: int):
    obligation, month_date, report = permissions.report_for_edit(
        roles_for(request.user), unit_id, field_code, year, month
    )
    if report is not None and not report.editable:
        return redirect(report)
    indicators = list(Indicator.objects.filter(field=obligation.field, active=True))
    form = ReportForm(request.POST or None, request.FILES or None, indicators=indicators, report=report)

    def save(data):
        upload = data.get("attachment")
        outcome = services.report_save(
            actor=request.user,
            unit=obligation.unit,
            field=obligation.field,
            month=month_date,
            values=form.values(),
            narrative=form.narrative(),
            files=[upload] if upload else [],
            submit=request.POST.get("action") == "submit",
        )
        if outcome.refusal:  # the draft is saved; the message says what is missing for submission
            messages.error(request, outcome.refusal)
        return outcome

    calendar_deadline = selectors.deadline(obligation.field, month_date, _calendar())
    return form_view(
        request,
        form,
        save,
        success_url=lambda outcome: outcome.report.get_absolute_url() if outcome.submitted else request.path,
        message=lambda outcome: _SAVE_MESSAGES[(outcome.submitted, bool(outcome.refusal))],
        title=_("성과 보고 작성"),
        template="reports/edit.html",
        context={
            "obligation": obligation,
            "month": month_date,
            "report": report,
            "deadline": calendar_deadline,
            "events": report.events.select_related("actor") if report else [],
        },
    )


# (submitted, refused) → the success message; a refusal was already reported as an error
_SAVE_MESSAGES = {
    (True, False): _lazy("제출했습니다."),
    (False, False): _lazy("임시 저장했습니다."),
    (False, True): None,
}


def _calendar():
    from committees.workdays import load_calendar

    return load_calendar()


@login_required
def report_detail(request, pk: int):
    roles = roles_for(request.user)
    report = permissions.report_or_404(roles, pk)
    dl = selectors.deadline(report.field, report.month, _calendar())
    status = rules.report_status(
        deadline=dl, now=timezone.now(), state=report.state, submitted_at=report.submitted_at
    )
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "values": report.values.select_related("indicator").order_by("indicator__order"),
            "attachments": report.attachments.all(),
            "events": report.events.select_related("actor"),
            "deadline": dl,
            "status": status,
            "review_form": ReviewForm()
            if roles.is_governance_staff and report.state == Report.State.SUBMITTED
            else None,
            "can_edit": report.editable,
            "edit_url": _edit_url(report),
        },
    )


def _edit_url(report: Report) -> str:
    return reverse(
        "reports:edit", args=[report.unit_id, report.field.code, report.month.year, report.month.month]
    )


@staff_required
@require_POST
def report_review(request, pk: int):
    roles = roles_for(request.user)
    report = permissions.report_or_404(roles, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():  # e.g. a comment over its maximum: refuse rather than drop it silently
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(report)
    comment = form.cleaned_data["comment"]
    try:
        if request.POST.get("action") == "accept":
            services.report_accept(actor=request.user, report=report, comment=comment)
            messages.success(request, _("접수했습니다."))
        elif request.POST.get("action") == "return":
            services.report_return(actor=request.user, report=report, comment=comment)
            messages.success(request, _("반려했습니다."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(report)


@login_required
def attachment_download(request, pk: int):
    attachment = permissions.attachment_or_404(roles_for(request.user), pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )


@staff_required
def dashboard(request):
    """자치행정과: a month's units × fields matrix, the overdue list, filters."""
    month = parse_month(request.GET.get("month"), _last_month())
    field_code = request.GET.get("field", "")
    status = request.GET.get("status", "")
    if status not in {s.value for s in rules.Status}:
        status = ""
    fields, rows = selectors.month_matrix(month, now=timezone.now(), field_code=field_code, status=status)
    counts = selectors.status_counts(rows)
    return render(
        request,
        "reports/dashboard.html",
        {
            "month": month,
            "prev_month": rules.previous_month(month),
            "next_month": rules.next_month(month),
            "fields": fields,
            "rows": rows,
            "overdue": selectors.overdue(rows),
            "status_counts": [(s.value, STATUS_LABELS[s], counts.get(s.value, 0)) for s in rules.Status],
            "all_fields": ReportingField.objects.all() if field_code else fields,
            "field_code": field_code,
            "status": status,
            "statuses": [(s.value, STATUS_LABELS[s]) for s in rules.Status],
        },
    )


@login_required
def unit_history(request, unit_id: int):
    unit = permissions.unit_or_404(roles_for(request.user), unit_id)
    fields, history = selectors.unit_history(unit, now=timezone.now(), months=12)
    return render(request, "reports/unit_history.html", {"unit": unit, "fields": fields, "history": history})


def _consolidated_context(month: dt.date) -> dict:
    data = selectors.consolidated(month)
    for summary in data["fields"]:
        summary.chart = line_chart(
            _("%(field)s 분야 지표 추이") % {"field": summary.field.name},
            data["months"],
            [(str(ind), values) for ind, values in summary.trend],
        )
    data["body_html"] = markup.consolidated_body_html(data)  # the page's and the PDF's sections
    data["prev_month"] = rules.previous_month(month)
    data["next_month"] = rules.next_month(month)
    return data


def _requested_month(request) -> dt.date:
    return parse_month(request.GET.get("month") or request.POST.get("month"), _last_month())


@staff_required
def consolidated(request):
    data = _consolidated_context(_requested_month(request))
    meeting = selectors.review_meeting(data["month"])
    names = services.consolidated_file_names(data["month"])
    data["meeting"] = meeting
    data["meeting_files"] = list(meeting.attachments.filter(original_name__in=names)) if meeting else []
    return render(request, "reports/consolidated.html", data)


@staff_required
@require_POST
def consolidated_attach(request):
    """Attach the month's PDF and Excel to the 사업성과 회의 that reviews it (POST, staff only)."""
    month = _requested_month(request)
    meeting = selectors.review_meeting(month)
    if meeting is None:
        messages.error(request, _("이 달의 보고를 검토할 사업성과 회의가 아직 등록되지 않았습니다."))
    else:
        data = _consolidated_context(month)
        try:
            services.consolidated_attach_to_meeting(
                actor=request.user,
                month=month,
                meeting=meeting,
                pdf=exports.consolidated_pdf(data),
                xlsx=exports.consolidated_xlsx(data),
            )
        except ValidationError as exc:  # the meeting's state refuses files (locked minutes, cancelled)
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("종합 보고서를 회의 안건 자료로 첨부했습니다."))
    return redirect(f"{reverse('reports:consolidated')}?month={month:%Y-%m}")


@staff_required
def consolidated_pdf(request):
    data = _consolidated_context(_requested_month(request))
    pdf = exports.consolidated_pdf(data)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{data["month"]:%Y-%m}.pdf"'
    return response


@staff_required
def consolidated_hwpx(request):
    data = selectors.consolidated(_requested_month(request))
    return exports.consolidated_document(data).response(
        "hwpx", f"{data['month']:%Y-%m} {_('사업성과종합보고')}"
    )


@staff_required
def consolidated_xlsx(request):
    data = selectors.consolidated(_requested_month(request))
    response = HttpResponse(
        exports.consolidated_xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="report-{data["month"]:%Y-%m}.xlsx"'
    return response


# ---- fields, indicators, obligations ---------------------------------------------------------------


@staff_required
def field_list(request):
    """자치행정과: the reporting fields with their lead department, indicators and reporting units."""
    fields = ReportingField.objects.select_related("lead_department").prefetch_related(
        "indicators", "obligations__unit"
    )
    return render(request, "reports/field_list.html", {"fields": fields})


@staff_required
@require_http_methods(["GET", "POST"])
def field_edit(request, code: str):
    field = permissions.field_for_staff(code)
    form = FieldForm(request.POST or None, instance=field)
    return form_view(
        request,
        form,
        lambda data: services.field_update(
            actor=request.user,
            field=field,
            lead_department=data["lead_department"],
            lead_team=data["lead_team"],
            roll_forward=data["roll_forward"],
            units=list(data["units"]),
        ),
        success_url=reverse("reports:field_list"),
        message=_("분야 설정을 저장했습니다."),
        title=_("%(field)s 분야 설정") % {"field": field.name},
        template="reports/field_edit.html",
        context={"field": field},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, code: str, pk: int | None = None):
    field = permissions.field_for_staff(code)
    indicator = permissions.indicator_for_staff(field, pk)
    form = IndicatorForm(request.POST or None, instance=indicator or Indicator(field=field), field=field)
    return form_view(
        request,
        form,
        lambda data: services.indicator_save(
            actor=request.user,
            field=field,
            indicator=indicator,
            name=data["name"],
            unit=data["unit"],
            order=data["order"],
            active=data["active"],
        ),
        success_url=reverse("reports:field_list"),
        message=_("지표를 저장했습니다."),
        title=_("지표 수정") if indicator else _("지표 추가"),
        template="reports/indicator_edit.html",
        context={"field": field, "indicator": indicator},
    )
