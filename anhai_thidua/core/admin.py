from django.contrib import admin

from .models import AuditEntry, FileJob


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


@admin.register(FileJob)
class FileJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "state", "progress", "owner", "created_at", "finished_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["owner"]

    def has_change_permission(self, request, obj=None):
        return False  # made by the worker only

    def has_add_permission(self, request):
        return False
