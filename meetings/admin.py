from django.contrib import admin

from meetings import models
from seongdong_gov.admin import AuditedModelAdmin

for model in (
    models.MeetingSeries,
    models.Meeting,
    models.AgendaItem,
    models.Minutes,
    models.ConveningRequest,
):
    admin.site.register(model, AuditedModelAdmin)


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
