"""The ritual started in the room, and everyone's commitment to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .design import DesignedRitual


class StartedRitual(models.Model):
    """The one ritual the room implements before it empties."""

    activity = models.OneToOneField(
        "workshops.Activity", on_delete=models.CASCADE, related_name="started_ritual"
    )
    # A started ritual keeps its design (RESTRICT), yet both go when the workshop is deleted.
    designed_ritual = models.ForeignKey(
        DesignedRitual, on_delete=models.RESTRICT, related_name="starts"
    )
    first_occurrence = models.DateTimeField()
    owner = models.CharField(max_length=120)
    sponsor = models.CharField("C-level sponsor", max_length=120)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.designed_ritual)


class Commitment(models.Model):
    """ "I will …": one per participant per started ritual, editable by its author."""

    started_ritual = models.ForeignKey(
        StartedRitual, on_delete=models.CASCADE, related_name="commitments"
    )
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="commitments"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["started_ritual", "participant"], name="one_commitment_per_person"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]
