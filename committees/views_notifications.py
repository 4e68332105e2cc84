"""Notifications in the product: each user's received messages and settings, and staff's outbox page.
They live in committees because the core's outbox knows no roles; committees owns the roles."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from committees import selectors, services
from committees.decorators import staff_required
from committees.enums import MANDATORY_NOTIFICATIONS
from committees.markup import outbox_rows_html
from committees.models import NotificationPreference, Person
from committees.notifications import UNREACHABLE_ACTION
from committees.permissions import roles_for
from seongdong_gov.forms import form_view
from seongdong_gov.mail import outbound_message_requeue
from seongdong_gov.models import AuditEntry, OutboundMessage

RECENT = 50


@login_required
def notification_list(request):
    """The last messages sent to this user; opening the page marks them read (the header's count)."""
    roles = roles_for(request.user)
    received = list(
        OutboundMessage.objects.filter(selectors.messages_for_user_q(request.user, roles.person_id))
        .only("subject", "kind", "status", "created_at", "sent_at", "read_at", "text")
        .order_by("-created_at", "-id")[:RECENT]
    )
    services.notifications_mark_read(user=request.user, person_id=roles.person_id)
    return render(
        request,
        "committees/notifications.html",
        {"received": received, "has_person": roles.person_id is not None},
    )


class PreferencesForm(forms.Form):
    """One checkbox per optional kind; legal notices are listed apart as always sent."""

    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationPreference.Kind.choices:
            if kind in MANDATORY_NOTIFICATIONS:
                continue
            self.fields[kind] = forms.BooleanField(label=label, required=False, initial=current[kind])


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """The person's own choices (the List-Unsubscribe link of optional mails points here)."""
    roles = roles_for(request.user)
    if roles.person_id is None:
        return render(request, "committees/notification_settings_none.html")
    person = get_object_or_404(Person, pk=roles.person_id)
    form = PreferencesForm(request.POST or None, current=selectors.notification_preferences(person.pk))
    mandatory = [
        label for kind, label in NotificationPreference.Kind.choices if kind in MANDATORY_NOTIFICATIONS
    ]
    return form_view(
        request,
        form,
        lambda d: services.notification_preferences_set(actor=request.user, person=person, enabled=d),
        success_url=request.path,
        message=_("알림 설정을 저장했습니다."),
        title=_("알림 설정"),
        back=None,
        context={
            "intro": _("다음 법정 통지는 끌 수 없습니다: %(kinds)s")
            % {"kinds": ", ".join(map(str, mandatory))}
        },
    )


@staff_required
def outbox(request):
    """Every message with its status and the server's last answer, a resend button, and the recent sends
    that could not reach someone (no address)."""
    status = request.GET.get("status", "")
    rows = OutboundMessage.objects.order_by("-created_at", "-id").only(
        "to",
        "kind",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "next_attempt_at",
    )
    if status in OutboundMessage.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    unreachable = AuditEntry.objects.filter(action=UNREACHABLE_ACTION).order_by("-at")[:20]
    return render(
        request,
        "committees/outbox.html",
        {
            "page": page,
            "rows_html": outbox_rows_html(page, csrf_token=get_token(request)),
            "status": status,
            "statuses": OutboundMessage.Status.choices,
            "unreachable": unreachable,
        },
    )


@staff_required
@require_POST
def outbox_resend(request, pk: int):
    message = get_object_or_404(OutboundMessage, pk=pk)
    if outbound_message_requeue(message=message, actor=request.user):
        messages.success(request, _("다시 보내도록 대기열에 넣었습니다: %(to)s") % {"to": message.to})
    else:
        messages.error(request, _("지금 보내는 중인 메일입니다. 잠시 뒤에 확인하세요."))
    return redirect("committees:outbox")
