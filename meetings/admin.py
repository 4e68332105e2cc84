from django.contrib import admin

from meetings import models
from seongdong_gov.admin import AuditedModelAdmin

for model in (models.MeetingSeries, models.AgendaItem):
    admin.site.register(model, AuditedModelAdmin)


@admin.register(models.Meeting)
class MeetingAdmin(AuditedModelAdmin):
    list_display = ["title", "starts_at", "status", "host_body"]
    list_select_related = ["host_body"]
    list_only = ["title", "starts_at", "status", "host_body__name"]  # `__str__`: title and day
    list_filter = ["status"]
    search_fields = ["title"]
    # no date_hierarchy: its year links read every meeting's date on each view (the meeting list and
    # the calendar browse by date)
    # current_item: one of ~250,000 agenda items, never a <select> of them all
    raw_id_fields = ["series", "host_body", "current_item"]
    # ~25,000 meetings a decade: the bodies as a filtered pair of lists rather than one long <select>
    filter_horizontal = ["bodies"]


@admin.register(models.Minutes)
class MinutesAdmin(AuditedModelAdmin):
    list_display = ["meeting", "status"]
    list_select_related = ["meeting"]
    raw_id_fields = ["meeting"]


@admin.register(models.ConveningRequest)
class ConveningRequestAdmin(AuditedModelAdmin):
    list_display = ["__str__", "created_at"]
    list_select_related = ["body"]


@admin.register(models.Attendance)
class AttendanceAdmin(AuditedModelAdmin):
    """Read-only: attendance is recorded through meetings.services (quorum, the frozen record)."""

    list_display = ["meeting", "membership", "status"]
    list_select_related = ["meeting", "membership__body", "membership__person"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AllowanceBandInline(admin.TabularInline):
    model = models.AllowanceBand
    extra = 0


@admin.register(models.AllowanceRule)
class AllowanceRuleAdmin(AuditedModelAdmin):
    """Each body's allowance is data the administrator keeps (issue 16 §2)."""

    list_display = ["body", "per_attendance", "per_written_answer", "travel_expenses", "exclude_ex_officio"]
    inlines = [AllowanceBandInline]


@admin.register(models.PaymentList)
class PaymentListAdmin(admin.ModelAdmin):
    """Read-only: payment lists change only through meetings.services.allowances."""

    list_display = ["meeting", "status", "paid_on", "confirmed_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
