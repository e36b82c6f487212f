from django.contrib import admin

from .models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 0


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0


class StandardInline(admin.TabularInline):
    model = Standard
    extra = 0


class DossierRequirementInline(admin.TabularInline):
    model = DossierRequirement
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "period_start", "period_end", "submission_deadline"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    inlines = [LegalBasisInline, PlanItemInline, StandardInline, DossierRequirementInline]
    readonly_fields = ["status"]  # status moves only through the services (launch/close)


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ["campaign", "kind", "order"]
    list_filter = ["kind"]
    inlines = [QuotaInline]
