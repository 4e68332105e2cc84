"""`roles` in every template: the user's roles decide menus and panels (committees owns the roles)."""

from committees.permissions import roles_for


def roles(request):
    return {"roles": roles_for(request.user)} if hasattr(request, "user") else {}
