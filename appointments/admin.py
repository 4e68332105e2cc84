from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from appointments.models import Appointment, Certificate, CertificateCounter, SealImage
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
    # by the kind of body, not a link to each of the district's 200 bodies; one body: search its name
    list_filter = ["membership__body__kind", "end_kind", "is_reappointment"]
    search_fields = ["membership__person__name", "membership__body__name"]
    list_select_related = ["membership__body", "membership__person"]
    # `__str__`: the membership's body, person and start
    list_only = [
        "recommended_by",
        "approval_number",
        "is_reappointment",
        "end_kind",
        "membership__start",
        "membership__body__name",
        "membership__person__name",
    ]
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


class CertificateYearFilter(admin.SimpleListFilter):
    """The register's years from its numbering counter (one row a year that issued a number), not a
    DISTINCT over every certificate of the district (3 ms at 20,000 on each list page)."""

    title = _("연도")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CertificateCounter.objects.order_by("year").values_list("year", flat=True)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        # a year of the register (four digits); anything else lists every year
        return queryset.filter(year=int(value)) if value and value.isdigit() and len(value) <= 4 else queryset


@admin.register(Certificate)
class CertificateAdmin(AuditedModelAdmin):
    """Read-only: certificates are issued through the app's services and never deleted."""

    list_display = ["number", "appointment", "issued_on", "reissue_of"]
    list_select_related = ["appointment__membership__body", "appointment__membership__person", "reissue_of"]
    list_only = [
        "number",
        "issued_on",
        "appointment__membership__start",
        "appointment__membership__body__name",
        "appointment__membership__person__name",
        "reissue_of__number",
    ]
    list_filter = [CertificateYearFilter]
    raw_id_fields = ["appointment", "reissue_of", "issued_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
