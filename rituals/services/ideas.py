"""Ritual ideas: library rituals put on the ideas board, and the top ideas promoted into design.

Participants' own ideas are plain notes on the core board (``workshops.services.add_note``) and
the vote is the core's dot vote; this module adds library cards and the promotion.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext

from workshops import services as core
from workshops.models import Activity, Note, Participant, Workshop

from ..models import DesignedRitual, Ritual, RitualIdea, StartedRitual
from .access import activity_in, check_actor, check_running_facilitator

MIN_DESIGNED, MAX_DESIGNED = 3, 8


def put_ritual_on_board(
    workshop: Workshop,
    *,
    participant: Participant | None = None,
    by: AbstractBaseUser | None = None,
    activity: Activity,
    ritual: Ritual,
) -> tuple[RitualIdea, bool]:
    """Put a library ritual on the ideas board as a note everyone can vote on.

    Each library ritual goes on a board once: when it is already there, that card is returned
    (``created`` False) so the phone can say "it is on the board: vote for it".
    """
    participant = check_actor(workshop, participant, by)
    activity_in(workshop, activity)
    existing = RitualIdea.objects.filter(activity=activity, library_ritual=ritual).first()
    if existing is not None:
        return existing, False
    column = activity.columns.first()
    if column is None:
        raise core.ServiceError(gettext("This board has no column to put the ritual in."))
    author = f"p{participant.pk}" if participant else "f"
    try:
        with transaction.atomic():
            note, _ = core.add_note(
                workshop,
                participant=participant,
                by=by,
                activity_id=activity.pk,
                column_id=column.pk,
                text=gettext(ritual.name),  # built-in content, in the room's language
                client_id=f"library-{ritual.pk}-{author}",
            )
            return RitualIdea.objects.create(
                activity=activity, note=note, library_ritual=ritual
            ), True
    except IntegrityError:
        # Two people put the same ritual up at once: the first card stays.
        return RitualIdea.objects.get(activity=activity, library_ritual=ritual), False


def top_ideas(activity: Activity, count: int) -> list[Note]:
    """The board's notes with the most votes, earliest first among equals."""
    return list(activity.notes.order_by("-vote_count", "created_at", "pk")[:count])


def _canvas_from(note: Note) -> dict:
    """A new canvas starts from the library ritual behind the note, or from the note's text."""
    idea = RitualIdea.objects.filter(note=note).select_related("library_ritual").first()
    if idea is None:
        return {"name": note.text.strip()[:120] or gettext("Untitled ritual")}
    ritual = idea.library_ritual
    # The library's built-in texts, in the language of the room the group designs in.
    return {
        "source_ritual": ritual,
        "name": _translated(ritual.name),
        "pillar_id": ritual.pillar_id,
        "purpose": _translated(ritual.purpose),
        "cadence": ritual.cadence,
        "participants": _translated(ritual.participants),
        "steps": "\n".join(_translated(line) for line in ritual.steps.split("\n")),
        "success_signal": _translated(ritual.success_signal),
    }


def _translated(text: str) -> str:
    return gettext(text) if text else text


@transaction.atomic
def promote_ideas(
    design_activity: Activity, by: AbstractBaseUser | None, note_ids: list[int]
) -> list[DesignedRitual]:
    """Promote ideas (notes on any board of the workshop) into design, 3 to 8 in all.

    Ideas promoted before stay as they are, canvases included; the new ones come after them.
    """
    workshop = design_activity.workshop
    check_running_facilitator(workshop, by)
    notes = list(
        Note.objects.filter(pk__in=note_ids, activity__workshop=workshop).order_by(
            "-vote_count", "created_at", "pk"
        )
    )
    if len(notes) != len(set(note_ids)):
        raise core.ServiceError(gettext("One of those ideas is no longer on the board."))
    designed = DesignedRitual.objects.select_for_update().filter(activity=design_activity)
    already = set(designed.values_list("source_note_id", flat=True))
    new = [note for note in notes if note.pk not in already]
    total = designed.count() + len(new)
    if not MIN_DESIGNED <= total <= MAX_DESIGNED:
        raise core.ServiceError(
            gettext("Design between %(min)s and %(max)s rituals (this would make %(total)s).")
            % {"min": MIN_DESIGNED, "max": MAX_DESIGNED, "total": total}
        )
    last = designed.aggregate(last=Max("position"))["last"]
    start = 0 if last is None else last + 1
    return [
        DesignedRitual.objects.create(
            activity=design_activity, source_note=note, position=start + index, **_canvas_from(note)
        )
        for index, note in enumerate(new)
    ]


def promote_top_ideas(
    design_activity: Activity, by: AbstractBaseUser | None, ideas_activity: Activity, count: int
) -> list[DesignedRitual]:
    """Promote the ``count`` ideas with the most votes on the ideas board."""
    activity_in(design_activity.workshop, ideas_activity)
    return promote_ideas(
        design_activity, by, [note.pk for note in top_ideas(ideas_activity, count)]
    )


@transaction.atomic
def remove_designed_ritual(designed: DesignedRitual, by: AbstractBaseUser | None) -> None:
    """Take a ritual out of design (its canvas goes with it), unless it has been started."""
    check_running_facilitator(designed.activity.workshop, by)
    if StartedRitual.objects.filter(designed_ritual=designed).exists():
        raise core.ServiceError(gettext("This ritual has been started, so it stays in the design."))
    designed.delete()
