"""Participants' pages: the landing page, joining with a code and a name, and the room."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST

from .. import limits, live, services
from ..forms import DisplayNameForm, JoinCodeForm
from ..identity import read_device_key, remember_device
from ..services import ServiceError
from .access import find_my_room

WRONG_CODES = gettext_noop(
    "Too many wrong room codes from this network. Wait a few minutes and try again."
)
TOO_MANY_JOINS = gettext_noop(
    "Too many people are joining from this network. Wait a minute and try again."
)


def _find_room(request: HttpRequest, code: str):
    """The open workshop for a code, or the reason to show on the form.

    Every look-up counts towards the (generous) joins limit of the address, which bounds how
    many codes it can try; only a wrong code counts towards the small limit of wrong codes,
    so typos on a shared network never lock the others out of a room they have the code of.
    """
    if limits.exceeded(request, limits.JOINS):
        return None, gettext(TOO_MANY_JOINS)
    try:
        return services.find_open_workshop(code), None
    except services.RoomNotFound as error:
        if limits.exceeded(request, limits.WRONG_CODES):
            return None, gettext(WRONG_CODES)
        return None, str(error)
    except ServiceError as error:
        return None, str(error)


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "participants/landing.html", {"form": JoinCodeForm()})


@require_POST
def join(request: HttpRequest) -> HttpResponse:
    form = JoinCodeForm(request.POST)
    if form.is_valid():
        workshop, error = _find_room(request, form.cleaned_data["code"])
        if workshop is not None:
            return redirect("join_link", code=workshop.room_code)
        form.add_error("code", error)
    return render(request, "participants/landing.html", {"form": form}, status=400)


def join_link(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code's target: pick a name and enter, or go straight in if already joined."""
    code_form = JoinCodeForm({"code": code})
    if not code_form.is_valid():
        return render(request, "participants/landing.html", {"form": code_form}, status=404)
    workshop, error = _find_room(request, code_form.cleaned_data["code"])
    if workshop is None:
        code_form.add_error("code", error)
        return render(request, "participants/landing.html", {"form": code_form}, status=404)

    device_key = read_device_key(request.COOKIES)
    if request.method == "GET" and device_key and services.find_participant(workshop, device_key):
        return redirect("room", code=workshop.room_code)

    form = DisplayNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.join_workshop(workshop, form.cleaned_data["name"], device_key)
        except ServiceError as error:
            form.add_error("name", str(error))
        else:
            response = redirect("room", code=workshop.room_code)
            remember_device(response, participant.device_key)
            return response
    status = 400 if form.is_bound else 200
    return render(
        request, "participants/name.html", {"form": form, "workshop": workshop}, status=status
    )


def room(request: HttpRequest, code: str) -> HttpResponse:
    """The participant's phone page: it follows whatever the facilitator shows."""
    try:
        workshop, participant = find_my_room(request, code)
    except ServiceError:
        # The same answer for a room that does not exist and one the phone is not in.
        return redirect("join_link", code=code)
    # Read before the stage is: a change committed after this read bumps the version, so the
    # socket's snapshot then brings the stage again (live.screens.phone_snapshot).
    version = live.stage_version(workshop.pk)
    context = {
        "workshop": workshop,
        "participant": participant,
        "stage_version": version,
        # Rendered from the stage partial (escaped there), then cached as plain text.
        "stage": mark_safe(live.phone_stage(workshop, fresher_than=live.PAGE_STAGE_SECONDS)),
        "timer_ends_at": workshop.timer_ends_at,
    }
    return render(request, "workshops/room.html", context)
