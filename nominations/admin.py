from django.contrib import admin

from .models import AchievementReport, Attachment, DeadlineExtension, Dossier, Nominee, UnitMinutes


class NomineeInline(admin.TabularInline):
    model = Nominee
    extra = 0
    fields = ("kind", "official", "unit", "award_kind", "order")
    readonly_fields = fields
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the dossier pages and their services."""

    list_display = ("unit", "campaign", "state", "submitted_at", "version")
    list_filter = ("state", "campaign")
    inlines = [NomineeInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ("campaign", "unit", "new_deadline", "granted_by", "granted_at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


for model in (AchievementReport, Attachment, UnitMinutes):
    admin.site.register(model)
