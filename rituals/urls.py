from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("rituals/", views.ritual_list, name="ritual_list"),
    path("rituals/new/", views.ritual_new, name="ritual_new"),
    path("rituals/<slug:slug>/edit/", views.ritual_edit, name="ritual_edit"),
]
