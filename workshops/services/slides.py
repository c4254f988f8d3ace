"""Explainer slides: the deck an activity shows, the slide on screen, and their wording."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from ..models import Activity, Slide
from .access import check_facilitator, swap_with_neighbour
from .errors import ServiceError

EXPLAINER_KIND = "explainer"
SLIDE_TEXTS = ("heading", "body", "speaker_notes")


def create_slides(activity: Activity, slides: list[dict]) -> None:
    """Give an explainer its slides, from a template's deck or one slide from its title."""
    if not slides:
        slides = [{"heading": activity.title, "body": activity.prompt}]
    Slide.objects.bulk_create(
        Slide(activity=activity, position=position, **{k: str(s.get(k, "")) for k in SLIDE_TEXTS})
        for position, s in enumerate(slides)
    )


def step_slide(activity: Activity, offset: int) -> bool:
    """The next or previous slide; False at either end, so the agenda moves on."""
    target = activity.step + offset
    if not 0 <= target < activity.slides.count():
        return False
    activity.step = target
    activity.save(update_fields=["step"])
    return True


def update_slide(slide: Slide, by: AbstractBaseUser, **texts: str) -> None:
    check_facilitator(slide.activity.workshop, by)
    for name in SLIDE_TEXTS:
        setattr(slide, name, texts[name])
    slide.save(update_fields=list(SLIDE_TEXTS))


@transaction.atomic
def add_slide(activity: Activity, by: AbstractBaseUser, *, heading: str) -> Slide:
    check_facilitator(activity.workshop, by)
    if activity.kind != EXPLAINER_KIND:
        raise ServiceError(gettext("Only explainer activities have slides."))
    return Slide.objects.create(
        activity=activity, position=activity.slides.count(), heading=heading
    )


@transaction.atomic
def remove_slide(slide: Slide, by: AbstractBaseUser) -> None:
    activity = slide.activity
    check_facilitator(activity.workshop, by)
    slide.delete()
    count = activity.slides.count()
    if activity.step >= count:
        activity.step = max(count - 1, 0)
        activity.save(update_fields=["step"])


@transaction.atomic
def move_slide(slide: Slide, by: AbstractBaseUser, *, offset: int) -> None:
    check_facilitator(slide.activity.workshop, by)
    swap_with_neighbour(slide.activity.slides.all(), slide, offset)
