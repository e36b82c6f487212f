from django.contrib import admin

from .models import Criterion, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["number", "campaign", "order"]
    list_filter = ["campaign"]
    inlines = [TargetInline]
