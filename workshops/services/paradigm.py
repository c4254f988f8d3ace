"""The paradigm comparison: a workshop's dimensions, the slide on screen, and ratings."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from ..models import (
    SCALE_MAX,
    SCALE_MIN,
    Activity,
    ParadigmDimension,
    Participant,
    Rating,
    Workshop,
    WorkshopDimension,
)
from .access import check_facilitator, check_participant, swap_with_neighbour
from .errors import NotAllowed, ServiceError

PARADIGM_KIND = "paradigm"
GAPS_KIND = "gaps"
# What a workshop copies from the library, and what the facilitator may change in the copy.
DIMENSION_TEXTS = ("name", "product_centred", "customer_centred", "question", "pillar")


def copy_dimensions(activity: Activity, sources: list[ParadigmDimension]) -> None:
    """Give a paradigm activity its own copies of library dimensions, in order."""
    WorkshopDimension.objects.bulk_create(
        WorkshopDimension(
            activity=activity,
            source=source,
            position=position,
            **{name: getattr(source, name) for name in DIMENSION_TEXTS},
        )
        for position, source in enumerate(sources)
    )
    activity.current_dimension = activity.dimensions.first()
    activity.save(update_fields=["current_dimension"])


def _paradigm(workshop: Workshop, activity_id: int | None) -> Activity:
    activity_id = activity_id or workshop.current_activity_id
    activity = workshop.activities.filter(pk=activity_id, kind=PARADIGM_KIND).first()
    if activity is None:
        raise ServiceError(gettext("That paradigm comparison is not part of this workshop."))
    return activity


# Facilitator: the deck ------------------------------------------------------------------------


def goto_dimension(workshop: Workshop, by: AbstractBaseUser | None, dimension_id: int) -> Activity:
    """Show one dimension of the paradigm comparison on screen."""
    check_facilitator(workshop, by)
    activity = _paradigm(workshop, None)
    dimension = activity.dimensions.filter(pk=dimension_id).first()
    if dimension is None:
        raise ServiceError(gettext("That dimension is not in this comparison."))
    activity.current_dimension = dimension
    activity.save(update_fields=["current_dimension"])
    return activity


def step_dimension(activity: Activity, offset: int) -> bool:
    """Move the deck one slide on; False when it is already at that end (the caller moves on)."""
    ids = list(activity.dimensions.values_list("pk", flat=True))
    if activity.current_dimension_id not in ids:
        return False
    target = ids.index(activity.current_dimension_id) + offset
    if not 0 <= target < len(ids):
        return False
    activity.current_dimension_id = ids[target]
    activity.save(update_fields=["current_dimension"])
    return True


# Facilitator: picking, ordering and rewording the dimensions ----------------------------------


@transaction.atomic
def add_dimension(activity: Activity, by: AbstractBaseUser, source: ParadigmDimension) -> None:
    check_facilitator(activity.workshop, by)
    if activity.kind != PARADIGM_KIND:
        raise ServiceError(gettext("Only the paradigm comparison has dimensions."))
    last = activity.dimensions.aggregate(last=Max("position"))["last"]
    WorkshopDimension.objects.create(
        activity=activity,
        source=source,
        position=0 if last is None else last + 1,
        **{name: getattr(source, name) for name in DIMENSION_TEXTS},
    )
    if activity.current_dimension_id is None:
        activity.current_dimension = activity.dimensions.first()
        activity.save(update_fields=["current_dimension"])


def update_dimension(dimension: WorkshopDimension, by: AbstractBaseUser, **texts: str) -> None:
    """Reword a workshop's dimension; fields left out (such as the pillar) stay as they are."""
    check_facilitator(dimension.activity.workshop, by)
    changed = [name for name in DIMENSION_TEXTS if name in texts]
    for name in changed:
        setattr(dimension, name, texts[name])
    dimension.save(update_fields=changed)


@transaction.atomic
def remove_dimension(dimension: WorkshopDimension, by: AbstractBaseUser) -> None:
    activity = dimension.activity
    check_facilitator(activity.workshop, by)
    dimension.delete()
    activity.refresh_from_db(fields=["current_dimension"])
    if activity.current_dimension_id is None:
        activity.current_dimension = activity.dimensions.first()
        activity.save(update_fields=["current_dimension"])


@transaction.atomic
def move_dimension(dimension: WorkshopDimension, by: AbstractBaseUser, *, offset: int) -> None:
    check_facilitator(dimension.activity.workshop, by)
    swap_with_neighbour(dimension.activity.dimensions.all(), dimension, offset)


# Participants: rating where we are and where we want to be ------------------------------------


def set_rating(
    workshop: Workshop,
    *,
    participant: Participant | None,
    activity_id: int | None,
    dimension_id: int,
    today: int,
    target: int,
) -> Rating:
    """Rate one dimension; rating it again replaces the earlier rating."""
    if participant is None:
        raise NotAllowed(gettext("Ratings are for participants."))
    check_participant(workshop, participant)
    activity = _paradigm(workshop, activity_id)
    dimension = activity.dimensions.filter(pk=dimension_id).first()
    if dimension is None:
        raise ServiceError(gettext("That dimension is not in this comparison."))
    for value in (today, target):
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ServiceError(
                gettext("Pick a point from %(low)s to %(high)s.")
                % {"low": SCALE_MIN, "high": SCALE_MAX}
            )
    rating, _created = Rating.objects.update_or_create(
        dimension=dimension, participant=participant, defaults={"today": today, "target": target}
    )
    return rating
