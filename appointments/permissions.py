"""Who may see which certificate. Administrators print every certificate; a member downloads only
their own; everyone else gets a 404 (the certificate's existence is not confirmed)."""

from __future__ import annotations

from django.http import Http404

from appointments.models import Certificate
from committees.permissions import Roles


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
