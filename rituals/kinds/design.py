"""Design rituals in groups: the room splits into groups, each group fills in the canvas of one
promoted ritual on their phones, the projector shows every canvas as it fills in.

**One render per group, not per phone.** The core broadcasts the same HTML to every phone, and a
phone's own state lives in its personal fragment. So the phones' stage carries every group's
header and every canvas, all hidden by the stage's own style rule; a phone's personal ``#me``
holds one small style rule that shows its own group's header and canvas (and nothing else).
An edit is then rendered once, as the field's fragment (``#canvas-<ritual>-<field>``), sent to
the phones group: on the group's phones it updates the canvas they see, on the others it updates
a hidden copy. Nothing in the core had to change, and the other groups' canvases are not secret
(the projector shows them all); the service still refuses an edit from outside the group.

**Typing is never wiped.** A field's fragment is applied in place by rituals/static/rituals/
design.js: a field someone is typing in keeps their text and only learns the new version and
who changed it; when they save, the service refuses the stale version (rituals/services/
canvas.py) and the reply shows the other text beside theirs to merge. Group changes (a split, a
move, a late joiner, a ritual given to a group) re-send the group headers and each phone's
personal rule, never the canvases, so a regroup does not touch what anyone is typing.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from workshops import kinds
from workshops.kinds import ActionContext, ActivityKind, ResultsSection, SocketAction
from workshops.live.rendering import render_fragment
from workshops.live.screens import live_message
from workshops.live.updates import Outcome, RoomUpdate, stage_update
from workshops.models import Activity, Participant, Workshop
from workshops.services import NotAllowed, ServiceError

from .. import demo
from .. import results as rituals_results
from ..models import Cadence, DesignedRitual, GroupMember, Pillar, RitualGroup
from ..services import groups as group_services
from ..services import ideas as idea_services
from ..services.canvas import (
    CANVAS_FIELDS,
    FIELD_LABELS,
    SHORT_LIMIT,
    TEXT_LIMIT,
    CanvasConflict,
    canvas_value,
    edit_canvas_field,
)
from ..services.ideas import MAX_DESIGNED, MIN_DESIGNED
from . import design_forms as messages

KEY = "ritual_design"
TEMPLATE = "rituals/design.html"
NOT_HERE = gettext_noop("That ritual design is no longer on the agenda.")
NO_RITUAL = gettext_noop("That ritual is no longer being designed.")

# How each canvas field is edited on the phone, and the hint it carries.
WIDGETS = {"name": "text", "owner": "text", "pillar": "pillar", "cadence": "cadence"}
WIDGETS["first_date"] = "date"
HINTS = {
    "name": _("A few words everyone will remember"),
    "purpose": _("What it does for our customers, in a sentence or two"),
    "trigger": _("When it happens, e.g. the first ten minutes of the Monday team meeting"),
    "participants": _("Who takes part, and who leads it"),
    "steps": _("One step per line"),
    "owner": _("A role, e.g. Head of Customer Service"),
    "success_signal": _("A customer metric, e.g. complaints solved at the first contact"),
}
# The projector's card: these fields get a line each, in this order.
CARD_LINES = ("purpose", "trigger", "participants", "owner", "success_signal")


# What the screens show ----------------------------------------------------------------------


def field_view(designed: DesignedRitual, key: str) -> dict:
    """One canvas field as the phone edits it and the projector shows it."""
    value = canvas_value(designed, key)
    display = value
    if key == "pillar":
        display = designed.pillar.name if designed.pillar_id else ""
    elif key == "cadence":
        display = designed.get_cadence_display() if designed.cadence else ""
    elif key == "first_date":
        display = designed.first_date
    return {
        "key": key,
        "label": FIELD_LABELS[key],
        "value": value,
        "display": display,
        "version": designed.version_of(key),
        "by": designed.last_editor_of(key),
        "widget": WIDGETS.get(key, "textarea"),
        "hint": HINTS.get(key, ""),
        "limit": SHORT_LIMIT if key in ("name", "owner") else TEXT_LIMIT,
    }


def canvas_view(designed: DesignedRitual) -> dict:
    fields = {key: field_view(designed, key) for key in CANVAS_FIELDS}
    steps = [line.strip() for line in designed.steps.splitlines() if line.strip()]
    return {
        "designed": designed,
        "fields": list(fields.values()),
        "by_key": fields,
        "lines": [fields[key] for key in CARD_LINES],
        "steps": steps,
        "filled": sum(1 for field in fields.values() if field["value"]),
        "total": len(fields),
    }


def _groups(activity: Activity) -> list[RitualGroup]:
    return list(
        RitualGroup.objects.filter(activity=activity).select_related("designed_ritual__pillar")
    )


def _members(activity: Activity) -> dict[int, list[Participant]]:
    members: dict[int, list[Participant]] = {}
    rows = GroupMember.objects.filter(
        activity=activity, participant__removed_at__isnull=True
    ).select_related("participant")
    for member in rows:
        members.setdefault(member.group_id, []).append(member.participant)
    return members


def group_view(group: RitualGroup, members: list[Participant]) -> dict:
    designed = group.designed_ritual
    return {
        "group": group,
        "members": members,
        "canvas": canvas_view(designed) if designed is not None else None,
    }


def design_context(activity: Activity) -> dict:
    """Everything the phones' stage and the projector's overview show, under ``design``."""
    designed = list(DesignedRitual.objects.filter(activity=activity).select_related("pillar"))
    groups = _groups(activity)
    members = _members(activity)
    people = list(activity.workshop.participants.filter(removed_at__isnull=True))
    group_of = {person.pk: group for group in groups for person in members.get(group.pk, [])}
    return {
        "design": {
            "activity": activity,
            "canvases": [canvas_view(ritual) for ritual in designed],
            "designed": designed,
            "groups": [group_view(group, members.get(group.pk, [])) for group in groups],
            "people": [(person, group_of.get(person.pk)) for person in people],
            # The projector's stage is not drawn again as people join: offer every count, and
            # the service says when there are too few people for it.
            "group_counts": range(1, group_services.MAX_GROUPS + 1),
            "suggested_count": min(len(designed), len(people) or len(designed)) or 1,
            "boards": messages.idea_boards(activity),
            "promote_counts": range(MIN_DESIGNED, MAX_DESIGNED + 1),
            "pillars": list(Pillar.objects.all()),
            "cadences": Cadence.choices,
            "today": timezone.localdate().isoformat(),
        }
    }


def _fragment(name: str, context: dict) -> str:
    return render_fragment(f"{TEMPLATE}#{name}", context)


def _field_context(designed: DesignedRitual, key: str) -> dict:
    return {
        "canvas": {"designed": designed},
        "field": field_view(designed, key),
        "design": {
            "pillars": list(Pillar.objects.all()),
            "cadences": Cadence.choices,
            "today": timezone.localdate().isoformat(),
        },
    }


def phone_field(designed: DesignedRitual, key: str) -> str:
    return _fragment("phone_field", _field_context(designed, key))


def overview_cards(designed: DesignedRitual) -> str:
    """The projector's card of every group designing this ritual (usually one)."""
    groups = list(RitualGroup.objects.filter(designed_ritual=designed).select_related("activity"))
    if not groups:
        return ""
    members = _members(groups[0].activity)
    # Joined with +, so the cards can render again in every language (live.rendering).
    cards = ""
    for group in groups:
        cards += _fragment("overview_card", {"card": group_view(group, members.get(group.pk, []))})
    return cards


def groups_update(activity: Activity, *, personal: bool = True) -> RoomUpdate:
    """Who is in which group changed: the phones get the group headers and (unless only a
    newcomer was placed) their own rule again, never the canvases, so nobody's typing is
    touched; the projector gets its overview."""
    context = design_context(activity)
    return RoomUpdate(
        activity.workshop_id,
        phones=_fragment("phone_groups", context),
        presenters=_fragment("presenter_design", context),
        refresh_personal=personal,
    )


def personal(activity: Activity, participant: Participant) -> str:
    """The phone's rule that shows its own group and canvas; a phone without a group after the
    split asks to be placed as soon as it shows the activity."""
    group = group_services.group_of(activity, participant)
    needs_place = group is None and RitualGroup.objects.filter(activity=activity).exists()
    return _fragment("me", {"activity": activity, "group": group, "needs_place": needs_place})


# Socket actions -----------------------------------------------------------------------------


def _design_activity(ctx: ActionContext, activity_id: int) -> Activity:
    activity = Activity.objects.filter(pk=activity_id, workshop=ctx.workshop, kind=KEY).first()
    if activity is None:
        raise ServiceError(gettext(NOT_HERE))
    return activity


def _on_screen(ctx: ActionContext, activity: Activity, update: RoomUpdate) -> Outcome:
    """Screens only hold the design while it is the current activity."""
    if ctx.workshop.current_activity_id != activity.pk:
        return Outcome([], reply=live_message(_("Saved."), "info"))
    return Outcome([update])


def edit_canvas(ctx: ActionContext, cleaned: dict) -> Outcome:
    """``canvas.edit``: one field saved, or the sender's text kept with the other text to merge."""
    designed = (
        DesignedRitual.objects.filter(pk=cleaned["designed"], activity__workshop=ctx.workshop)
        .select_related("activity__workshop", "pillar")
        .first()
    )
    if designed is None:
        raise ServiceError(gettext(NO_RITUAL))
    key = cleaned["field"]
    try:
        saved = edit_canvas_field(
            designed,
            participant=ctx.participant,
            by=ctx.user,
            field=key,
            value=cleaned["value"],
            base_version=cleaned["version"],
        )
    except CanvasConflict as conflict:
        note = _fragment(
            "merge_note",
            {"canvas": {"designed": designed}, "conflict": conflict, "mine": cleaned["value"]},
        )
        return Outcome([], reply=note + live_message(str(conflict), "info"))
    except NotAllowed:
        raise
    except ServiceError as error:
        note = _fragment(
            "error_note", {"canvas": {"designed": designed}, "key": key, "message": str(error)}
        )
        return Outcome([], reply=note + live_message(str(error)))
    update = RoomUpdate(
        ctx.workshop.pk, phones=phone_field(saved, key), presenters=overview_cards(saved)
    )
    # A message left by an earlier refusal no longer applies.
    return Outcome([update], reply=live_message("", "clear"))


def place(ctx: ActionContext, cleaned: dict) -> Outcome:
    """``design.place``: a phone that arrived after the split joins the smallest group."""
    activity = _design_activity(ctx, cleaned["activity"])
    if ctx.participant is None:
        raise ServiceError(_("Groups are for the people in the room, not the projector."))
    placed_before = group_services.group_of(activity, ctx.participant)
    group = group_services.place_late_joiner(activity, ctx.participant)
    reply = personal(activity, ctx.participant)
    if group is None or placed_before is not None:
        return Outcome([], reply=reply)
    # Only the newcomer's own rule changed, and it goes with the reply.
    return Outcome([groups_update(activity, personal=False)], reply=reply)


def split(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = _design_activity(ctx, cleaned["activity"])
    group_services.split_into_groups(activity, ctx.user, cleaned["count"])
    return _on_screen(ctx, activity, groups_update(activity))


def move(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = _design_activity(ctx, cleaned["activity"])
    person = Participant.objects.filter(pk=cleaned["participant"], workshop=ctx.workshop).first()
    if person is None:
        raise ServiceError(_("That person is no longer in the room."))
    group = RitualGroup.objects.filter(pk=cleaned["group"], activity=activity).first()
    if group is None:
        raise ServiceError(_("That group no longer exists: split the room again."))
    group_services.move_member(activity, ctx.user, person, group)
    return _on_screen(ctx, activity, groups_update(activity))


def assign(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = _design_activity(ctx, cleaned["activity"])
    group = RitualGroup.objects.filter(pk=cleaned["group"], activity=activity).first()
    if group is None:
        raise ServiceError(_("That group no longer exists: split the room again."))
    designed = None
    if cleaned["designed"]:
        designed = DesignedRitual.objects.filter(pk=cleaned["designed"], activity=activity).first()
        if designed is None:
            raise ServiceError(gettext(NO_RITUAL))
    group_services.assign_ritual(group, ctx.user, designed)
    return _on_screen(ctx, activity, groups_update(activity))


def promote(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = _design_activity(ctx, cleaned["activity"])
    board = Activity.objects.filter(
        pk=cleaned["board"], workshop=ctx.workshop, kind__in=kinds.board_kind_keys()
    ).first()
    if board is None:
        raise ServiceError(_("That board is no longer on the agenda."))
    idea_services.promote_top_ideas(activity, ctx.user, board, cleaned["count"])
    # New canvases: every screen gets the stage again (phones have nothing to type in yet).
    return _on_screen(ctx, activity, stage_update(ctx.workshop, ctx.base_url))


# The agenda editor --------------------------------------------------------------------------


def editor_context(activity: Activity, invalid: dict) -> dict:
    return {"designed": list(DesignedRitual.objects.filter(activity=activity))}


def save_settings(activity: Activity, by, form: messages.PromoteSettingsForm) -> None:
    board = Activity.objects.get(pk=form.cleaned_data["board"], workshop=activity.workshop_id)
    idea_services.promote_top_ideas(activity, by, board, form.cleaned_data["count"])


# Results and the culture program ------------------------------------------------------------


def results(workshop: Workshop, activities: list[Activity]) -> ResultsSection | None:
    data = rituals_results.designed_rituals(workshop, activities)
    if not data["rituals"]:
        return None
    notes = [
        {"activity": str(_("Designed rituals")), "text": f"{ritual['name']}: {ritual['purpose']}"}
        for ritual in data["rituals"]
    ]
    return ResultsSection(f"{TEMPLATE}#results", data, notes)


DESIGN = kinds.register(
    ActivityKind(
        key=KEY,
        label=_("Design rituals in groups"),
        position=64,
        phone_partial=f"{TEMPLATE}#phone_stage",
        presenter_partial=f"{TEMPLATE}#presenter_stage",
        context=design_context,
        personal=personal,
        settings_form=messages.PromoteSettingsForm,
        save_settings=save_settings,
        editor_partial=f"{TEMPLATE}#editor",
        editor_context=editor_context,
        results=results,
        program_inputs=rituals_results.rituals_program_inputs,
        demo=demo.ritual_design,
        stylesheets=("rituals/design.css",),
        scripts=("rituals/design.js",),
        actions={
            "canvas.edit": SocketAction(messages.CanvasEditMessage, edit_canvas),
            "design.place": SocketAction(messages.DesignMessage, place),
            "design.split": SocketAction(messages.SplitMessage, split, facilitator_only=True),
            "design.move": SocketAction(messages.MoveMessage, move, facilitator_only=True),
            "design.assign": SocketAction(messages.AssignMessage, assign, facilitator_only=True),
            "design.promote": SocketAction(messages.PromoteMessage, promote, facilitator_only=True),
        },
    )
)
