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


class PostHoldingInline(admin.TabularInline):
    model = PostHolding
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["reporting_officers"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "unit"]
    search_fields = ["name"]
    inlines = [PostHoldingInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "gender", "affiliation", "title"]
    search_fields = ["name", "affiliation"]


class SeatGroupInline(admin.TabularInline):
    model = SeatGroup
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "is_active"]
    inlines = [SeatGroupInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "start", "end"]
    list_filter = ["body", "role"]
    search_fields = ["person__name"]


admin.site.register(Seat)
admin.site.register(CalendarException)
