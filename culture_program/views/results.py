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


@login_required
def notes_csv(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(workshop.title) or 'workshop'}-notes.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerows(results.notes_csv_rows(workshop))
    return response
