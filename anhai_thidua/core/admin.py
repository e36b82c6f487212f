from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "content_type", "object_id", "from_state", "to_state"]
    list_filter = ["action", "content_type"]
    search_fields = ["actor_name", "note", "action"]
    list_select_related = ["content_type"]

    def has_change_permission(self, request, obj=None):
        return False  # the trail is append-only (and sealed: manage.py verify_audit)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
