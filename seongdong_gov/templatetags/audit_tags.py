"""`{% audit_link obj %}`: administrators get a link to the object's audit history; others get nothing."""

from __future__ import annotations

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

register = template.Library()


def audit_history_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    query = urlencode({"content_type__id__exact": content_type.pk, "object_id": str(obj.pk)})
    return f"{reverse('admin:seongdong_gov_auditentry_changelist')}?{query}"


@register.simple_tag(takes_context=True)
def audit_link(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or not getattr(user, "is_superuser", False):
        return ""
    return format_html(
        '<a class="btn btn-sm btn-outline-secondary d-print-none" href="{}">{}</a>',
        audit_history_url(obj),
        _("변경 이력"),
    )
