"""The paradigm comparison: product-centred vs customer-centred, dimension by dimension."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .rooms import Activity, Participant

SCALE_MIN, SCALE_MAX = 1, 7


class Pillar(models.TextChoices):
    """The four pillars of a customer culture: a gap on a dimension points to its rituals."""

    STORIES = "stories", _("Sharing customer stories")
    LISTENING = "listening", _("Listening to customers")
    RESPONSIBILITY = "responsibility", _("Shared responsibility")
    WAY_OF_WORKING = "way-of-working", _("Way of working")


class ParadigmDimension(models.Model):
    """One dimension of the "full package" in the library (content, edited in the admin)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    product_centred = models.TextField(_("Under the product-centred paradigm"))
    customer_centred = models.TextField(_("Under the customer-centred paradigm"))
    question = models.TextField(_("Question for the room"))
    pillar = models.CharField(max_length=20, choices=Pillar.choices, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class WorkshopDimension(models.Model):
    """A workshop's own copy of a dimension: picked, ordered and reworded by the facilitator."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="dimensions")
    source = models.ForeignKey(
        ParadigmDimension, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=80)
    product_centred = models.TextField(_("Product-centred"))
    customer_centred = models.TextField(_("Customer-centred"))
    question = models.TextField(blank=True)
    pillar = models.CharField(max_length=20, choices=Pillar.choices, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """Where one participant sees the organisation today, and where it should be."""

    dimension = models.ForeignKey(
        WorkshopDimension, on_delete=models.CASCADE, related_name="ratings"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ratings")
    today = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    target = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "participant"], name="one_rating_per_person_and_dimension"
            )
        ]
