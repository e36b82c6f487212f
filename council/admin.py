"""Read-only admin views of meetings and polls: every write goes through the services (council/services/),
and the anonymous ballots are not listed at all."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Attendance, Meeting, Poll
from .tally import poll_verify


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttendanceInline(ReadOnlyMixin, admin.TabularInline):
    model = Attendance
    fields = ("member", "status", "note")
    readonly_fields = fields
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("held_at", "campaign", "place", "state", "secret_ballot", "closed_at")
    list_filter = ("state", "campaign")
    list_select_related = ("campaign",)
    inlines = [AttendanceInline]


@admin.register(Poll)
class PollAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("meeting", "award_kind", "secret", "members_total", "closed_at", "verified")
    list_select_related = ("meeting", "meeting__campaign")
    fields = ("meeting", "award_kind", "secret", "members_total", "opened_at", "closed_at", "result_hash")
    readonly_fields = fields

    @admin.display(description=_("khớp mã kiểm tra"), boolean=True)
    def verified(self, obj):
        return poll_verify(obj) if obj.closed_at else None
