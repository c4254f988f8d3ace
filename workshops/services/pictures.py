"""Picture notes: a photo or sketch from a participant's phone, on a board that takes them.

A picture note is a note like any other (same column, votes, clusters, hide and reveal); it
only carries a picture, and its text is an optional caption.
"""

from __future__ import annotations

from uuid import uuid4

from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from .. import limits, pictures
from ..models import Note, Participant, Workshop
from .access import check_participant
from .boards import (
    check_board_open,
    check_note_cap,
    check_note_text,
    find_board,
    find_column,
    find_dimension,
    find_resent,
)
from .errors import NotAllowed, ServiceError

TEXT_ONLY = gettext_noop("This board takes text notes only.")
TOO_MANY_UPLOADS = gettext_noop(
    "You have sent many pictures in a short time. Wait a few minutes, then try again."
)
PICTURE_AGAIN = gettext_noop("That picture could not be added. Please send it again.")


def add_picture_note(
    workshop: Workshop,
    *,
    participant: Participant | None,
    activity_id: int,
    column_id: int,
    image_file,
    client_id: str,
    caption: str = "",
    dimension_id: int | None = None,
) -> tuple[Note, bool]:
    """Add a picture note; the same client_id again returns the first note, stored once.

    The picture is checked and re-encoded (``workshops.pictures``) before anything is written;
    it is stored under a random name, so the pictures of hidden notes cannot be guessed. If
    anything fails, neither a note nor a file is left behind.
    """
    if participant is None:
        raise NotAllowed(gettext("Picture notes come from participants' phones."))
    check_participant(workshop, participant)
    activity = find_board(workshop, activity_id)
    existing = find_resent(activity, client_id, participant, PICTURE_AGAIN)
    if existing is not None:
        return existing, False
    if not activity.allow_pictures:
        raise ServiceError(gettext(TEXT_ONLY))
    check_board_open(activity)
    column = find_column(activity, column_id, "picture")
    caption = check_note_text(activity, caption, what="captions", required=False)
    dimension = find_dimension(workshop, activity, dimension_id)
    # Refuse before the (slow) picture work; checked again, locked, when the note is stored.
    with transaction.atomic():
        check_note_cap(activity, participant)
    if limits.uploads_exceeded(participant.device_key):
        raise ServiceError(gettext(TOO_MANY_UPLOADS))

    content = pictures.process_picture(image_file)

    note = Note(
        activity=activity,
        column=column,
        participant=participant,
        author_name=participant.display_name,
        text=caption,
        client_id=client_id,
        dimension=dimension,
    )
    stored = ""
    try:
        with transaction.atomic():
            check_note_cap(activity, participant)
            note.image.save(f"{uuid4().hex}.jpg", content, save=False)
            stored = note.image.name
            note.save()
    except IntegrityError:
        # The same picture arrived twice at once: the first one wins, this copy goes.
        _delete_stored(note, stored)
        return find_resent(activity, client_id, participant, PICTURE_AGAIN), False
    except BaseException:
        _delete_stored(note, stored)
        raise
    return note, True


def _delete_stored(note: Note, name: str) -> None:
    if name:
        note.image.storage.delete(name)
