"""Facilitator sign-up, and password reset with links to the app's public address; log-in and
log-out are Django's own views (log-in with a limit on failed attempts, workshops/forms.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import services
from ..forms import SignUpForm


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("workshop_list")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_facilitator(**form.cleaned_data)
        login(request, user)
        return redirect("workshop_list")
    return render(request, "registration/signup.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with the link built from PUBLIC_URL and never from the request.

    The Host header is the client's to choose: a link built from it would mail a victim a
    reset link to an attacker's site. Without PUBLIC_URL there is no trustworthy address to
    put in a mail, so password reset is switched off with a page saying why.
    """

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.PUBLIC_URL:
            return render(request, "registration/password_reset_unavailable.html")
        public = urlsplit(settings.PUBLIC_URL)
        self.extra_email_context = {
            "protocol": public.scheme,
            "domain": public.netloc,
            "site_name": public.netloc,
        }
        return super().dispatch(request, *args, **kwargs)
