from django.contrib import admin

from committees.models import (
    Body,
    CalendarException,
    Membership,
    OrgUnit,
    Person,
    Post,
    PostHolding,
    Seat,
    SeatGroup,
)
from seongdong_gov.admin import AuditedModelAdmin


class PostHoldingInline(admin.TabularInline):
    model = PostHolding
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["reporting_officers"]


@admin.register(Post)
class PostAdmin(AuditedModelAdmin):
    list_display = ["name", "unit"]
    search_fields = ["name"]
    inlines = [PostHoldingInline]


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ["name", "gender", "affiliation", "title"]
    search_fields = ["name", "affiliation"]


class SeatGroupInline(admin.TabularInline):
    model = SeatGroup
    extra = 0


@admin.register(Body)
class BodyAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "parent", "is_active"]
    inlines = [SeatGroupInline]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["person", "body", "role", "start", "end"]
    list_filter = ["body", "role"]
    search_fields = ["person__name"]


admin.site.register(Seat, AuditedModelAdmin)
admin.site.register(CalendarException, AuditedModelAdmin)
