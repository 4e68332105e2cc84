from django.contrib import admin

from appointments.models import Appointment, Certificate, SealImage
from seongdong_gov.admin import AuditedModelAdmin


@admin.register(SealImage)
class SealImageAdmin(AuditedModelAdmin):
    list_display = ["__str__", "is_active", "uploaded_at", "uploaded_by"]
    list_select_related = ["uploaded_by"]
    readonly_fields = ["uploaded_by", "uploaded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appointment)
class AppointmentAdmin(AuditedModelAdmin):
    """Read-only: appointments are recorded through the app's services (term check, audit entry)."""

    list_display = ["__str__", "recommended_by", "approval_number", "is_reappointment", "end_kind"]
    list_filter = ["membership__body", "end_kind", "is_reappointment"]
    list_select_related = ["membership__body", "membership__person"]
    # newest first on the primary key: the model's order (body, start, seat) sorts every row of the
    # district's 20,000 before the first page can be shown
    ordering = ["-pk"]
    raw_id_fields = ["membership", "replaces"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(AuditedModelAdmin):
    """Read-only: certificates are issued through the app's services and never deleted."""

    list_display = ["number", "appointment", "issued_on", "reissue_of"]
    list_select_related = ["appointment__membership__body", "appointment__membership__person", "reissue_of"]
    list_filter = ["year"]
    raw_id_fields = ["appointment", "reissue_of", "issued_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
