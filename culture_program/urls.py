from __future__ import annotations

from django.urls import path

from .views import results

urlpatterns = [
    path("workshops/<int:pk>/results/", results.workshop_results, name="workshop_results"),
    path("workshops/<int:pk>/notes.csv", results.notes_csv, name="notes_csv"),
]
