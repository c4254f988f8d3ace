"""The vision statement: groups draft, the room votes, the facilitator finalises.

Every function runs in one transaction, checks who may do it (the room's facilitator, or a
participant of the room who has not been removed; the room open) and raises ``ServiceError``
with a message for the person. A group's draft is edited only by the people in that group.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from workshops.models import Activity, Participant
from workshops.services import NotAllowed, ServiceError

from ..models import GroupMember, RitualGroup, VisionDraft, VisionStatement, VisionVote
from . import groups as group_services
from .access import check_open, check_participant, check_running_facilitator, check_text

STATEMENT_LIMIT = 600
NOT_YOUR_GROUP = gettext_noop("Only the people in {group} can change its draft.")
ALREADY_FINAL = gettext_noop("The statement is final, so the drafts and votes are closed.")
VOTING = gettext_noop(
    "Voting is open: the drafts stay as they are until the facilitator closes it."
)
NOT_VOTING = gettext_noop(
    "Voting is not open yet: the facilitator opens it when the drafts are ready."
)


def _statement(activity: Activity, *, lock: bool = False) -> VisionStatement:
    statement, _ = VisionStatement.objects.get_or_create(activity=activity)
    if lock:
        statement = VisionStatement.objects.select_for_update().get(pk=statement.pk)
    return statement


def statement_of(activity: Activity) -> VisionStatement:
    """The activity's statement as it stands (unsaved and empty before anything happened)."""
    return VisionStatement.objects.filter(activity=activity).first() or VisionStatement(
        activity=activity
    )


def _text(text: str) -> str:
    return check_text(
        text,
        empty=gettext("Write the statement first."),
        limit=STATEMENT_LIMIT,
        what=gettext("the statement"),
    )


@transaction.atomic
def split_into_groups(
    activity: Activity, by: AbstractBaseUser | None, count: int
) -> list[RitualGroup]:
    """Split the room into ``count`` groups, each with an empty draft. Splitting again starts
    the drafts and votes afresh, so it is refused once voting has opened or the statement is
    final."""
    check_running_facilitator(activity.workshop, by)
    statement = _statement(activity, lock=True)
    if statement.is_final:
        raise ServiceError(gettext(ALREADY_FINAL))
    if statement.voting_open:
        raise ServiceError(gettext("Close the voting before you split the room again."))
    groups = group_services.split_into_groups(activity, by, count)
    VisionDraft.objects.bulk_create(VisionDraft(activity=activity, group=g) for g in groups)
    return groups


def place_late_joiner(activity: Activity, participant: Participant) -> RitualGroup | None:
    """Someone who arrived after the split joins the smallest group (see services.groups)."""
    return group_services.place_late_joiner(activity, participant)


@transaction.atomic
def edit_draft(draft: VisionDraft, participant: Participant | None, text: str) -> VisionDraft:
    """A member of the group saves its draft: the last save wins, and counts a version."""
    if participant is None:
        raise NotAllowed(gettext("The drafts are written on the groups' phones."))
    activity = draft.activity
    participant = check_participant(activity.workshop, participant)
    check_open(activity.workshop)
    draft = VisionDraft.objects.select_for_update().select_related("group").get(pk=draft.pk)
    if not GroupMember.objects.filter(
        activity=activity, group=draft.group, participant=participant
    ).exists():
        raise NotAllowed(gettext(NOT_YOUR_GROUP).format(group=draft.group.name))
    statement = statement_of(activity)
    if statement.is_final:
        raise ServiceError(gettext(ALREADY_FINAL))
    if statement.voting_open:
        raise ServiceError(gettext(VOTING))
    draft.text = _text(text)
    draft.version += 1
    draft.updated_by = participant.display_name
    draft.save(update_fields=["text", "version", "updated_by", "updated_at"])
    return draft


@transaction.atomic
def set_voting(activity: Activity, by: AbstractBaseUser | None, open_: bool) -> VisionStatement:
    """Open the vote on the drafts written so far, or close it (the votes stay)."""
    check_running_facilitator(activity.workshop, by)
    statement = _statement(activity, lock=True)
    if statement.is_final:
        raise ServiceError(gettext(ALREADY_FINAL))
    if open_ and not VisionDraft.objects.filter(activity=activity).exclude(text="").exists():
        raise ServiceError(
            gettext("No group has saved a draft yet, so there is nothing to vote on.")
        )
    statement.voting_open = open_
    statement.save(update_fields=["voting_open"])
    return statement


@transaction.atomic
def vote(draft: VisionDraft, participant: Participant | None) -> VisionVote:
    """A person's one vote goes to this draft (a second vote moves it)."""
    if participant is None:
        raise NotAllowed(gettext("Votes come from the people in the room."))
    activity = draft.activity
    participant = check_participant(activity.workshop, participant)
    check_open(activity.workshop)
    statement = statement_of(activity)
    if statement.is_final:
        raise ServiceError(gettext(ALREADY_FINAL))
    if not statement.voting_open:
        raise ServiceError(gettext(NOT_VOTING))
    draft = VisionDraft.objects.filter(pk=draft.pk).first()
    if draft is None:
        raise ServiceError(gettext("That draft is no longer there: the room was split again."))
    if not draft.text:
        raise ServiceError(gettext("That group has not written a draft, so it cannot take votes."))
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    ballot, _ = VisionVote.objects.update_or_create(
        activity=activity, participant=participant, defaults={"draft": draft}
    )
    return ballot


@transaction.atomic
def finalise(activity: Activity, by: AbstractBaseUser | None, text: str) -> VisionStatement:
    """The facilitator sets the room's statement (doing it again rewords it); voting ends."""
    check_running_facilitator(activity.workshop, by)
    text = _text(text)
    statement = _statement(activity, lock=True)
    statement.text = text
    statement.voting_open = False
    statement.finalised_at = statement.finalised_at or timezone.now()
    statement.finalised_by = by
    statement.save(update_fields=["text", "voting_open", "finalised_at", "finalised_by"])
    return statement


def drafts_with_votes(activity: Activity) -> list[VisionDraft]:
    """The activity's drafts in group order, each with ``vote_total`` (read-only)."""
    return list(
        VisionDraft.objects.filter(activity=activity)
        .select_related("group")
        .annotate(vote_total=Count("votes"))
        .order_by("group__position", "pk")
    )


def draft_in(activity: Activity, draft_id: int) -> VisionDraft:
    draft = VisionDraft.objects.filter(pk=draft_id, activity=activity).select_related("group")
    found = draft.first()
    if found is None:
        raise ServiceError(gettext("That draft is no longer there: the room was split again."))
    return found


def vote_of(activity: Activity, participant: Participant) -> VisionVote | None:
    return VisionVote.objects.filter(activity=activity, participant=participant).first()
