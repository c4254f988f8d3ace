"""The room's vision statement: each group drafts one from the vision board's notes, the room
votes for a draft, the facilitator finalises one statement."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .design import RitualGroup


class VisionStatement(models.Model):
    """The activity's state: whether the room is voting, and the final statement once set."""

    activity = models.OneToOneField(
        "workshops.Activity", on_delete=models.CASCADE, related_name="vision_statement"
    )
    text = models.TextField(blank=True)
    voting_open = models.BooleanField(default=False)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.text[:60] or "(no statement yet)"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


class VisionDraft(models.Model):
    """One group's draft of the statement; ``version`` counts its saves."""

    activity = models.ForeignKey(
        "workshops.Activity", on_delete=models.CASCADE, related_name="vision_drafts"
    )
    group = models.OneToOneField(RitualGroup, on_delete=models.CASCADE, related_name="vision_draft")
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.CharField(max_length=80, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group__position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class VisionVote(models.Model):
    """One person's vote for a draft: one per person and activity, changeable."""

    activity = models.ForeignKey("workshops.Activity", on_delete=models.CASCADE, related_name="+")
    draft = models.ForeignKey(VisionDraft, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="vision_votes"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="one_vision_vote_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} for {self.draft_id}"
