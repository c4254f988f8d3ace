"""Explainer slides: the method told on the projector, with speaker notes for the facilitator."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Slide(models.Model):
    """One slide of an explainer activity; its speaker notes never reach a phone."""

    activity = models.ForeignKey("Activity", on_delete=models.CASCADE, related_name="slides")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text=_("Short paragraphs, separated by a blank line."))
    speaker_notes = models.TextField(blank=True, help_text=_("For the facilitator only."))

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.heading
