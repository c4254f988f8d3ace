from __future__ import annotations

import re

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Picture notes, served by daphne itself: a laptop in a workshop room has no web server in
    front, and django.conf.urls.static serves nothing once DEBUG is off."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Every stored picture has a new random name, so a phone may keep it for good; the
    # snapshots that redraw a board then cost no new downloads.
    response["Cache-Control"] = "private, max-age=604800, immutable"
    return response


urlpatterns = [
    path("admin/", admin.site.urls),
    # set_language: the language switch in the top bar and on the phone.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("workshops.urls")),
    path("", include("culture_program.urls")),
    path("", include("rituals.urls")),
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media, name="media"),
]
