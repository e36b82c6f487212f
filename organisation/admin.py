from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group

from anhai_thidua.core.audit import audit_record

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


def _access_of_user(user: User) -> dict[str, str]:
    """What a user may do, as text, to compare before and after an admin's change."""
    if not user.pk:
        return {}
    return {
        "is_active": str(user.is_active),
        "is_staff": str(user.is_staff),
        "is_superuser": str(user.is_superuser),
        "must_change_password": str(user.must_change_password),
        "roles": ", ".join(sorted(str(r) for r in user.role_assignments.select_related("unit"))),
        "groups": ", ".join(sorted(user.groups.values_list("name", flat=True))),
        "permissions": ", ".join(
            sorted(
                f"{app}.{code}"
                for app, code in user.user_permissions.values_list("content_type__app_label", "codename")
            )
        ),
    }


def _diff(before: dict[str, str], after: dict[str, str]) -> str:
    return "\n".join(
        f"{key}: {before.get(key, '—') or '—'} → {after[key] or '—'}"
        for key in after
        if before.get(key) != after[key]
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users, their roles, groups and permissions. Every change of what a user may do is audited."""

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Cán bộ", {"fields": ["official"]}),
        ("Bảo mật", {"fields": ["must_change_password"]}),
    )
    list_display = ["username", "display_name", "email", "is_active", "is_staff", "must_change_password"]
    list_select_related = ["official"]
    autocomplete_fields = ["official"]
    inlines = [RoleInline]

    def save_model(self, request, obj, form, change):
        request._access_before = _access_of_user(User.objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        changes = _diff(getattr(request, "_access_before", {}), _access_of_user(user))
        if changes:
            audit_record(actor=request.user, action="admin_access_change", target=user, note=changes)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Groups; a change of a group's permissions is audited."""

    def save_related(self, request, form, formsets, change):
        before = (
            set(Group.objects.get(pk=form.instance.pk).permissions.values_list("codename", flat=True))
            if change
            else set()
        )
        super().save_related(request, form, formsets, change)
        after = set(form.instance.permissions.values_list("codename", flat=True))
        if before != after:
            added, removed = sorted(after - before), sorted(before - after)
            audit_record(
                actor=request.user,
                action="admin_group_change",
                target=form.instance,
                note=f"Nhóm {form.instance.name}: thêm quyền {', '.join(added) or '—'}; "
                f"bỏ quyền {', '.join(removed) or '—'}",
            )


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
