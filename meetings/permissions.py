"""Scoping: the one place that decides which meetings objects a user may reach and change.

One helper per object type, in the manner of healthchecks' `_get_check_for_user`, and one rule: an
object outside the user's reach answers 404 (its existence is not revealed); an object in reach that the
user's role may not change answers 403. A page for one role only (the staff calendar, the series
pages, meeting creation) answers 403 to other roles, as the README promises. Helpers take the request or
an already computed `Roles`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from committees.models import Body, CalendarException, Membership
from committees.permissions import Roles, bodies_managed_by, roles_for
from meetings import selectors
from meetings.models import (
    AgendaItem,
    Attachment,
    BallotBox,
    ConveningRequest,
    InterestDeclaration,
    Meeting,
    MeetingSeries,
    Minutes,
    RecusalChallenge,
    WrittenAnswer,
    WrittenResolution,
)


def roles_of(request_or_roles) -> Roles:
    if isinstance(request_or_roles, Roles):
        return request_or_roles
    return roles_for(request_or_roles.user)


def can_manage(roles: Roles, meeting: Meeting) -> bool:
    if roles.is_governance_staff:
        return True
    return any(b.pk in roles.secretary_body_ids for b in meeting.bodies.all())


def can_manage_series_at_all(roles: Roles) -> bool:
    return roles.is_governance_staff or roles.is_secretary


def can_create_meetings(roles: Roles) -> bool:
    return roles.is_governance_staff or roles.is_secretary


def can_use_calendar(roles: Roles) -> bool:
    return roles.is_governance_staff


def may_open_convening(roles: Roles) -> bool:
    """Members open convening requests; secretaries and staff only read them."""
    return bool(roles.member_body_ids)


def series_managed_body_ids(roles: Roles) -> frozenset[int] | None:
    """The bodies whose place in a series the user may change; None: all of them (staff)."""
    return None if roles.is_governance_staff else roles.secretary_body_ids


# --- pages for one role ------------------------------------------------------------------------------


def require_staff(request_or_roles) -> Roles:
    """The working-day calendar belongs to governance staff alone: 403 for everyone else."""
    roles = roles_of(request_or_roles)
    if not can_use_calendar(roles):
        raise PermissionDenied
    return roles


def bodies_for_new_meeting(request_or_roles) -> QuerySet[Body]:
    """The bodies the user may create meetings for (staff: all; a secretary: their own); 403 if none."""
    bodies = bodies_managed_by(roles_of(request_or_roles))
    if not bodies.exists():
        raise PermissionDenied
    return bodies


def require_series_manager(request_or_roles) -> Roles:
    roles = roles_of(request_or_roles)
    if not can_manage_series_at_all(roles):
        raise PermissionDenied
    return roles


def require_convening_access(request_or_roles) -> Roles:
    """소집 요구 is a page for the members, secretaries and staff of bodies."""
    roles = roles_of(request_or_roles)
    if not (roles.is_governance_staff or roles.member_body_ids or roles.secretary_body_ids):
        raise PermissionDenied
    return roles


def require_member(roles: Roles) -> None:
    """Only members open convening requests: others may read the page but not post to it."""
    if not may_open_convening(roles):
        raise PermissionDenied


# --- objects -------------------------------------------------------------------------------------------


def meeting_for_user(request_or_roles, pk: int, *, contents: bool = False) -> Meeting:
    """The meeting if the user sees it, else 404 (`contents`: with what it has, `visible_meeting`)."""
    roles = roles_of(request_or_roles)
    meeting = selectors.visible_meeting(roles, pk, contents=contents)
    if meeting is None:
        raise Http404
    return meeting


def meeting_for_manage(request_or_roles, pk: int) -> Meeting:
    roles = roles_of(request_or_roles)
    meeting = meeting_for_user(roles, pk)
    if not can_manage(roles, meeting):
        raise PermissionDenied
    return meeting


def item_for_manage(request_or_roles, pk: int, item_pk: int) -> AgendaItem:
    meeting = meeting_for_manage(request_or_roles, pk)
    item = AgendaItem.objects.filter(pk=item_pk, meeting=meeting).first()
    if item is None:
        raise Http404
    return item


def attachment_for_user(request_or_roles, pk: int) -> Attachment:
    """Files are never served by URL: only people who may see the meeting's agenda get them. A draft
    agenda's files are outside a member's reach, as the draft agenda is."""
    roles = roles_of(request_or_roles)
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    meeting = meeting_for_user(roles, attachment.meeting_id)
    if not (can_manage(roles, meeting) or meeting.agenda_published):
        raise Http404
    return attachment


def agenda_for_user(request_or_roles, pk: int) -> Meeting:
    """The meeting whose agenda papers (notice, agenda pack) the user may read: those who manage it
    always; members once the agenda is published. A draft agenda is outside a member's reach (404),
    as its files are."""
    roles = roles_of(request_or_roles)
    meeting = meeting_for_user(roles, pk)
    if not (can_manage(roles, meeting) or meeting.agenda_published):
        raise Http404
    return meeting


def minutes_for_user(request_or_roles, pk: int) -> tuple[Meeting, Minutes, bool]:
    """The meeting `pk`, its minutes and whether the user manages it. Draft minutes are outside a
    member's reach (404), as they are absent from the meeting page."""
    roles = roles_of(request_or_roles)
    meeting = meeting_for_user(roles, pk)
    manage = can_manage(roles, meeting)
    minutes = selectors.minutes_of(meeting)
    if minutes is None or (not manage and minutes.status == Minutes.Status.DRAFT):
        raise Http404
    return meeting, minutes, manage


def minutes_for_manage(request_or_roles, pk: int) -> Minutes:
    meeting = meeting_for_manage(request_or_roles, pk)
    minutes = Minutes.objects.filter(meeting=meeting).select_related("meeting").first()
    if minutes is None:
        raise Http404
    return minutes


def written_for_member(
    request_or_roles, pk: int
) -> tuple[WrittenResolution, Membership, WrittenAnswer | None]:
    """The resolution, the user's answering membership and answer. A resolution on a meeting the user
    sees but may not answer (recused, or staff) is 403; any other is 404."""
    roles = roles_of(request_or_roles)
    for r, own, answer in selectors.my_written_resolutions(roles, pk=pk):
        return r, own, answer
    resolution = WrittenResolution.objects.filter(pk=pk).values_list("item__meeting_id", flat=True).first()
    if resolution is None:
        raise Http404
    meeting_for_user(roles, resolution)
    raise PermissionDenied


def box_for_member(request_or_roles, pk: int) -> tuple[BallotBox, Membership]:
    """A ballot box and the user's voting membership (in office on the meeting date in one of its
    bodies). A box on a meeting the user sees but where they are no member (secretary, staff) is 403;
    any other is 404, a member of another body included."""
    roles = roles_of(request_or_roles)
    box = BallotBox.objects.select_related("item__meeting").filter(pk=pk).first()
    if box is None:
        raise Http404
    meeting = meeting_for_user(roles, box.item.meeting_id)
    box.item.meeting = meeting  # with its bodies prefetched
    membership = selectors.member_for_box(roles, box)
    if membership is None:
        raise PermissionDenied
    return box, membership


def box_for_manage(request_or_roles, pk: int) -> BallotBox:
    box = BallotBox.objects.select_related("item").filter(pk=pk).first()
    if box is None:
        raise Http404
    box.item.meeting = meeting_for_manage(request_or_roles, box.item.meeting_id)
    return box


def written_for_manage(request_or_roles, pk: int) -> WrittenResolution:
    resolution = WrittenResolution.objects.select_related("item__meeting").filter(pk=pk).first()
    if resolution is None:
        raise Http404
    meeting_for_manage(request_or_roles, resolution.item.meeting_id)
    return resolution


def convening_request_for_user(request_or_roles, pk: int) -> tuple[ConveningRequest, Membership]:
    """A request to sign, with the user's membership in office in its body. A request the user sees
    (secretary, staff) but cannot sign is 403; one of another body is 404."""
    roles = roles_of(request_or_roles)
    visible = roles.body_ids
    qs = ConveningRequest.objects.select_related("body").filter(pk=pk)
    request = qs.first() if roles.is_governance_staff else qs.filter(body_id__in=visible).first()
    if request is None:
        raise Http404
    membership = selectors.own_membership(roles, request.body_id, timezone.localdate())
    if membership is None:
        raise PermissionDenied
    return request, membership


def series_for_manage(request_or_roles, pk: int) -> MeetingSeries:
    """Series are reached only by those who manage them (staff; secretaries of a series' body)."""
    roles = roles_of(request_or_roles)
    series = selectors.with_bodies_and_hosts(selectors.managed_series(roles)).filter(pk=pk).first()
    if series is None:
        raise Http404
    return series


def calendar_exception_for_staff(request_or_roles, pk: int) -> CalendarException:
    require_staff(request_or_roles)
    exception = CalendarException.objects.filter(pk=pk).first()
    if exception is None:
        raise Http404
    return exception


# --- 이해충돌 ------------------------------------------------------------------------------------------


def interests_for_member(request_or_roles, pk: int) -> tuple[Meeting, Membership]:
    """The meeting whose items the user declares on, with their membership among its 재적위원. A meeting
    outside the user's reach, or whose agenda is still a draft, is 404; one the user sees but where they
    hold no seat (the secretary, staff) is 403."""
    roles = roles_of(request_or_roles)
    meeting = meeting_for_user(roles, pk)
    if not meeting.agenda_published:
        raise Http404
    membership = selectors.meeting_membership(roles, meeting)
    if membership is None:
        raise PermissionDenied
    return meeting, membership


def item_for_member(request_or_roles, pk: int, item_pk: int) -> tuple[AgendaItem, Membership]:
    meeting, membership = interests_for_member(request_or_roles, pk)
    item = (
        AgendaItem.objects.filter(pk=item_pk, meeting=meeting)
        .exclude(kind__in=selectors.NO_DECLARATION_KINDS)
        .first()
    )
    if item is None:
        raise Http404
    item.meeting = meeting  # with its bodies already read, which the member pickers use
    return item, membership


def declaration_for_manage(request_or_roles, pk: int, declaration_pk: int) -> InterestDeclaration:
    """A declaration on a meeting the user manages; another meeting's is 404."""
    meeting = meeting_for_manage(request_or_roles, pk)
    declaration = (
        InterestDeclaration.objects.filter(pk=declaration_pk, item__meeting=meeting)
        .select_related("item__meeting", "membership__person")
        .first()
    )
    if declaration is None:
        raise Http404
    return declaration


def challenge_for_manage(request_or_roles, pk: int, challenge_pk: int) -> RecusalChallenge:
    meeting = meeting_for_manage(request_or_roles, pk)
    challenge = (
        RecusalChallenge.objects.filter(pk=challenge_pk, item__meeting=meeting)
        .select_related("item__meeting", "filed_by__person", "against__person")
        .first()
    )
    if challenge is None:
        raise Http404
    return challenge
