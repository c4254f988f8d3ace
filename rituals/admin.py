from __future__ import annotations

from django.contrib import admin

from .models import Pillar, Ritual


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Ritual)
class RitualAdmin(admin.ModelAdmin):
    list_display = ["name", "pillar", "cadence", "duration", "position"]
    list_filter = ["pillar", "cadence"]
    list_editable = ["position"]
    search_fields = ["name", "purpose", "steps"]
    prepopulated_fields = {"slug": ["name"]}
