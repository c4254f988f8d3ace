"""What a sticky-note board shows, and the fragments each board change sends.

The shared fragments (a note, a column, the counts) are the same for every phone and carry
nothing that ties a note to its author: a phone finds its own notes and votes through the
small personal ``#me`` fragment, whose style rules name them by id. So one render serves the
whole room, and only the snapshot and the sender's own acknowledgement are rendered per
person.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count

from ..models import Activity, BoardColumn, Cluster, Note, Participant, Vote, WorkshopDimension
from .rendering import render_fragment

BOARD = "workshops/board.html"


def _arrange(activity: Activity, columns: list[BoardColumn], notes: list[Note]) -> None:
    """Hang each column's clusters and loose notes on it, in the board's order."""
    clusters = {c.pk: c for c in Cluster.objects.filter(column__activity=activity)}
    by_cluster: dict[int, list[Note]] = defaultdict(list)
    loose: dict[int, list[Note]] = defaultdict(list)
    for note in notes:
        if note.cluster_id in clusters:
            by_cluster[note.cluster_id].append(note)
        else:
            loose[note.column_id].append(note)
    for cluster in clusters.values():
        cluster.board_notes = by_cluster.get(cluster.pk, [])
    for column in columns:
        column.board_clusters = [
            c for c in clusters.values() if c.column_id == column.pk and c.board_notes
        ]
        column.loose_notes = loose.get(column.pk, [])


def board_context(activity: Activity) -> dict:
    """The board as every screen sees it; no note text at all while notes are hidden."""
    columns = list(activity.columns.all())
    if activity.notes_hidden:
        counts = dict(
            activity.notes.values_list("column").annotate(n=Count("pk")).values_list("column", "n")
        )
        notes: list[Note] = []
    else:
        order = (
            ("-vote_count", "created_at", "pk") if activity.sort_by_votes else ("created_at", "pk")
        )
        notes = list(activity.notes.select_related("participant", "dimension").order_by(*order))
        counts = Counter(note.column_id for note in notes)
    _arrange(activity, columns, notes)
    for column in columns:
        column.note_count = counts.get(column.pk, 0)
    return {
        "board": activity,
        "columns": columns,
        "note_count": sum(counts.values()),
        "spotlight": _spotlight(activity),
        "dimension_choices": _dimension_choices(activity),
    }


def _dimension_choices(activity: Activity) -> list[WorkshopDimension]:
    if not activity.ask_dimension:
        return []
    return list(
        WorkshopDimension.objects.filter(activity__workshop_id=activity.workshop_id).order_by(
            "activity__position", "position"
        )
    )


def _spotlight(activity: Activity) -> Note | None:
    if activity.spotlight_note_id is None or activity.notes_hidden:
        return None
    return Note.objects.filter(pk=activity.spotlight_note_id).first()


def _render(partial: str, **context) -> str:
    return render_fragment(f"{BOARD}#{partial}", context)


# Fragments for everyone --------------------------------------------------------------------


def note_fragments(note: Note) -> tuple[str, str]:
    """A note added, edited or moved: (phones, presenters), upserted into its list by id."""
    activity = note.activity
    context = {"note": note, "board": activity, "column": note.column}
    return (
        _render("note_upsert", **context, presenter=False),
        _render("note_upsert", **context, presenter=True),
    )


def note_removed(note_pk: int) -> str:
    return _render("note_removed", note_pk=note_pk)


def counts(activity: Activity) -> str:
    """The board's and each column's note count (safe to send while hidden)."""
    per_column = dict(
        activity.notes.values_list("column").annotate(n=Count("pk")).values_list("column", "n")
    )
    columns = list(activity.columns.all())
    for column in columns:
        column.note_count = per_column.get(column.pk, 0)
    return _render("counts", board=activity, columns=columns, note_count=sum(per_column.values()))


def votes(note: Note) -> str:
    return _render("note_votes", note=note)


def column_fragments(activity: Activity, column: BoardColumn) -> tuple[str, str]:
    """A whole column again, after notes were grouped into or out of clusters."""
    context = board_context(activity)
    column = next(c for c in context["columns"] if c.pk == column.pk)
    context["column"] = column
    return (
        _render("column", **context, presenter=False),
        _render("column", **context, presenter=True),
    )


def board_state(activity: Activity) -> tuple[str, str]:
    """Lock and names: a status line for phones, the control bar for the presenter."""
    return (
        _render("board_state", board=activity),
        _render("board_controls", board=activity, columns=list(activity.columns.all())),
    )


def spotlight(activity: Activity) -> tuple[str, str]:
    note = _spotlight(activity)
    return (
        _render("spotlight", board=activity, spotlight=note, presenter=False),
        _render("spotlight", board=activity, spotlight=note, presenter=True),
    )


# Fragments for one person ------------------------------------------------------------------


def render_me(activity: Activity | None, participant: Participant) -> str:
    """The phone's own marks: which notes are theirs, which they voted on, votes left.

    Which notes are theirs goes to their phone alone, as note ids: a shared note carries no
    mark of its author, so notes under hidden names cannot be grouped by person.
    """
    my_votes: Counter[int] = Counter()
    my_notes_ids: list[int] = []
    left = None
    if activity is not None:
        my_notes_ids = list(
            activity.notes.filter(participant=participant)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        my_votes = Counter(
            Vote.objects.filter(participant=participant, note__activity=activity).values_list(
                "note_id", flat=True
            )
        )
        left = max(activity.votes_per_person - sum(my_votes.values()), 0)
    return _render(
        "me",
        board=activity,
        my_notes_ids=my_notes_ids,
        my_votes=sorted(my_votes.items()),
        votes_left=left,
    )


def render_my_notes(activity: Activity, participant: Participant) -> str:
    """While notes are hidden, a phone still sees its own: they come only to that phone."""
    if not activity.notes_hidden:
        return ""
    notes = list(
        activity.notes.filter(participant=participant).select_related(
            "column", "participant", "dimension"
        )
    )
    return _render("my_notes", board=activity, my_notes=notes)
