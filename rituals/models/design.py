"""From ideas to designed rituals: library rituals on the ideas board, the rituals promoted into
design with their canvases, and the groups that design them."""

from __future__ import annotations

from django.db import models

from .library import Cadence, Pillar, Ritual


class RitualIdea(models.Model):
    """A library ritual put up for the vote: a core note on the ideas board, linked to its
    library entry. Participants' own ideas are plain notes on the same board."""

    activity = models.ForeignKey(
        "workshops.Activity", on_delete=models.CASCADE, related_name="ritual_ideas"
    )
    note = models.OneToOneField(
        "workshops.Note", on_delete=models.CASCADE, related_name="ritual_idea"
    )
    library_ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="ideas")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "library_ritual"], name="one_card_per_library_ritual"
            )
        ]

    def __str__(self) -> str:
        return str(self.library_ritual)


class DesignedRitual(models.Model):
    """A ritual promoted into design, with the canvas a group fills in.

    The canvas hangs here, not on the group: splitting the room again keeps every canvas.
    ``field_versions`` counts the saved edits of each canvas field (see rituals/services/canvas.py).
    """

    activity = models.ForeignKey(
        "workshops.Activity", on_delete=models.CASCADE, related_name="designed_rituals"
    )
    source_ritual = models.ForeignKey(
        Ritual, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_note = models.ForeignKey(
        "workshops.Note", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    # The canvas.
    name = models.CharField(max_length=120)
    pillar = models.ForeignKey(
        Pillar, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.TextField(blank=True)
    trigger = models.TextField("When it happens (trigger)", blank=True)
    cadence = models.CharField(max_length=12, choices=Cadence.choices, blank=True)
    participants = models.TextField("Who takes part", blank=True)
    steps = models.TextField(blank=True)
    owner = models.CharField("Owner (a role)", max_length=120, blank=True)
    first_date = models.DateField(null=True, blank=True)
    success_signal = models.TextField("How we know it works (a customer metric)", blank=True)

    field_versions = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "source_note"],
                condition=models.Q(source_note__isnull=False),
                name="one_design_per_idea",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def version_of(self, field: str) -> int:
        return int(self.field_versions.get(field, {}).get("version", 0))

    def last_editor_of(self, field: str) -> str:
        return self.field_versions.get(field, {}).get("by", "")


class RitualGroup(models.Model):
    """A group of participants designing one ritual."""

    activity = models.ForeignKey(
        "workshops.Activity", on_delete=models.CASCADE, related_name="ritual_groups"
    )
    name = models.CharField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    designed_ritual = models.ForeignKey(
        DesignedRitual, null=True, blank=True, on_delete=models.SET_NULL, related_name="groups"
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """One participant in one group; a person is in one group per activity."""

    activity = models.ForeignKey("workshops.Activity", on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(RitualGroup, on_delete=models.CASCADE, related_name="members")
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="ritual_groups"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="one_group_per_person_and_activity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} in {self.group}"
