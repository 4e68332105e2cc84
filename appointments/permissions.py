"""Who may see which certificate. Administrators print every certificate; a member downloads only
their own; everyone else gets a 404 (the certificate's existence is not confirmed).
Appointment records are kept by governance staff and by the secretary of the body concerned."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from appointments.models import Appointment, Certificate
from committees.models import Body, Membership, SeatGroup
from committees.permissions import Roles, body_for_manage, roles_for


def certificate_for_download_or_404(roles: Roles, pk: int) -> Certificate:
    qs = Certificate.objects.select_related(
        "appointment__membership__person", "appointment__membership__body"
    )
    if not roles.is_admin:
        if not roles.person_id:
            raise Http404
        qs = qs.filter(appointment__membership__person_id=roles.person_id)
    cert = qs.filter(pk=pk).first()
    if cert is None:
        raise Http404
    return cert


def body_for_appointments_or_404(roles: Roles, pk: int) -> Body:
    """A body whose appointments the user records: governance staff, or the body's secretary."""
    return body_for_manage(roles, pk)


def membership_for_record_or_404(roles: Roles, pk: int) -> Membership:
    """An appointed membership of a body the user manages, not yet recorded as an appointment."""
    membership = (
        Membership.objects.select_related("body", "person", "seat__group")
        .filter(pk=pk, seat__group__kind=SeatGroup.Kind.APPOINTED, appointment__isnull=True)
        .first()
    )
    if membership is None or not roles.can_manage_body(membership.body_id):
        raise Http404
    return membership


def appointment_for_manage_or_404(roles: Roles, pk: int) -> Appointment:
    appointment = (
        Appointment.objects.select_related(
            "membership__body",
            "membership__person",
            "membership__seat__group",
            "replaces__membership__person",
        )
        .filter(pk=pk)
        .first()
    )
    if appointment is None or not roles.can_manage_body(appointment.membership.body_id):
        raise Http404
    return appointment


def record_keeper_required(view):
    """Appointment records are kept by governance staff and secretaries; anyone else signed in gets a
    403 (the page lists no single object whose existence a 404 would hide)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        roles = roles_for(request.user)
        if not roles.is_governance_staff and not roles.is_secretary:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
