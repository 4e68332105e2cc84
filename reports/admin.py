from django.contrib import admin

from reports.models import Indicator, ReminderLog, Report, ReportEvent, ReportingField, ReportingObligation
from seongdong_gov.admin import AuditedModelAdmin


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(ReportingField)
class ReportingFieldAdmin(AuditedModelAdmin):
    list_display = ["name", "lead_department", "lead_team", "roll_forward"]
    list_select_related = ["lead_department"]
    inlines = [IndicatorInline]


@admin.register(ReportingObligation)
class ReportingObligationAdmin(AuditedModelAdmin):
    list_display = ["unit", "field"]
    list_select_related = ["unit", "field"]
    list_filter = ["field"]


@admin.register(Report)
class ReportAdmin(AuditedModelAdmin):
    """Read-only: reports change only through the services (and their audit trail)."""

    list_display = ["unit", "field", "month", "state", "submitted_at"]
    list_select_related = ["unit", "field"]
    list_filter = ["field", "state", "month"]
    # the model's order (month, then the unit's and the field's order) is read month by month from the
    # month index (reports/migrations/0004), units and fields joined for the page's rows only
    # none of a report's three texts (each up to TEXT_MAX); `__str__` reads unit, field and month
    list_only = ["month", "state", "submitted_at", "unit__name", "field__name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ReportEvent)
class ReportEventAdmin(AuditedModelAdmin):
    list_display = ["__str__", "at", "actor"]
    list_select_related = ["report__unit", "report__field", "actor"]
    raw_id_fields = ["report"]


@admin.register(ReminderLog)
class ReminderLogAdmin(AuditedModelAdmin):
    list_select_related = ["unit", "field"]
