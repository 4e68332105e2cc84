"""Electronic votes (전자 투표): the secretary opens, closes or voids a ballot box; members vote on their own
devices. A secret ballot's receipt is handed to the voter's device in a signed cookie, never stored on
the server, so only that device can change the ballot before the close."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors, services
from meetings.forms import BallotBoxCloseForm, BallotBoxOpenForm, BallotForm
from meetings.views._common import post_action
from seongdong_gov.forms import form_view

RECEIPT_SALT = "meetings.evote.receipt"
RECEIPT_MAX_AGE = 60 * 60 * 24  # a box is open for a sitting, never longer than a day


def receipt_cookie(box_pk: int) -> str:
    return f"evote_{box_pk}"


def _manage_page(meeting, *, open_form=None, close_form=None) -> dict:
    now = timezone.now()
    return {
        "meeting": meeting,
        "open_form": open_form or BallotBoxOpenForm(meeting=meeting),
        "close_form": close_form or BallotBoxCloseForm(),
        "open_boxes": selectors.open_boxes(meeting, now),
        "boxes": selectors.boxes_of(meeting),
    }


@login_required
@require_http_methods(["GET", "POST"])
def evote_manage(request, pk: int):
    """The secretary's page: open a box; for each open one, "n명 투표 / 투표 가능 m명" (never how) with
    close and void; the boxes closed or voided before."""
    meeting = permissions.meeting_for_manage(request, pk)
    form = BallotBoxOpenForm(request.POST or None, meeting=meeting)
    return form_view(
        request,
        form,
        lambda d: services.ballot_box_open(actor=request.user, item=d["item"], method=d["method"]),
        success_url=reverse("meetings:evote", args=[meeting.pk]),
        message=lambda box: (
            _("%(i)s 전자 투표(%(m)s)를 열었습니다. 출석한 위원이 자기 기기에서 투표합니다.")
            % {"i": box.item.title, "m": box.get_method_display()}
        ),
        title=_("전자 투표"),
        template="meetings/evote_manage.html",
        context=_manage_page(meeting, open_form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def evote_close(request, pk: int):
    """Close box `pk` (POST); a refusal, or a GET, shows the secretary's page with the reason."""
    box = permissions.box_for_manage(request, pk)
    meeting = box.item.meeting
    form = BallotBoxCloseForm(request.POST)
    return form_view(
        request,
        form,
        lambda d: services.ballot_box_close(actor=request.user, box=box, chair_casting=d["chair_casting"]),
        success_url=meeting,
        message=lambda vote: (
            _("%(i)s 전자 투표를 마감했습니다. 결과: %(r)s") % {"i": box.item.title, "r": vote.outcome_label}
        ),
        title=_("전자 투표"),
        template="meetings/evote_manage.html",
        context=_manage_page(meeting, close_form=form),
    )


@login_required
@require_POST
def evote_void(request, pk: int):
    box = permissions.box_for_manage(request, pk)
    return post_action(
        request,
        lambda: services.ballot_box_void(actor=request.user, box=box),
        redirect_to=reverse("meetings:evote", args=[box.item.meeting_id]),
        message=_("전자 투표를 무효로 했습니다. 기록된 표결은 없습니다. 필요하면 다시 여세요."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request, pk: int):
    """A member's vote: a radio group of 찬성·반대·기권, changeable until the close. For a secret box only
    "voted" is shown, and the ballot can be changed only from the device holding its receipt."""
    box, membership = permissions.box_for_member(request, pk)
    receipt = request.get_signed_cookie(receipt_cookie(box.pk), default=None, salt=RECEIPT_SALT)
    mine = selectors.my_ballot(box, membership, receipt)
    form = BallotForm(request.POST or None, initial={"choice": mine.choice})
    cast = {}

    def save(d):
        cast["result"] = services.ballot_cast(
            actor=request.user, box=box, membership=membership, choice=d["choice"], receipt=receipt
        )
        return cast["result"]

    response = form_view(
        request,
        form,
        save,
        success_url=reverse("meetings:ballot", args=[box.pk]),
        message=_("투표했습니다 — 마감 전까지 바꿀 수 있습니다."),
        title=_("전자 투표"),
        template="meetings/ballot.html",
        context={
            "box": box,
            "item": box.item,
            "meeting": box.item.meeting,
            "mine": mine,
            "refusal": box.is_open
            and selectors.cast_refusal(box=box, membership=membership, now=timezone.now()),
        },
    )
    new_receipt = cast.get("result") and cast["result"].receipt
    if new_receipt:
        response.set_signed_cookie(
            receipt_cookie(box.pk),
            new_receipt,
            salt=RECEIPT_SALT,
            max_age=RECEIPT_MAX_AGE,
            path=reverse("meetings:ballot", args=[box.pk]),
            secure=request.is_secure(),
            httponly=True,
            samesite="Strict",
        )
    return response
