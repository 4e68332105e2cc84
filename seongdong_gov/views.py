from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.module_loading import import_string

from committees.permissions import roles_for

# Each app contributes panels to the home page through a `dashboard.panels(request, roles)` function
# returning a list of (template name, context) pairs, so the home page knows no app's internals.
DASHBOARD_PROVIDERS = [
    "committees.dashboard.panels",
    "meetings.dashboard.panels",
    "reports.dashboard.panels",
    "appointments.dashboard.panels",
]


@login_required
def home(request):
    roles = roles_for(request.user)
    panels = []
    for dotted in DASHBOARD_PROVIDERS:
        panels.extend(import_string(dotted)(request, roles))
    return render(request, "home.html", {"panels": panels, "primary_role": roles.primary})
