"""Convening requests (소집 요구): members open and sign; the history stays visible to the body."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors, services
from meetings.forms import ConveningForm
from meetings.views._common import post_action
from seongdong_gov.forms import form_view


@login_required
@require_http_methods(["GET", "POST"])
def convening_list(request):
    """소집 요구: members open and sign requests; the history stays visible to the body."""
    roles = permissions.require_convening_access(request)
    if request.method == "POST":
        permissions.require_member(roles)
    form = (
        ConveningForm(request.POST or None, bodies=selectors.member_bodies(roles))
        if permissions.may_open_convening(roles)
        else None
    )
    requests = selectors.convening_requests(roles)
    return form_view(
        request,
        form,
        lambda d: services.convening_request_open(
            actor=request.user,
            body=d["body"],
            membership=selectors.own_membership(roles, d["body"].pk, timezone.localdate()),
            reason=d["reason"],
            submission_key=d["submission_key"],
        ),
        success_url=reverse("meetings:convening"),
        message=_("소집 요구를 등록하고 서명했습니다."),
        title=_("소집 요구"),
        template="meetings/convening.html",
        context={
            "requests": requests,
            "signed": selectors.signed_request_ids(roles, requests),
            "member_body_ids": roles.member_body_ids,
        },
    )


def _signed_message(convening) -> str:
    if convening.satisfied_at:
        return _("서명했습니다. 소집 요구 요건이 충족되었습니다.")
    return _("서명했습니다.")


@login_required
@require_POST
def convening_sign(request, pk: int):
    convening, membership = permissions.convening_request_for_user(request, pk)
    return post_action(
        request,
        lambda: services.convening_request_sign(actor=request.user, request=convening, membership=membership),
        redirect_to="meetings:convening",
        message=_signed_message,
    )
