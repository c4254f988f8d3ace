"""What the rituals activities produced, as plain data (no model instances).

Each function takes a workshop and the activities of one kind, the shape of an activity kind's
``results`` and ``program_inputs`` hooks (workshops/kinds). Author names appear only where the
activity's "show names" choice allows them: a norm written anonymously is anonymous here too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from workshops.models import Activity, Note, Workshop

from .models import Commitment, DesignedRitual, NormShift, Pillar, StartedRitual, WayOfWorkingLine

ARROW = " → "


def _ids(workshop: Workshop, activities: Iterable[Activity]) -> list[int]:
    return [activity.pk for activity in activities if activity.workshop_id == workshop.pk]


def _pair(shift: NormShift) -> str:
    return f"{shift.from_text}{ARROW}{shift.to_text}"


# Norms --------------------------------------------------------------------------------------


def _norm(note: Note, pairs: list[str]) -> dict:
    detail = getattr(note, "norm_detail", None)
    return {
        "text": note.text,
        "column": note.column.title,
        "pillar": detail.pillar.slug if detail else "",
        "belief": detail.belief if detail else "",
        "votes": note.vote_count,
        "author": note.author_name if note.activity.show_names else "",
        "from_to": pairs,
    }


def _norms_and_shifts(workshop: Workshop, activities: Iterable[Activity]):
    ids = _ids(workshop, activities)
    notes = (
        Note.objects.filter(activity_id__in=ids)
        .select_related("activity", "column", "norm_detail__pillar")
        .order_by("activity__position", "column__position", "-vote_count", "created_at")
    )
    shifts = list(NormShift.objects.filter(activity_id__in=ids).order_by("created_at", "pk"))
    pairs: dict[int, list[str]] = {}
    for shift in shifts:
        if shift.note_id:
            pairs.setdefault(shift.note_id, []).append(_pair(shift))
    return [_norm(note, pairs.get(note.pk, [])) for note in notes], shifts


def norms_by_pillar(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """Norms grouped under the four pillars (and those that name none), plus every from → to
    pair the facilitator made."""
    norms, shifts = _norms_and_shifts(workshop, activities)
    pillars = [
        {
            "slug": pillar.slug,
            "name": pillar.name,
            "norms": [norm for norm in norms if norm["pillar"] == pillar.slug],
        }
        for pillar in Pillar.objects.all()
    ]
    known = {pillar["slug"] for pillar in pillars}
    noted = [shift.note_id for shift in shifts if shift.note_id]
    pillar_of = dict(
        Note.objects.filter(pk__in=noted).values_list("pk", "norm_detail__pillar__slug")
    )
    return {
        "pillars": pillars,
        "unassigned": [norm for norm in norms if norm["pillar"] not in known],
        "shifts": [
            {
                "from": shift.from_text,
                "to": shift.to_text,
                "pillar": pillar_of.get(shift.note_id) or "",
            }
            for shift in shifts
        ],
    }


def norms_program_inputs(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """PROGRAM_INPUTS["norms"]: one row per norm, and one per pair made without a norm."""
    norms, shifts = _norms_and_shifts(workshop, activities)
    rows = [
        {
            "text": norm["text"],
            "pillar": norm["pillar"],
            "column": norm["column"],
            "belief": norm["belief"],
            "from_to": "; ".join(norm["from_to"]),
            "votes": norm["votes"],
        }
        for norm in norms
    ]
    rows += [
        {
            "text": shift.from_text,
            "pillar": "",
            "column": "",
            "belief": "",
            "from_to": _pair(shift),
            "votes": 0,
        }
        for shift in shifts
        if shift.note_id is None
    ]
    return {"norms": rows}


# Designed rituals ---------------------------------------------------------------------------


def _designed(workshop: Workshop, activities: Iterable[Activity]) -> list[DesignedRitual]:
    return list(
        DesignedRitual.objects.filter(activity_id__in=_ids(workshop, activities))
        .select_related("pillar")
        .prefetch_related("groups", "starts")
        .order_by("activity__position", "position", "pk")
    )


def _canvas(designed: DesignedRitual) -> dict:
    start = next(iter(designed.starts.all()), None)
    return {
        "name": designed.name,
        "pillar": designed.pillar.slug if designed.pillar_id else "",
        "pillar_name": designed.pillar.name if designed.pillar_id else "",
        "purpose": designed.purpose,
        "trigger": designed.trigger,
        "cadence": str(designed.get_cadence_display()) if designed.cadence else "",
        "participants": designed.participants,
        "steps": [line.strip() for line in designed.steps.splitlines() if line.strip()],
        "owner": designed.owner,
        "sponsor": start.sponsor if start else "",
        "first_date": designed.first_date,
        "success_signal": designed.success_signal,
        "groups": [group.name for group in designed.groups.all()],
        "started": start is not None,
    }


def designed_rituals(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """Every designed ritual with its canvas, the groups that designed it and whether it was
    started."""
    return {"rituals": [_canvas(designed) for designed in _designed(workshop, activities)]}


def rituals_program_inputs(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """PROGRAM_INPUTS["rituals"]."""
    keys = (
        "name",
        "pillar",
        "purpose",
        "cadence",
        "participants",
        "steps",
        "owner",
        "sponsor",
        "first_date",
        "success_signal",
    )
    rows = []
    for designed in _designed(workshop, activities):
        canvas = _canvas(designed)
        canvas["steps"] = "\n".join(canvas["steps"])
        rows.append({key: canvas[key] for key in keys})
    return {"rituals": rows}


# The started ritual and its commitments -----------------------------------------------------


def _started(workshop: Workshop, activities: Iterable[Activity]) -> list[dict]:
    starts = StartedRitual.objects.filter(
        activity_id__in=_ids(workshop, activities)
    ).select_related("activity", "designed_ritual")
    rows = []
    for start in starts.order_by("activity__position"):
        commitments = Commitment.objects.filter(started_ritual=start).select_related("participant")
        show = start.activity.show_names
        rows.append(
            {
                "name": start.designed_ritual.name,
                "owner": start.owner,
                "sponsor": start.sponsor,
                "first_occurrence": start.first_occurrence,
                "first_date": timezone.localdate(start.first_occurrence),
                "started_at": start.started_at,
                "commitments": [
                    {
                        "text": commitment.text,
                        "name": commitment.participant.display_name if show else "",
                    }
                    for commitment in commitments
                ],
            }
        )
    return rows


def started_rituals(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """The ritual started in the room, with owner, sponsor, first occurrence and the wall of
    commitments (names only when the activity shows names)."""
    return {"started": _started(workshop, activities)}


def started_program_inputs(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """PROGRAM_INPUTS["started"]: commitments as texts only."""
    return {
        "started": [
            {
                "name": row["name"],
                "owner": row["owner"],
                "sponsor": row["sponsor"],
                "first_date": row["first_date"],
                "commitments": [commitment["text"] for commitment in row["commitments"]],
            }
            for row in _started(workshop, activities)
        ]
    }


# Way of working -----------------------------------------------------------------------------


def _accepted_lines(workshop: Workshop, activities: Iterable[Activity]):
    return WayOfWorkingLine.objects.filter(
        activity_id__in=_ids(workshop, activities), accepted=True
    ).order_by("activity__position", "position", "pk")


def way_of_working(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """The accepted draft, section by section, in the order of the guided canvas."""
    lines = list(_accepted_lines(workshop, activities))
    return {
        "sections": [
            {
                "key": key,
                "label": str(label),
                "lines": [line.text for line in lines if line.section == key],
            }
            for key, label in WayOfWorkingLine.Section.choices
        ]
    }


def way_of_working_program_inputs(workshop: Workshop, activities: Iterable[Activity]) -> dict:
    """PROGRAM_INPUTS["way_of_working"]."""
    order = {key: index for index, key in enumerate(WayOfWorkingLine.Section.values)}
    lines = sorted(_accepted_lines(workshop, activities), key=lambda line: order[line.section])
    return {
        "way_of_working": [
            {"section": str(line.get_section_display()), "text": line.text} for line in lines
        ]
    }
