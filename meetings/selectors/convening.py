"""Reads for convening requests (소집 요구): the requests a user sees, the user's membership, who is told."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from committees.models import Body, Membership
from committees.permissions import Roles
from committees.selectors import current_q
from meetings.models import ConveningRequest, ConveningSignature


def convening_requests(roles: Roles) -> list[ConveningRequest]:
    """Convening requests (with their history of signatures) of the bodies the user belongs to or
    manages; all of them for governance staff. Two queries."""
    qs = ConveningRequest.objects.select_related("body").prefetch_related(
        Prefetch(
            "signatures",
            queryset=ConveningSignature.objects.select_related("membership__person").order_by("signed_at"),
        )
    )
    if not roles.is_governance_staff:
        qs = qs.filter(body_id__in=roles.body_ids)
    return list(qs.order_by("-created_at"))


def signed_request_ids(roles: Roles, requests: list[ConveningRequest]) -> set[int]:
    """The requests among `requests` the user has signed (their signatures are prefetched)."""
    if not roles.person_id:
        return set()
    return {r.pk for r in requests for s in r.signatures.all() if s.membership.person_id == roles.person_id}


def member_bodies(roles: Roles):
    return Body.objects.filter(pk__in=roles.member_body_ids).order_by("order", "name")


def own_membership(roles: Roles, body_id: int, on: dt.date) -> Membership | None:
    """The user's membership in office in the body, if any."""
    if roles.person_id is None:
        return None
    return (
        Membership.objects.filter(person_id=roles.person_id, body_id=body_id)
        .filter(current_q(on))
        .select_related("body", "person")
        .first()
    )


def enrolled_in(body: Body, on: dt.date) -> int:
    return Membership.objects.filter(body=body).filter(current_q(on)).count()
