from __future__ import annotations

from django.contrib import admin

from .models import CultureProgram, Milestone, ProgramMetric, ProgramRitual, ShareLink


class RitualInline(admin.StackedInline):
    model = ProgramRitual
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class MetricInline(admin.TabularInline):
    model = ProgramMetric
    extra = 0


class ShareLinkInline(admin.TabularInline):
    model = ShareLink
    extra = 0
    readonly_fields = ["token", "created_at"]


@admin.register(CultureProgram)
class CultureProgramAdmin(admin.ModelAdmin):
    list_display = ["workshop", "start_date", "customer_owner", "updated_at"]
    search_fields = ["workshop__title", "workshop__client_organisation", "customer_owner"]
    inlines = [RitualInline, MilestoneInline, MetricInline, ShareLinkInline]
