"""What each rituals activity's screens show, as context functions ``(activity) -> dict`` for
the activity kinds to declare once the core's kind registry runs them (workshops/kinds)."""

from __future__ import annotations

from workshops.models import Activity

from .models import (
    DesignedRitual,
    Pillar,
    Ritual,
    RitualGroup,
    StartedRitual,
    WayOfWorkingLine,
)


def library_context(activity: Activity) -> dict:
    """The ritual library, for phones to browse by pillar and the projector to show as cards;
    ``on_board`` holds the library rituals already on the workshop's ideas boards."""
    on_board = set(
        Ritual.objects.filter(ideas__activity__workshop=activity.workshop_id).values_list(
            "pk", flat=True
        )
    )
    return {
        "pillars": list(Pillar.objects.all()),
        "rituals": list(Ritual.objects.select_related("pillar")),
        "on_board": on_board,
    }


def design_context(activity: Activity) -> dict:
    """The canvases being designed and the groups designing them (the projector's overview)."""
    groups = RitualGroup.objects.filter(activity=activity).prefetch_related("members__participant")
    return {
        "designed": list(DesignedRitual.objects.filter(activity=activity).select_related("pillar")),
        "groups": list(groups),
        "pillars": list(Pillar.objects.all()),
    }


def commitments_context(activity: Activity) -> dict:
    """The started ritual and its wall of commitments; names only when the activity shows them."""
    started = (
        StartedRitual.objects.filter(activity=activity).select_related("designed_ritual").first()
    )
    commitments = (
        list(started.commitments.select_related("participant")) if started is not None else []
    )
    return {
        "started": started,
        "commitments": commitments,
        "show_names": activity.show_names,
        "designed": list(DesignedRitual.objects.filter(activity__workshop=activity.workshop_id)),
    }


def way_of_working_context(activity: Activity) -> dict:
    """The draft section by section: accepted lines for everyone, suggestions for the
    facilitator to accept."""
    lines = list(WayOfWorkingLine.objects.filter(activity=activity))
    return {
        "sections": [
            {
                "key": key,
                "label": label,
                "accepted": [line for line in lines if line.section == key and line.accepted],
                "suggested": [line for line in lines if line.section == key and not line.accepted],
            }
            for key, label in WayOfWorkingLine.Section.choices
        ]
    }
