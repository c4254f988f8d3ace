"""Groups for ritual design: split the room by count, move people by hand, place late joiners.

A group holds people and points at the ritual it designs; the canvas lives on the
``DesignedRitual``, so splitting the room again never loses a canvas.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext

from workshops.models import Activity, Participant
from workshops.services import ServiceError

from ..models import DesignedRitual, GroupMember, RitualGroup
from .access import check_open, check_participant, check_running_facilitator

MAX_GROUPS = 12


def current_participants(activity: Activity) -> list[Participant]:
    return list(activity.workshop.participants.filter(removed_at__isnull=True))


@transaction.atomic
def split_into_groups(
    activity: Activity, by: AbstractBaseUser | None, count: int
) -> list[RitualGroup]:
    """Split everyone in the room into ``count`` groups of (nearly) equal size.

    People are dealt out in the order they joined, so those who arrived together (and often sit
    together) end up in different groups. The designed rituals go to the groups in order; any
    earlier grouping is replaced, the canvases stay.
    """
    check_running_facilitator(activity.workshop, by)
    people = current_participants(activity)
    if not people:
        raise ServiceError(gettext("Nobody has joined the room yet, so there is nobody to group."))
    if not 1 <= count <= min(MAX_GROUPS, len(people)):
        raise ServiceError(
            gettext("Choose between 1 and %(most)s groups for the %(people)s people in the room.")
            % {"most": min(MAX_GROUPS, len(people)), "people": len(people)}
        )
    RitualGroup.objects.filter(activity=activity).delete()
    rituals = list(DesignedRitual.objects.filter(activity=activity))
    groups = [
        RitualGroup.objects.create(
            activity=activity,
            position=index,
            name=gettext("Group %(number)s") % {"number": index + 1},
            designed_ritual=rituals[index] if index < len(rituals) else None,
        )
        for index in range(count)
    ]
    GroupMember.objects.bulk_create(
        GroupMember(activity=activity, group=groups[index % count], participant=person)
        for index, person in enumerate(people)
    )
    return groups


def group_of(activity: Activity, participant: Participant) -> RitualGroup | None:
    member = (
        GroupMember.objects.filter(activity=activity, participant=participant)
        .select_related("group")
        .first()
    )
    return member.group if member else None


def place_late_joiner(activity: Activity, participant: Participant) -> RitualGroup | None:
    """Put someone who arrived after the split into the smallest group (None before a split).

    Called when a phone joins or opens the design activity; placing someone twice changes
    nothing.
    """
    workshop = activity.workshop
    participant = check_participant(workshop, participant)
    check_open(workshop)
    try:
        with transaction.atomic():
            groups = RitualGroup.objects.select_for_update().filter(activity=activity)
            existing = group_of(activity, participant)
            if existing is not None:
                return existing
            smallest = (
                groups.annotate(size=Count("members")).order_by("size", "position", "pk").first()
            )
            if smallest is None:
                return None
            GroupMember.objects.create(activity=activity, group=smallest, participant=participant)
            return smallest
    except IntegrityError:
        # The same phone was placed twice at once: the first placement holds.
        return group_of(activity, participant)


@transaction.atomic
def move_member(
    activity: Activity, by: AbstractBaseUser | None, participant: Participant, group: RitualGroup
) -> GroupMember:
    """Move someone into another group by hand (or into a first group, if they had none)."""
    workshop = activity.workshop
    check_running_facilitator(workshop, by)
    participant = check_participant(workshop, participant)
    if group.activity_id != activity.pk:
        raise ServiceError(gettext("That group is not part of this activity."))
    member, _ = GroupMember.objects.update_or_create(
        activity=activity, participant=participant, defaults={"group": group}
    )
    return member


@transaction.atomic
def assign_ritual(
    group: RitualGroup, by: AbstractBaseUser | None, designed: DesignedRitual | None
) -> RitualGroup:
    """Give a group the ritual it designs (None: no ritual yet)."""
    check_running_facilitator(group.activity.workshop, by)
    if designed is not None and designed.activity_id != group.activity_id:
        raise ServiceError(gettext("That ritual is not being designed in this activity."))
    group.designed_ritual = designed
    group.save(update_fields=["designed_ritual"])
    return group
