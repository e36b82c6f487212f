"""Read-only admin: decisions change only through awards.services (issuing locks them)."""

from django.contrib import admin

from .models import Award, Decision, DocumentRegister


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AwardInline(admin.TabularInline):
    model = Award
    fields = ["order", "name", "kind", "unit_name", "amount", "register_number"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["__str__", "campaign", "status", "decision_date", "signer_name"]
    list_filter = ["status"]
    inlines = [AwardInline]


@admin.register(DocumentRegister)
class DocumentRegisterAdmin(ReadOnly):
    list_display = ["symbol", "year", "last_number"]


# ---- Digitally signed decisions (awards/signing): read-only, the uploads go through the signing page ----------

from .models import DecisionSignatureUpload, SignedDecision  # noqa: E402


@admin.register(SignedDecision)
class SignedDecisionAdmin(ReadOnly):
    list_display = ("decision", "kind", "signer_name", "signed_at", "agency_status")
    list_filter = ("kind", "agency_status")
    list_select_related = ("decision",)


@admin.register(DecisionSignatureUpload)
class DecisionSignatureUploadAdmin(ReadOnly):
    list_display = ("decision", "kind", "original_name", "uploaded_by", "uploaded_at", "accepted")
    list_filter = ("kind", "accepted")
    list_select_related = ("decision", "uploaded_by")
