from __future__ import annotations

from django.contrib import admin

from . import services
from .models import Activity, Participant, Workshop, WorkshopTemplate


@admin.register(WorkshopTemplate)
class WorkshopTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "client_organisation", "date", "room_code", "is_closed", "facilitator"]
    list_filter = ["is_closed"]
    search_fields = ["title", "client_organisation", "room_code"]
    inlines = [ActivityInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "workshop", "joined_at", "removed_at", "online"]
    search_fields = ["display_name"]

    def get_queryset(self, request):
        return services.with_presence(super().get_queryset(request))

    @admin.display(boolean=True, description="Online")
    def online(self, participant) -> bool:
        return participant.is_online
