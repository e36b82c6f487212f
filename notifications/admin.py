from django.contrib import admin

from .models import Notification, OutboundEmail, Reminder, ReminderSettings


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "created_at", "read_at"]
    list_select_related = ["recipient", "recipient__official"]
    search_fields = ["subject", "recipient__username"]
    raw_id_fields = ["recipient"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    raw_id_fields = ["recipient", "notification"]
    readonly_fields = ["claimed_at", "sent_at", "attempts", "last_error"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "campaign", "recipient", "unit", "deadline", "offset", "stage", "sent_at"]
    list_filter = ["kind", "stage"]
    list_select_related = ["campaign", "recipient", "recipient__official", "unit"]
    raw_id_fields = ["recipient", "notification"]

    def has_change_permission(self, request, obj=None):
        return False  # a sent reminder is a fact


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["campaign", "offsets", "after_days", "escalate", "enabled"]
    list_select_related = ["campaign"]
