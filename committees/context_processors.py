"""`roles` in every template: the user's roles decide menus and panels (committees owns the roles); and the
header's unread-notifications count, computed only when a page renders it."""

from committees.permissions import roles_for
from committees.selectors import messages_for_user_q
from seongdong_gov.models import OutboundMessage


def roles(request):
    if not hasattr(request, "user"):
        return {}
    user_roles = roles_for(request.user)
    if not user_roles.is_authenticated:
        return {"roles": user_roles}

    def unread() -> int:
        # a callable: templates call it, so pages that do not show the header pay no query
        return OutboundMessage.objects.filter(
            messages_for_user_q(request.user, user_roles.person_id), read_at__isnull=True
        ).count()

    return {"roles": user_roles, "unread_notifications": unread}
