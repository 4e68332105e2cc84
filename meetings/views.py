"""Thin views: fetch through meetings.selectors (404 outside a user's reach), call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from committees.models import Body, CalendarException
from committees.permissions import bodies_managed_by, roles_for
from meetings import ical, selectors, services
from meetings.forms import (
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    CalendarExceptionForm,
    CancelForm,
    ConveningForm,
    ElectionForm,
    MeetingForm,
    MeetingListFilterForm,
    MinutesCorrectionForm,
    MinutesForm,
    NamedBallotForm,
    NamedVoteSetupForm,
    ObserverForm,
    RecusalForm,
    RescheduleForm,
    SeriesForm,
    SeriesGenerateForm,
    VoteForm,
    WrittenAnswerForm,
    WrittenOpenForm,
)
from meetings.models import AgendaItem, Attachment, Attendance, Election, FeedToken, Meeting, Minutes
from seongdong_gov.forms import apply_validation_error
from seongdong_gov.pagination import paginate


@login_required
def meeting_list(request):
    """The meetings in reach, 50 a page: a calendar year, or by default the last 12 months and ahead."""
    roles = roles_for(request.user)
    form = MeetingListFilterForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    meetings = selectors.meeting_list(roles, today=timezone.localdate(), year=year)
    return render(
        request,
        "meetings/list.html",
        {
            "form": form,
            "year": year,
            **paginate(request, meetings),
            "can_create": roles.is_governance_staff or roles.is_secretary,
            "can_calendar": roles.is_governance_staff,
        },
    )


@login_required
def meeting_detail(request, pk: int):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_view_or_404(roles, pk)
    manage = selectors.can_manage(roles, meeting)
    data = selectors.meeting_detail_data(
        meeting, show_agenda=manage or meeting.agenda_published, show_minutes_draft=manage
    )
    return render(request, "meetings/detail.html", {"meeting": meeting, "manage": manage, **data})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    roles = roles_for(request.user)
    bodies = bodies_managed_by(roles)
    if not bodies.exists():
        raise Http404
    form = MeetingForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, meeting=form.save(commit=False), bodies=form.cleaned_data["bodies"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("회의를 등록했습니다."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "title": _("회의 등록")})


@login_required
@require_POST
def meeting_status(request, pk: int, action: str):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_manage_or_404(roles, pk)
    try:
        if action == "notice":
            services.meeting_send_notice(actor=request.user, meeting=meeting)
        elif action == "held":
            services.meeting_mark_held(actor=request.user, meeting=meeting)
        elif action == "cancel":
            services.meeting_cancel(
                actor=request.user, meeting=meeting, reason=request.POST.get("reason", "")
            )
        elif action == "publish":
            services.agenda_publish(actor=request.user, meeting=meeting)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("처리했습니다."))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int, item_pk: int | None = None):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_manage_or_404(roles, pk)
    item = (
        get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting) if item_pk else AgendaItem(meeting=meeting)
    )
    if item.pk is None:
        item.order = (meeting.items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_save(actor=request.user, item=form.save(commit=False))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("안건을 저장했습니다."))
            return redirect(meeting)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("안건 편집"), "back": meeting.get_absolute_url()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request, pk: int):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_manage_or_404(roles, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.attachment_add(actor=request.user, meeting=meeting, form=form)
        messages.success(request, _("자료를 올렸습니다."))
        return redirect(meeting)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("회의 자료 올리기"), "back": meeting.get_absolute_url()},
    )


@login_required
def attachment_download(request, pk: int):
    """Files are never served by URL: only people who may see the meeting's agenda get them."""
    roles = roles_for(request.user)
    attachment = get_object_or_404(Attachment, pk=pk)
    meeting = selectors.meeting_for_view_or_404(roles, attachment.meeting_id)
    if not (selectors.can_manage(roles, meeting) or meeting.agenda_published):
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk: int):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_manage_or_404(roles, pk)
    enrolled = selectors.enrolled_memberships(meeting)
    existing = {a.membership_id: a for a in meeting.attendances.all()}
    forms = []
    for m in enrolled:
        a = existing.get(m.pk)
        initial = {"status": Attendance.Status.ABSENT}
        if a:
            initial = {
                "status": a.status,
                "arrived": a.arrived_at and timezone.localtime(a.arrived_at).time(),
                "left": a.left_at and timezone.localtime(a.left_at).time(),
                "deputy_name": a.deputy_name,
            }
        forms.append(AttendanceForm(request.POST or None, prefix=f"m{m.pk}", membership=m, initial=initial))
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            with transaction.atomic():  # all rows or none: a refusal on one row must not keep the others
                for f in forms:
                    d = f.cleaned_data
                    services.attendance_record(
                        actor=request.user,
                        meeting=meeting,
                        membership=f.membership,
                        status=d["status"],
                        arrived=d["arrived"],
                        left=d["left"],
                        deputy_name=d["deputy_name"],
                    )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("출결을 저장했습니다."))
            return redirect(meeting)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "forms": forms})


@login_required
@require_http_methods(["GET", "POST"])
def vote_create(request, pk: int):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_manage_or_404(roles, pk)
    form = VoteForm(request.POST or None, meeting=meeting)
    vote = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            vote = services.vote_record(
                actor=request.user,
                item=d["item"],
                method=d["method"],
                taken=d["taken"],
                yes=d["yes"],
                no=d["no"],
                abstain=d["abstain"],
                chair_casting=d["chair_casting"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("표결 결과: %(r)s") % {"r": vote.outcome_label})
    return render(request, "meetings/vote.html", {"meeting": meeting, "form": form, "vote": vote})


@login_required
@require_http_methods(["GET", "POST"])
def vote_named(request, pk: int):
    """기명 표결: pick the item and the moment (GET), then record each eligible member's choice (POST).
    Eligible = present at that moment and not recused on the item; the outcome is computed."""
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    posted = request.method == "POST"
    if posted:
        fixed = NamedVoteSetupForm(request.POST, meeting=meeting, hidden=True, prefix="v")
        ready = fixed.is_valid()
        data = fixed.cleaned_data if ready else {}
        setup = NamedVoteSetupForm(initial=data, meeting=meeting)
        if not ready:
            messages.error(request, _("안건과 표결 시각을 다시 고르세요."))
    else:
        setup = NamedVoteSetupForm(request.GET if "item" in request.GET else None, meeting=meeting)
        ready = setup.is_valid()
        data = setup.cleaned_data if ready else {}
        fixed = NamedVoteSetupForm(initial=data, meeting=meeting, hidden=True, prefix="v") if ready else None
    roster = ballots = vote = None
    if ready:
        item, taken = data["item"], data["taken"]
        roster = services.vote_roster(meeting, item, taken)
        ballots = NamedBallotForm(request.POST if posted else None, eligible=roster["eligible"], prefix="v")
        if posted and ballots.is_valid():
            try:
                vote = services.vote_record(
                    actor=request.user,
                    item=item,
                    method="named",
                    taken=taken,
                    ballots=ballots.ballots(),
                    chair_casting=ballots.cleaned_data["chair_casting"],
                )
            except ValidationError as exc:
                apply_validation_error(ballots, exc)
            else:
                messages.success(request, _("표결 결과: %(r)s") % {"r": vote.outcome_label})
    return render(
        request,
        "meetings/vote_named.html",
        {
            "meeting": meeting,
            "setup": setup,
            "fixed": fixed,
            "roster": roster,
            "ballots": ballots,
            "vote": vote,
            "named": vote and list(vote.ballots.select_related("membership__person").order_by("membership")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def election_record(request, pk: int):
    """선거 (호선): candidates and their votes; the winner is computed and their role recorded."""
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    enrolled = selectors.enrolled_memberships(meeting)
    form = ElectionForm(request.POST or None, meeting=meeting, enrolled=enrolled)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            election = services.election_record(
                actor=request.user, item=d["item"], role=d["role"], counts=form.counts(), taken=d["taken"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("%(p)s 위원이 %(r)s(으)로 선출되었습니다.")
                % {"p": election.winner.person.name, "r": election.get_role_display()},
            )
            return redirect("meetings:election", pk=meeting.pk)
    elections = list(
        Election.objects.filter(item__meeting=meeting)
        .select_related("item", "winner__person")
        .prefetch_related("candidates__membership__person")
    )
    return render(
        request, "meetings/election.html", {"meeting": meeting, "form": form, "elections": elections}
    )


@login_required
@require_http_methods(["GET", "POST"])
def written_open(request, pk: int):
    """서면의결 요청: only where the meeting's rule body allows written resolutions."""
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    body = selectors.rule_body(meeting)
    form = WrittenOpenForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.written_open(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("서면의결을 요청했습니다. 위원은 '내 회의'에서 응답합니다."))
            return redirect(meeting)
    return render(
        request,
        "meetings/written_open.html",
        {"meeting": meeting, "form": form, "allowed": body.allows_written_resolution, "body": body},
    )


@login_required
@require_POST
def written_count(request, pk: int):
    resolution = selectors.written_for_manage_or_404(roles_for(request.user), pk)
    try:
        resolution = services.written_count(actor=request.user, resolution=resolution)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("서면의결 결과: %(r)s") % {"r": resolution.outcome_label})
    return redirect(resolution.item.meeting)


@login_required
@require_http_methods(["GET", "POST"])
def written_answer(request, pk: int):
    """A member answers a written resolution (찬성/반대/기권), and may change it until the deadline."""
    resolution, membership, answer = selectors.written_for_member_or_404(roles_for(request.user), pk)
    form = WrittenAnswerForm(
        request.POST if request.method == "POST" else None, initial={"choice": answer and answer.choice}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.written_answer(
                actor=request.user,
                resolution=resolution,
                membership=membership,
                choice=form.cleaned_data["choice"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("응답을 저장했습니다. 마감 전까지 바꿀 수 있습니다."))
            return redirect("meetings:written_answer", pk=resolution.pk)
    return render(
        request,
        "meetings/written_answer.html",
        {
            "resolution": resolution,
            "item": resolution.item,
            "meeting": resolution.item.meeting,
            "answer": answer,
            "form": form,
            "open": not resolution.is_counted and timezone.now() < resolution.deadline,
        },
    )


def _minutes_or_404(roles, meeting: Meeting, manage: bool) -> Minutes:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or (not manage and minutes.status == Minutes.Status.DRAFT):
        raise Http404
    return minutes


@login_required
def minutes_view(request, pk: int):
    """Printable minutes with every field of 공공기록물법 시행령 제18조②."""
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_view_or_404(roles, pk)
    manage = selectors.can_manage(roles, meeting)
    minutes = _minutes_or_404(roles, meeting, manage)
    data = selectors.meeting_detail_data(meeting, show_agenda=True, show_minutes_draft=manage)
    ctx = {"meeting": meeting, "manage": manage, **data, "minutes": minutes}
    if request.GET.get("format") == "pdf":
        from django.contrib.staticfiles import finders
        from django.template.loader import render_to_string
        from weasyprint import CSS, HTML

        # The stylesheet (A4, NanumMyeongjo) is read from disk: WeasyPrint must not fetch it over HTTP.
        html = render_to_string("meetings/minutes_pdf.html", ctx, request=request)
        css = CSS(filename=finders.find("meetings/print.css"))
        pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css])
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
        return response
    return render(request, "meetings/minutes.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_manage_or_404(roles, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    initial = (
        {
            "remarks": minutes.remarks,
            "is_public": minutes.is_public,
            "nondisclosure_reason": minutes.nondisclosure_reason,
        }
        if minutes
        else {}
    )
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.minutes_save(
                actor=request.user,
                meeting=meeting,
                remarks=d["remarks"],
                is_public=d["is_public"],
                nondisclosure_reason=d["nondisclosure_reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("회의록 초안을 저장했습니다."))
            return redirect("meetings:minutes", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("회의록 작성"), "back": meeting.get_absolute_url()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_correct(request, pk: int):
    """Locked minutes change only by a recorded correction, shown beside the locked text."""
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    minutes = _minutes_or_404(roles_for(request.user), meeting, manage=True)
    form = MinutesCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correct(actor=request.user, minutes=minutes, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("정정 기록을 남겼습니다."))
            return redirect("meetings:minutes", pk=meeting.pk)
    return _form_page(
        request,
        form,
        _("회의록 정정") + f" · {meeting.title}",
        reverse("meetings:minutes", args=[meeting.pk]),
    )


@login_required
@require_POST
def minutes_status(request, pk: int, action: str):
    roles = roles_for(request.user)
    meeting = selectors.meeting_for_manage_or_404(roles, pk)
    minutes = _minutes_or_404(roles, meeting, True)
    try:
        if action == "approve":
            services.minutes_approve(actor=request.user, minutes=minutes)
        elif action == "lock":
            services.minutes_lock(actor=request.user, minutes=minutes)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("meetings:minutes", pk=meeting.pk)


@login_required
def portal(request):
    """내 회의: upcoming and past meetings of the user's bodies, and the personal calendar feed."""
    roles = roles_for(request.user)
    upcoming, past = selectors.my_meetings(roles, timezone.localdate())
    token = FeedToken.objects.filter(user=request.user).first()
    return render(
        request,
        "meetings/portal.html",
        {
            "upcoming": upcoming,
            "past": past,
            "token": token,
            "written": selectors.my_written_resolutions(roles),
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def feed_renew(request):
    services.feed_token_renew(actor=request.user)
    messages.success(request, _("새 달력 구독 주소를 만들었습니다. 이전 주소는 더 이상 쓸 수 없습니다."))
    return redirect("meetings:portal")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def meeting_ics(request, pk: int):
    meeting = selectors.meeting_for_view_or_404(roles_for(request.user), pk)
    return _ics(ical.calendar_for([meeting], meeting.title), f"meeting-{meeting.pk}.ics")


def feed(request, token: str):
    """The personal feed: no login (calendar apps cannot log in); the secret token is the key."""
    ft = FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if ft is None:
        raise Http404
    roles = roles_for(ft.user)
    meetings = selectors.visible_meetings(roles).order_by("starts_at")
    return _ics(ical.calendar_for(meetings, _("내 회의")), "meetings.ics")


def _form_page(request, form, title, back=None):
    return render(request, "meetings/form.html", {"form": form, "title": title, "back": back})


def _meeting_form(request, meeting: Meeting, form, save, done: str, title: str):
    """The shape every small managing form shares: on a valid POST call `save(cleaned_data)` (a service);
    its ValidationError goes back onto the form with the input kept; success returns to the meeting."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(meeting)
    return _form_page(request, form, title, meeting.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reschedule(request, pk: int):
    """Move one occurrence; the rest of its series is untouched."""
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    form = RescheduleForm(
        request.POST or None, initial={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at}
    )
    return _meeting_form(
        request,
        meeting,
        form,
        lambda d: services.meeting_reschedule(
            actor=request.user,
            meeting=meeting,
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            reason=d["reason"],
        ),
        _("일정을 변경했습니다."),
        _("일정 변경") + f" · {meeting.title}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    return _meeting_form(
        request,
        meeting,
        CancelForm(request.POST or None),
        lambda d: services.meeting_cancel(actor=request.user, meeting=meeting, reason=d["reason"]),
        _("회의를 취소했습니다."),
        _("회의 취소") + f" · {meeting.title}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def observer_add(request, pk: int):
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    return _meeting_form(
        request,
        meeting,
        ObserverForm(request.POST or None),
        lambda d: services.observer_add(actor=request.user, meeting=meeting, **d),
        _("배석자를 추가했습니다."),
        _("배석자 추가"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recusal_add(request, pk: int):
    meeting = selectors.meeting_for_manage_or_404(roles_for(request.user), pk)
    form = RecusalForm(
        request.POST or None, meeting=meeting, enrolled=selectors.enrolled_memberships(meeting)
    )
    return _meeting_form(
        request,
        meeting,
        form,
        lambda d: services.recusal_add(actor=request.user, **d),
        _("회피·제척을 기록했습니다."),
        _("회피·제척 기록"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_list(request):
    """소집 요구: members open and sign requests; the history stays visible to the body."""
    roles = roles_for(request.user)
    if not (roles.is_governance_staff or roles.member_body_ids or roles.secretary_body_ids):
        raise Http404
    today = timezone.localdate()
    member_bodies = Body.objects.filter(pk__in=roles.member_body_ids).order_by("order", "name")
    form = ConveningForm(request.POST or None, bodies=member_bodies) if roles.member_body_ids else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            body = form.cleaned_data["body"]
            try:
                services.convening_request_open(
                    actor=request.user,
                    body=body,
                    membership=selectors.own_membership(roles, body.pk, today),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("소집 요구를 등록하고 서명했습니다."))
                return redirect("meetings:convening")
    requests = selectors.convening_requests(roles)
    own = set()
    if roles.person_id:
        own = {
            r.pk for r in requests for s in r.signatures.all() if s.membership.person_id == roles.person_id
        }
    return render(
        request,
        "meetings/convening.html",
        {"requests": requests, "form": form, "signed": own, "member_body_ids": roles.member_body_ids},
    )


@login_required
@require_POST
def convening_sign(request, pk: int):
    roles = roles_for(request.user)
    convening = selectors.convening_request_for_member_or_404(roles, pk)
    membership = selectors.own_membership(roles, convening.body_id, timezone.localdate())
    if membership is None:
        raise Http404
    try:
        convening = services.convening_request_sign(
            actor=request.user, request=convening, membership=membership
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if convening.satisfied_at:
            messages.success(request, _("서명했습니다. 소집 요구 요건이 충족되었습니다."))
        else:
            messages.success(request, _("서명했습니다."))
    return redirect("meetings:convening")


def _staff_or_404(request):
    roles = roles_for(request.user)
    if not roles.is_governance_staff:
        raise Http404
    return roles


@login_required
@require_http_methods(["GET", "POST"])
def calendar_view(request):
    """근무일 달력: statutory holidays (read only) and the closures and extra working days staff add."""
    _staff_or_404(request)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    form = CalendarExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exc = services.calendar_exception_save(actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, _("달력 예외를 저장했습니다."))
            return redirect(f"{reverse('meetings:calendar')}?year={exc.date.year}")
    holidays, exceptions = selectors.calendar_year(year)
    return render(
        request,
        "meetings/calendar.html",
        {"year": year, "holidays": holidays, "exceptions": exceptions, "form": form},
    )


@login_required
@require_POST
def calendar_exception_delete(request, pk: int):
    _staff_or_404(request)
    exception = get_object_or_404(CalendarException, pk=pk)
    year = exception.date.year
    services.calendar_exception_delete(actor=request.user, exception=exception)
    messages.success(request, _("달력 예외를 삭제했습니다."))
    return redirect(f"{reverse('meetings:calendar')}?year={year}")


# --- meeting series (회의 일정 계획): staff and the secretaries of the series' bodies ----------------------


def _series_manager_or_404(request):
    roles = roles_for(request.user)
    if not selectors.can_manage_series_at_all(roles):
        raise Http404
    return roles


def _series_form_page(request, form, title, series=None):
    return render(
        request,
        "meetings/series_form.html",
        {
            "form": form,
            "title": title,
            "series": series,
            "has_meetings": bool(series and series.meetings.exists()),
        },
    )


@login_required
def series_list(request):
    roles = _series_manager_or_404(request)
    return render(request, "meetings/series_list.html", {"series_list": selectors.series_list(roles)})


def _series_form(request, roles, series=None):
    """Create (series None) or edit a series through series_save; the form keeps its input on refusal."""
    form = SeriesForm(
        request.POST or None,
        instance=series,
        bodies=selectors.series_body_choices(roles, series)
        if series
        else selectors.series_body_choices(roles),
        managed_ids=None if roles.is_governance_staff else roles.secretary_body_ids,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.series_save(
                actor=request.user,
                series=form.save(commit=False),
                bodies=form.cleaned_data["bodies"],
                hosts=form.hosts(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if series is None:
                messages.success(
                    request, _("회의 일정 계획을 등록했습니다. 생성 기한을 정해 회차를 만드세요.")
                )
            else:
                messages.success(request, _("회의 일정 계획을 고쳤습니다."))
            return redirect("meetings:series_detail", saved.pk)
    if series is None:
        return _series_form_page(request, form, _("회의 일정 계획 등록"))
    return _series_form_page(request, form, _("회의 일정 계획 수정") + f" · {series.name}", series)


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request):
    return _series_form(request, _series_manager_or_404(request))


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request, pk: int):
    roles = _series_manager_or_404(request)
    return _series_form(request, roles, selectors.series_for_manage_or_404(roles, pk))


def _series_detail_page(request, series, form):
    return render(
        request,
        "meetings/series_detail.html",
        {"series": series, "occurrences": selectors.series_occurrences(series), "form": form},
    )


@login_required
def series_detail(request, pk: int):
    roles = _series_manager_or_404(request)
    series = selectors.series_for_manage_or_404(roles, pk)
    return _series_detail_page(request, series, SeriesGenerateForm(series=series, today=timezone.localdate()))


@login_required
@require_POST
def series_generate(request, pk: int):
    """Create the occurrences up to the chosen date; running it again creates only what is missing."""
    roles = _series_manager_or_404(request)
    series = selectors.series_for_manage_or_404(roles, pk)
    form = SeriesGenerateForm(request.POST, series=series, today=timezone.localdate())
    if not form.is_valid():
        return _series_detail_page(request, series, form)
    created = services.series_generate(actor=request.user, series=series, until=form.cleaned_data["until"])
    if created:
        messages.success(request, _("회의 %(n)d건을 새로 만들었습니다.") % {"n": len(created)})
    else:
        messages.info(request, _("새로 만들 회차가 없습니다. 그 기한까지의 회차가 이미 모두 있습니다."))
    return redirect("meetings:series_detail", series.pk)
