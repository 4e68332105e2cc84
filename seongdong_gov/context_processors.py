from committees.permissions import roles_for


def roles(request):
    return {"roles": roles_for(request.user)} if hasattr(request, "user") else {}
