from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .forms import UnitForm
from .models import Council, CouncilMembership, Official, OrganisationImport, RoleAssignment, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    form = UnitForm
    list_display = ["name", "short_name", "document_code", "kind", "parent", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code", "document_code"]
    list_select_related = ["parent"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["full_name", "gender", "position", "unit", "email", "is_active"]
    list_filter = ["unit", "gender", "is_active"]
    search_fields = ["full_name", "search_key", "email", "code"]
    list_select_related = ["unit"]
    ordering = ["sort_key"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Cán bộ", {"fields": ["official"]}))
    list_display = ["username", "display_name", "email", "is_active", "is_staff"]
    list_select_related = ["official"]
    autocomplete_fields = ["official"]
    inlines = [RoleInline]


class MembershipInline(admin.TabularInline):
    model = CouncilMembership
    extra = 1
    autocomplete_fields = ["official"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "term", "starts_on", "ends_on"]
    inlines = [MembershipInline]


@admin.register(OrganisationImport)
class OrganisationImportAdmin(admin.ModelAdmin):
    """Read-only history of .xlsx imports; uploading and confirming happen on the import page."""

    list_display = ["original_name", "uploaded_by", "status", "created_at", "applied_at"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by", "uploaded_by__official"]
    readonly_fields = [f.name for f in OrganisationImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
