"""The four pillars of a customer culture and the library of rituals (content, edited in the
admin and at /rituals/)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cadence(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class Pillar(models.Model):
    """One of the four pillars: stories, listening, responsibility, way-of-working."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    description = models.TextField("Short description")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Ritual(models.Model):
    """A ritual in the library: a small, repeated habit that keeps the customer in the room."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="rituals")
    purpose = models.TextField()
    cadence = models.CharField(max_length=12, choices=Cadence.choices)
    duration = models.PositiveSmallIntegerField(
        "Duration (minutes)", validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    participants = models.TextField("Who takes part")
    steps = models.TextField(help_text="One step per line.")
    needs = models.TextField("What it needs", blank=True)
    success_signal = models.TextField("The signal that it works")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pillar__position", "position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]
