from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from seongdong_gov.admin_rows import GovChangeList
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.forms import ThrottledAdminAuthenticationForm
from seongdong_gov.mail import outbound_message_requeue
from seongdong_gov.models import AuditEntry, LoginAttempt, OutboundMessage


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited."""

    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    show_full_result_count = False  # the trail only grows: no second count over all of it
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__username"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    """Read-only evidence for the lockout and for security reviews."""

    list_display = ["at", "username", "ip", "outcome"]
    show_full_result_count = False
    list_filter = ["outcome"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in LoginAttempt._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.login_form = ThrottledAdminAuthenticationForm


class AuditedModelAdmin(admin.ModelAdmin):
    """Django admin edits go around the services, so they write the audit trail here: who, when, and the
    fields before and after, for the object and for the rows of its inlines.

    Subclasses name in `list_select_related` every relation their list columns (and `__str__`) follow,
    so a list page costs the same queries for 1 row as for 50 (tests/test_admin_lists.py). A filtered
    list says "n개 중 m개" without a second count over the whole table (`show_full_result_count`). The
    list's table is written by GovChangeList, the same HTML as Django's without its per-cell work."""

    list_per_page = 50
    show_full_result_count = False
    # the columns the list's rows read (QuerySet.only), where the rows and the relations they join are
    # wide (long texts, rule settings) and the list shows a few names: each column's field and what the
    # `__str__` of the row and of its related objects read. A field left out is read once a row, which
    # the constant-queries test of the list catches (tests/test_admin_lists.py).
    list_only: list[str] = []

    def get_changelist(self, request, **kwargs):
        return GovChangeList

    @staticmethod
    def _stored(obj):
        return snapshot(type(obj)._default_manager.get(pk=obj.pk)) if obj.pk else None

    def save_model(self, request, obj, form, change):
        before = self._stored(obj) if change else None
        super().save_model(request, obj, form, change)
        action = "admin_change" if change else "admin_add"
        audit_record(actor=request.user, action=action, obj=obj, before=before, after=snapshot(obj))

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action="admin_delete", obj=obj, before=snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action="admin_delete", obj=obj, before=snapshot(obj))
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        befores = {}
        for inline_form in formset.initial_forms:
            instance = inline_form.instance
            if instance.pk is None:
                continue
            if inline_form in formset.deleted_forms:
                audit_record(
                    actor=request.user, action="admin_delete", obj=instance, before=self._stored(instance)
                )
            elif inline_form.has_changed():
                befores[instance.pk] = self._stored(instance)
        super().save_formset(request, form, formset, change)
        for obj in getattr(formset, "new_objects", []):
            audit_record(actor=request.user, action="admin_add", obj=obj, after=snapshot(obj))
        for obj, _fields in getattr(formset, "changed_objects", []):
            audit_record(
                actor=request.user,
                action="admin_change",
                obj=obj,
                before=befores.get(obj.pk),
                after=snapshot(obj),
            )


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    """What was sent to whom, and what the server answered; messages are written only by the outbox."""

    list_display = ["created_at", "status", "kind", "to", "subject", "attempts", "last_error", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Resending changes no content, only the delivery state, so whoever may read the outbox may resend.
    @admin.action(description=_("선택한 메일 다시 보내기"), permissions=["view"])
    def resend(self, request, queryset):
        requeued = sum(outbound_message_requeue(message=m, actor=request.user) for m in queryset)
        self.message_user(request, _("메일 %(count)d건을 다시 보냅니다.") % {"count": requeued})
        if skipped := queryset.count() - requeued:
            self.message_user(
                request,
                _("보내는 중인 메일 %(count)d건은 건너뛰었습니다.") % {"count": skipped},
                level=messages.WARNING,
            )
