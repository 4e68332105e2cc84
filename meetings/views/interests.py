"""이해충돌: members declare per item and file 기피 신청 (their own page); the secretary sees every
declaration and challenge per item and records 회피 and the decisions on 기피."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import permissions, rules, selectors, services
from meetings.forms import ChallengeDecisionForm, ChallengeForm, InterestDeclarationForm
from meetings.views._common import post_action
from seongdong_gov.forms import form_view


def _mine_url(pk: int) -> str:
    return reverse("meetings:interests_mine", args=[pk])


def _manage_url(pk: int) -> str:
    return reverse("meetings:interests", args=[pk])


@login_required
def interests_mine(request, pk: int):
    """내 이해충돌 신고: every item of the meeting with the member's own answer (never others')."""
    meeting, membership = permissions.interests_for_member(request, pk)
    return render(
        request,
        "meetings/interests_mine.html",
        {
            "meeting": meeting,
            "membership": membership,
            "rows": selectors.member_items(meeting, membership),
            "open": rules.declaration_open(starts_at=meeting.starts_at, now=timezone.now()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_declare(request, pk: int, item_pk: int):
    item, membership = permissions.item_for_member(request, pk, item_pk)
    # one at most (unique per item and member): by pk, not the default order's five joins
    own = item.declarations.filter(membership=membership).order_by("pk").first()
    initial = (
        {
            "has_interest": "1" if own.has_interest else "0",
            "kind": own.kind,
            "description": own.description,
            "asks_step_aside": own.asks_step_aside,
        }
        if own
        else {}
    )
    return form_view(
        request,
        InterestDeclarationForm(request.POST or None, initial=initial),
        lambda d: services.interest_declare(actor=request.user, item=item, membership=membership, **d),
        success_url=_mine_url(pk),
        message=_("이해충돌 신고를 저장했습니다."),
        title=_("이해충돌 신고: %(t)s") % {"t": item.title},
        back=_mine_url(pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge_file(request, pk: int, item_pk: int):
    item, membership = permissions.item_for_member(request, pk, item_pk)
    others = [m for m in selectors.enrolled_rows(item.meeting) if m.membership_id != membership.pk]
    return form_view(
        request,
        ChallengeForm(request.POST or None, others=others),
        lambda d: services.challenge_file(actor=request.user, item=item, filed_by=membership, **d),
        success_url=_mine_url(pk),
        message=_("기피 신청을 접수했습니다. 기구가 결정합니다."),
        title=_("기피 신청: %(t)s") % {"t": item.title},
        back=_mine_url(pk),
    )


@login_required
def interests_manage(request, pk: int):
    """이해충돌 현황 for the secretary and staff: per item, declarations, challenges and who has not
    answered, with the actions that record recusals."""
    meeting = permissions.meeting_for_manage(request, pk)
    return render(
        request,
        "meetings/interests.html",
        {"meeting": meeting, "overview": selectors.interests_overview(meeting)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_recuse(request, pk: int, declaration_pk: int):
    """회피 from a declaration: GET asks to confirm, POST records it."""
    declaration = permissions.declaration_for_manage(request, pk, declaration_pk)
    if request.method == "GET":
        what = _(
            "%(p)s 위원을 「%(t)s」 안건에서 회피로 기록합니다. 이 위원은 이 안건의 표결에서 빠집니다."
        ) % {
            "p": declaration.membership.person.name,
            "t": declaration.item.title,
        }
        return render(
            request,
            "meetings/confirm.html",
            {
                "title": _("회피 기록"),
                "what": f"{what} ({declaration.get_kind_display()}: {declaration.description})",
                "meeting": declaration.item.meeting,
                "back": _manage_url(pk),
            },
        )
    return post_action(
        request,
        lambda: services.recusal_from_declaration(actor=request.user, declaration=declaration),
        redirect_to=_manage_url(pk),
        message=_("회피를 기록했습니다."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge_decide(request, pk: int, challenge_pk: int):
    challenge = permissions.challenge_for_manage(request, pk, challenge_pk)
    return form_view(
        request,
        ChallengeDecisionForm(request.POST or None),
        lambda d: services.challenge_decide(actor=request.user, challenge=challenge, **d),
        success_url=_manage_url(pk),
        message=_("기피 신청에 대한 결정을 기록했습니다."),
        title=_("기피 신청 결정: %(a)s → %(b)s")
        % {"a": challenge.filed_by.person.name, "b": challenge.against.person.name},
        back=_manage_url(pk),
        context={"intro": _("기피 사유: %(r)s") % {"r": challenge.reasons}},
    )
