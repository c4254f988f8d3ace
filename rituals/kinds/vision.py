"""Our vision statement: after the vision board, each group drafts one statement from the
board's notes on their phones, the room votes for one draft, and the facilitator finalises it.

**Groups** are the rituals module's (services/groups.py), this activity's own. As in the design
kind, the phones' stage carries every group's draft form, hidden by the stage's style rule; a
phone's personal ``#me`` holds the rule that shows its own group (and marks its own vote), so
every change is rendered once for all phones.

**Last write wins, per group.** A draft is one short text, written by a few people around one
table, so it has no merge step like the ritual canvas: a save replaces the group's text, counts a
version and is re-sent to the phones (the group's form) and the projector. The service refuses a
save from anyone outside the group. So that a save never wipes what another member is typing,
rituals/static/rituals/vision.js keeps a focused, changed text box as it is and only updates the
line saying who saved last; their own save then wins. While voting is open the drafts stay as
they are, so nobody votes for a text that then changes.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workshops import kinds as core_kinds
from workshops.kinds import ActionContext, ActivityKind, ResultsSection, SocketAction
from workshops.live.screens import live_message
from workshops.live.updates import Outcome, RoomUpdate, stage_update
from workshops.models import Activity, Note, Participant, Workshop
from workshops.services import ServiceError

from .. import demo
from ..models import GroupMember, RitualGroup, VisionDraft
from ..services import groups as group_services
from ..services import vision as services
from . import activity_of, render
from . import vision_forms as messages

KEY = "vision_statement"
TEMPLATE = "rituals/vision.html"
NOTES_SHOWN = 30


def board_notes(activity: Activity) -> list[str]:
    """The texts of the workshop's vision board notes, most voted first (never their names)."""
    notes = (
        Note.objects.filter(activity__workshop=activity.workshop_id, activity__kind="vision")
        .exclude(text="")
        .order_by("-vote_count", "created_at", "pk")
    )
    return [note.text for note in notes[:NOTES_SHOWN]]


def _members(activity: Activity) -> dict[int, list[Participant]]:
    members: dict[int, list[Participant]] = {}
    rows = GroupMember.objects.filter(
        activity=activity, participant__removed_at__isnull=True
    ).select_related("participant")
    for member in rows:
        members.setdefault(member.group_id, []).append(member.participant)
    return members


def vision_context(activity: Activity) -> dict:
    """Everything the phones' stage and the projector show, under ``vision``."""
    statement = services.statement_of(activity)
    drafts = services.drafts_with_votes(activity)
    members = _members(activity)
    cards = [{"draft": d, "members": members.get(d.group_id, [])} for d in drafts]
    written = [card for card in cards if card["draft"].text]
    leading = max(written, key=lambda card: card["draft"].vote_total, default=None)
    people = activity.workshop.participants.filter(removed_at__isnull=True).count()
    return {
        "vision": {
            "activity": activity,
            "statement": statement,
            "notes": board_notes(activity),
            "cards": cards,
            "written": written,
            "votes": sum(card["draft"].vote_total for card in cards),
            "leading": leading["draft"].text if leading else "",
            "limit": services.STATEMENT_LIMIT,
            "group_counts": range(1, group_services.MAX_GROUPS + 1),
            "suggested_count": min(3, max(1, people // 3)),
        }
    }


def _render(name: str, activity: Activity, **extra) -> str:
    return render(f"{TEMPLATE}#{name}", **vision_context(activity), **extra)


def personal(activity: Activity, participant: Participant) -> str:
    """The phone's rule that shows its own group and marks its own vote; a phone without a group
    after the split asks to be placed as soon as it shows the activity."""
    group = group_services.group_of(activity, participant)
    needs_place = group is None and RitualGroup.objects.filter(activity=activity).exists()
    ballot = services.vote_of(activity, participant)
    return render(
        f"{TEMPLATE}#me",
        activity=activity,
        group=group,
        needs_place=needs_place,
        ballot=ballot,
    )


def _on_screen(ctx: ActionContext, activity: Activity, update: RoomUpdate, reply="") -> Outcome:
    """Screens only hold the activity while it is the current one."""
    if ctx.workshop.current_activity_id != activity.pk:
        return Outcome([], reply=live_message(_("Saved."), "info"))
    return Outcome([update], reply=reply)


def drafts_update(activity: Activity, *, draft: VisionDraft | None = None) -> RoomUpdate:
    """The projector's drafts and counts; with ``draft``, that group's form for the phones."""
    phones = ""
    if draft is not None:
        card = {"draft": draft, "members": _members(activity).get(draft.group_id, [])}
        phones = _render("draft_form", activity, card=card)
    return RoomUpdate(activity.workshop_id, phones=phones, presenters=_render("drafts", activity))


# Socket actions -----------------------------------------------------------------------------


def edit(ctx: ActionContext, cleaned: dict) -> Outcome:
    """``vision.edit``: a member saves the group's draft."""
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    draft = services.draft_in(activity, cleaned["draft"])
    saved = services.edit_draft(draft, ctx.participant, cleaned["text"])
    saved.vote_total = 0
    return _on_screen(
        ctx, activity, drafts_update(activity, draft=saved), reply=live_message("", "clear")
    )


def place(ctx: ActionContext, cleaned: dict) -> Outcome:
    """``vision.place``: a phone that arrived after the split joins the smallest group."""
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    if ctx.participant is None:
        raise ServiceError(_("Groups are for the people in the room, not the projector."))
    before = group_services.group_of(activity, ctx.participant)
    group = services.place_late_joiner(activity, ctx.participant)
    reply = personal(activity, ctx.participant)
    if group is None or before is not None:
        return Outcome([], reply=reply)
    # The newcomer's own rule goes with the reply; the projector shows them in their group.
    return Outcome([drafts_update(activity)], reply=reply)


def vote(ctx: ActionContext, cleaned: dict) -> Outcome:
    """``vision.vote``: one vote per person, moved by voting again."""
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    draft = services.draft_in(activity, cleaned["draft"])
    services.vote(draft, ctx.participant)
    reply = personal(activity, ctx.participant) + live_message(_("Your vote is in."), "info")
    return _on_screen(ctx, activity, drafts_update(activity), reply=reply)


def split(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.split_into_groups(activity, ctx.user, cleaned["count"])
    return _on_screen(ctx, activity, stage_update(ctx.workshop, ctx.base_url))


def voting(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.set_voting(activity, ctx.user, cleaned["open"])
    return _on_screen(ctx, activity, stage_update(ctx.workshop, ctx.base_url))


def finalise(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.finalise(activity, ctx.user, cleaned["text"])
    return _on_screen(ctx, activity, stage_update(ctx.workshop, ctx.base_url))


# Results and the culture program ------------------------------------------------------------


def results_data(activities: list[Activity]) -> list[dict]:
    shown = []
    for activity in activities:
        statement = services.statement_of(activity)
        drafts = [d for d in services.drafts_with_votes(activity) if d.text]
        if statement.is_final or drafts:
            shown.append({"activity": activity, "statement": statement, "drafts": drafts})
    return shown


def results(workshop: Workshop, activities: list[Activity]) -> ResultsSection | None:
    shown = results_data(activities)
    if not shown:
        return None
    notes = [
        {"activity": item["activity"].title, "text": item["statement"].text}
        for item in shown
        if item["statement"].is_final
    ]
    return ResultsSection(f"{TEMPLATE}#results", {"statements": shown}, notes)


def program_inputs(workshop: Workshop, activities: list[Activity]) -> dict:
    """The final statement for the culture program, with the votes its draft had."""
    vision = []
    for item in results_data(activities):
        statement = item["statement"]
        if not statement.is_final:
            continue
        votes = max((d.vote_total for d in item["drafts"]), default=0)
        vision.append(
            {"text": statement.text, "picture_url": "", "votes": votes, "kind": "statement"}
        )
    return {"vision": vision}


VISION_STATEMENT = core_kinds.register(
    ActivityKind(
        key=KEY,
        label=_("Our vision statement"),
        position=36,
        phone_partial=f"{TEMPLATE}#phone_stage",
        presenter_partial=f"{TEMPLATE}#presenter_stage",
        context=vision_context,
        personal=personal,
        results=results,
        program_inputs=program_inputs,
        demo=demo.vision_statement,
        stylesheets=("rituals/rituals.css", "rituals/vision.css"),
        scripts=("rituals/vision.js",),
        actions={
            "vision.edit": SocketAction(messages.DraftEditMessage, edit),
            "vision.place": SocketAction(messages.VisionMessage, place),
            "vision.vote": SocketAction(messages.DraftMessage, vote),
            "vision.split": SocketAction(messages.SplitMessage, split, facilitator_only=True),
            "vision.voting": SocketAction(messages.VotingMessage, voting, facilitator_only=True),
            "vision.finalise": SocketAction(
                messages.FinaliseMessage, finalise, facilitator_only=True
            ),
        },
    )
)
