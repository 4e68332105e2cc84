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
    list_select_related = ["parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["reporting_officers"]


@admin.register(Post)
class PostAdmin(AuditedModelAdmin):
    list_display = ["name", "unit"]
    list_select_related = ["unit"]
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
    list_select_related = ["parent"]
    search_fields = ["name"]
    inlines = [SeatGroupInline]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["person", "body", "role", "start", "end"]
    list_select_related = ["person", "body"]
    list_only = ["role", "start", "end", "person__name", "body__name"]  # `__str__`: body and person
    # by the kind of body, not a link to each of the district's 200 bodies on every page (a fifth of the
    # page's time); one body's members: search its name, or its page in the app
    list_filter = ["body__kind", "role"]
    ordering = ["-pk"]  # newest first: the model's order (body, seat group, seat) sorts every row first
    search_fields = ["person__name", "body__name"]
    # thousands of persons and seats: a search box instead of a <select> of every row
    autocomplete_fields = ["person", "body"]
    raw_id_fields = ["seat", "post_holding"]


@admin.register(Seat)
class SeatAdmin(AuditedModelAdmin):
    list_display = ["__str__", "group"]
    list_select_related = ["group__body"]
    # `__str__`: the group's label and the number; the group's: its body and label
    list_only = ["number", "group__label", "group__body__name"]
    # by group (its id) and number, which the unique (group, number) index reads in order: the model's
    # order follows the group to its body (order, name) and sorted every seat of the district joined to
    # both before the first page could be shown. The groups are created body by body, so the pages read
    # alike; the group column still sorts by the bodies' order.
    ordering = ["group_id", "number"]
    raw_id_fields = ["group"]


admin.site.register(CalendarException, AuditedModelAdmin)
