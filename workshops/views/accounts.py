"""Facilitator sign-up; log-in, log-out and password reset are Django's own views."""

from __future__ import annotations

from django.contrib.auth import login
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
