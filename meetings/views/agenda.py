"""Agenda items, the files attached to a meeting, and recusals (회피·제척)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import permissions, selectors, services
from meetings.forms import AgendaItemForm, AttachmentForm, RecusalForm
from meetings.models import AgendaItem
from seongdong_gov.forms import form_view


def _item_page(request, meeting, item):
    form = AgendaItemForm(request.POST or None, instance=item)
    return form_view(
        request,
        form,
        lambda d: services.agenda_item_save(
            actor=request.user, item=form.save(commit=False), submission_key=d["submission_key"]
        ),
        success_url=meeting,
        message=_("안건을 저장했습니다."),
        title=_("안건 편집"),
        back=meeting.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_create(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    return _item_page(request, meeting, AgendaItem(meeting=meeting, order=selectors.next_item_order(meeting)))


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int, item_pk: int):
    item = permissions.item_for_manage(request, pk, item_pk)
    return _item_page(request, item.meeting, item)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    return form_view(
        request,
        AttachmentForm(request.POST or None, request.FILES or None),
        lambda d: services.attachment_add(
            actor=request.user,
            meeting=meeting,
            file=d["file"],
            submission_key=d["submission_key"],
            is_public=d["is_public"],
        ),
        success_url=meeting,
        message=_("자료를 올렸습니다."),
        title=_("회의 자료 올리기"),
        back=meeting.get_absolute_url(),
    )


@login_required
def attachment_download(request, pk: int):
    """Files are never served by URL: only people who may see the meeting's agenda get them."""
    attachment = permissions.attachment_for_user(request, pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@login_required
@require_http_methods(["GET", "POST"])
def recusal_add(request, pk: int):
    meeting = permissions.meeting_for_manage(request, pk)
    form = RecusalForm(request.POST or None, meeting=meeting, enrolled=selectors.enrolled_rows(meeting))
    return form_view(
        request,
        form,
        lambda d: services.recusal_add(actor=request.user, **d),
        success_url=meeting,
        message=_("회피·제척을 기록했습니다."),
        title=_("회피·제척 기록"),
        back=meeting.get_absolute_url(),
    )
