"""After the workshop: the results page and the notes export."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from workshops.views.access import get_workshop_for_user

from .. import results


@login_required
def workshop_results(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    context = {"workshop": workshop, "sections": results.sections(workshop)}
    return render(request, "culture_program/results.html", context)


def csv_download(workshop, what: str, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(workshop.title) or 'workshop'}-{what}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    csv.writer(response).writerows(rows)
    return response


@login_required
def notes_csv(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    return csv_download(workshop, "notes", results.notes_csv_rows(workshop))


@login_required
def ratings_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every paradigm rating, one row each and anonymous; the workshop's owner only."""
    workshop = get_workshop_for_user(request, pk)
    return csv_download(workshop, "ratings", results.ratings_csv_rows(workshop))
