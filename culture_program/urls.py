from __future__ import annotations

from django.urls import path

from .views import program, results

urlpatterns = [
    path("workshops/<int:pk>/results/", results.workshop_results, name="workshop_results"),
    path("workshops/<int:pk>/notes.csv", results.notes_csv, name="notes_csv"),
    path("workshops/<int:pk>/ratings.csv", results.ratings_csv, name="ratings_csv"),
    path("workshops/<int:pk>/program/", program.program_builder, name="program_builder"),
    path("workshops/<int:pk>/program/details/", program.program_details, name="program_details"),
    path("workshops/<int:pk>/program/share/", program.share_create, name="share_create"),
    path(
        "workshops/<int:pk>/program/share/<int:link_pk>/revoke/",
        program.share_revoke,
        name="share_revoke",
    ),
    path("workshops/<int:pk>/program/<str:part>/", program.part_add, name="program_part_add"),
    path(
        "workshops/<int:pk>/program/<str:part>/<int:item_pk>/",
        program.part_edit,
        name="program_part_edit",
    ),
    path(
        "workshops/<int:pk>/program/<str:part>/<int:item_pk>/remove/",
        program.part_remove,
        name="program_part_remove",
    ),
    path("workshops/<int:pk>/program.pdf", program.program_pdf, name="program_pdf"),
    path("workshops/<int:pk>/program.ics", program.program_ics, name="program_ics"),
    # The client's read-only link: no log-in, an unguessable token, revocable.
    path("p/<str:token>/", program.shared_program, name="shared_program"),
    path("p/<str:token>/program.pdf", program.shared_pdf, name="shared_pdf"),
    path("p/<str:token>/program.ics", program.shared_ics, name="shared_ics"),
]
