"""The home page lives with the roles it serves: it greets by primary role and shows the panels each app
registered in `seongdong_gov.dashboard` (so this module imports no other app)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from committees.permissions import roles_for
from seongdong_gov import dashboard


@login_required
def home(request):
    roles = roles_for(request.user)
    return render(
        request,
        "home.html",
        {"panels": dashboard.rendered_panels(request, roles), "primary_role": roles.primary},
    )
