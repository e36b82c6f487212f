from django.contrib import admin

from .models import (
    Announcement,
    Criterion,
    Registration,
    RegistrationCommitment,
    ReportingPeriod,
    Target,
    TargetResult,
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["number", "campaign", "order"]
    list_filter = ["campaign"]
    inlines = [TargetInline]


# Figures and registrations change only through the services (deadlines, locking, audit): read-only here.
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommitmentInline(admin.TabularInline):
    model = RegistrationCommitment
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["unit", "campaign", "registered_at", "registered_by"]
    list_filter = ["campaign"]
    inlines = [CommitmentInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ["name", "campaign", "start", "end", "due_date"]
    list_filter = ["campaign"]


@admin.register(TargetResult)
class TargetResultAdmin(ReadOnlyAdmin):
    list_display = ["unit", "target", "period", "numerator", "denominator", "status"]
    list_filter = ["period__campaign", "status"]
    list_select_related = ["unit", "target", "period"]


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyAdmin):
    list_display = ["title", "campaign", "published_at", "author"]
    list_filter = ["campaign"]
