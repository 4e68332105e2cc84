"""View guards shared by every app."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from committees.permissions import roles_for


def staff_required(view):
    """Governance staff (운영 담당) and administrators only; others get 403 (no object is named)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles_for(request.user).is_governance_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles_for(request.user).is_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
