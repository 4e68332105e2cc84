"""The meeting list and page, creation and the lifecycle (notice, held, cancel, reschedule), observers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from committees.permissions import roles_for
from meetings import permissions, selectors, services
from meetings.forms import CancelForm, MeetingForm, MeetingListFilterForm, ObserverForm, RescheduleForm
from meetings.markup import MeetingUrls, attendance_rows_html, meeting_rows_html
from meetings.views._common import post_action
from seongdong_gov.forms import form_view
from seongdong_gov.pagination import paginate


@login_required
def meeting_list(request):
    """The meetings in reach, 50 a page: a calendar year, or by default the last 12 months and ahead."""
    roles = roles_for(request.user)
    form = MeetingListFilterForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    meetings = selectors.meeting_list(roles, today=timezone.localdate(), year=year)
    page = paginate(request, meetings)
    return render(
        request,
        "meetings/list.html",
        {
            "form": form,
            "year": year,
            **page,
            "meeting_rows": meeting_rows_html(page["page_obj"]),
            "can_create": permissions.can_create_meetings(roles),
            "can_calendar": permissions.can_use_calendar(roles),
        },
    )


@login_required
def meeting_detail(request, pk: int):
    roles = roles_for(request.user)
    # with what it has: the page skips the queries of its attachments, minutes, observers and open
    # ballot boxes when there are none
    meeting = permissions.meeting_for_user(roles, pk, contents=True)
    manage = permissions.can_manage(roles, meeting)
    data = selectors.meeting_detail_data(
        meeting, show_agenda=manage or meeting.agenda_published, show_minutes_draft=manage
    )
    # the next step of a meeting waiting to start differs from one that has started (held, 유회)
    started = timezone.now() >= meeting.starts_at
    # a box open on this meeting: members get the way to their ballot, the secretary the counts page
    evote = {
        "evote_boxes": selectors.open_boxes_brief(meeting),
        "is_member": any(b.pk in roles.member_body_ids for b in meeting.bodies.all()),
    }
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "manage": manage,
            "started": started,
            **data,
            "attendance_rows": attendance_rows_html(data["rows"]),
            "urls": MeetingUrls(meeting.pk),
            **evote,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = MeetingForm(request.POST or None, bodies=permissions.bodies_for_new_meeting(request))
    return form_view(
        request,
        form,
        lambda d: services.meeting_create(
            actor=request.user, meeting=form.save(commit=False), bodies=d["bodies"]
        ),
        success_url=lambda meeting: meeting,
        message=_("회의를 등록했습니다."),
        title=_("회의 등록"),
    )


def _members(meeting) -> int:
    return len(selectors.enrolled_memberships(meeting))


@login_required
@require_POST
def meeting_status(request, pk: int, action: str):
    """The one-click steps of a meeting, each ending with a message that says what was done and for whom.
    Cancelling is not among them: it asks for a reason on its own confirmation page."""
    meeting = permissions.meeting_for_manage(request, pk)
    t = meeting.title
    actions = {
        "notice": (
            lambda: services.meeting_send_notice(actor=request.user, meeting=meeting),
            lambda m: _("%(t)s 소집 통지를 위원 %(n)d명에게 보냈습니다.") % {"t": t, "n": _members(m)},
        ),
        "held": (
            lambda: services.meeting_mark_held(actor=request.user, meeting=meeting),
            lambda m: (
                _(
                    "%(t)s을(를) 개최 완료로 기록했습니다. 다음 단계: 출석·표결을 기록하고 회의록을 작성하세요."
                )
                % {"t": t}
            ),
        ),
        "no_quorum": (
            lambda: services.meeting_mark_no_quorum(actor=request.user, meeting=meeting),
            lambda m: (
                _(
                    "%(t)s을(를) 유회(정족수 미달)로 기록했습니다. 표결·선출은 할 수 없고 회의록에 유회로 남습니다."
                )
                % {"t": t}
            ),
        ),
        "publish": (
            lambda: services.agenda_publish(actor=request.user, meeting=meeting),
            lambda m: _("%(t)s 안건을 위원 %(n)d명에게 공개했습니다.") % {"t": t, "n": _members(m)},
        ),
    }
    if action not in actions:
        raise Http404
    run, message = actions[action]
    return post_action(request, run, redirect_to=meeting, message=lambda m: message(m) + _unreachable(m))


def _unreachable(result) -> str:
    """After a notice, the members who could not be e-mailed, so the secretary can call them."""
    outcome = getattr(result, "mail_outcome", None)
    if outcome is None or not outcome.unreachable:
        return ""
    return " " + _("메일 주소가 없는 위원 %(n)d명: %(names)s") % {
        "n": len(outcome.unreachable),
        "names": ", ".join(outcome.unreachable),
    }


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reschedule(request, pk: int):
    """Move one occurrence; the rest of its series is untouched."""
    meeting = permissions.meeting_for_manage(request, pk)
    form = RescheduleForm(
        request.POST or None, initial={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at}
    )
    return form_view(
        request,
        form,
        lambda d: services.meeting_reschedule(
            actor=request.user,
            meeting=meeting,
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            reason=d["reason"],
        ),
        success_url=meeting,
        message=_("일정을 변경했습니다."),
        title=_("일정 변경") + f" · {meeting.title}",
        back=meeting.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    """Cancelling cannot be undone: the page says what will happen and asks for the reason first."""
    meeting = permissions.meeting_for_manage(request, pk)
    return form_view(
        request,
        CancelForm(request.POST or None),
        lambda d: services.meeting_cancel(actor=request.user, meeting=meeting, reason=d["reason"]),
        success_url=meeting,
        message=_("%(t)s을(를) 취소했습니다. 통지를 받은 위원에게는 취소 메일을 보냈습니다.")
        % {"t": meeting.title},
        title=_("회의 취소") + f" · {meeting.title}",
        back=meeting.get_absolute_url(),
        context={
            "intro": _(
                "회의를 취소하면 되돌릴 수 없습니다. 일정표와 달력(.ics)에 취소로 표시되고, 소집 통지를 받은 "
                "위원에게 취소 메일이 갑니다. 같은 일정 계획의 다른 회의는 그대로입니다."
            ),
            "submit_label": _("회의 취소"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def observer_add(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    return form_view(
        request,
        ObserverForm(request.POST or None),
        lambda d: services.observer_add(actor=request.user, meeting=meeting, **d),
        success_url=meeting,
        message=_("배석자를 추가했습니다."),
        title=_("배석자 추가"),
        back=meeting.get_absolute_url(),
    )
