"""Picture notes from a participant's phone: ``POST /r/<CODE>/pictures/``.

Pictures cannot travel over the room socket, so they come as an ordinary upload; once stored,
the note reaches every screen exactly as a text note added over the socket does.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from .. import live, services
from ..kinds.boards import note_shown, own_notes_reply
from ..models import Note, Participant
from ..picture_forms import PictureNoteForm
from ..services import ServiceError
from .access import find_my_room


def _refused(message: str, status: int = 400, client_id: str = "") -> HttpResponse:
    """The same message element the socket sends, so the phone shows it the same way."""
    return HttpResponse(live.live_message(message, "error", client_id), status=status)


def _phone_note(note: Note, participant: Participant) -> str:
    """The sender's view of the note: their marks, and their own notes while hidden, else the
    note itself."""
    reply = own_notes_reply(note, participant)
    if note.activity.notes_hidden:
        return reply
    return reply + render_to_string(
        "workshops/board.html#note",
        {"note": note, "board": note.activity, "column": note.column, "presenter": False},
    )


@require_POST
def picture_upload(request: HttpRequest, code: str) -> HttpResponse:
    # Before the form reads the upload; the same answer whether the room exists or not.
    try:
        workshop, participant = find_my_room(request, code)
    except ServiceError as error:
        return _refused(str(error), 403)
    form = PictureNoteForm(request.POST, request.FILES)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _refused(first, client_id=form.cleaned_data.get("client_id", ""))
    cleaned = form.cleaned_data
    try:
        note, created = services.add_picture_note(
            workshop,
            participant=participant,
            activity_id=cleaned["activity"],
            column_id=cleaned["column"],
            dimension_id=cleaned["dimension"],
            image_file=cleaned["image"],
            client_id=cleaned["client_id"],
            caption=cleaned["caption"],
        )
    except ServiceError as error:
        return _refused(str(error), client_id=cleaned["client_id"])
    if created:
        live.send(note_shown(note))
    return HttpResponse(_phone_note(note, participant))
