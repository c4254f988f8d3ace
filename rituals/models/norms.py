"""The norms inventory: what a norm note adds to the core board, and from → to pairs."""

from __future__ import annotations

from django.db import models

from .library import Pillar


class NormDetail(models.Model):
    """A norm on the board names its pillar and may add the belief behind it."""

    note = models.OneToOneField(
        "workshops.Note", on_delete=models.CASCADE, related_name="norm_detail"
    )
    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="+")
    belief = models.TextField("The belief behind it", blank=True)

    def __str__(self) -> str:
        return f"{self.pillar}: {self.note}"


class NormShift(models.Model):
    """A norm turned into a from → to pair by the facilitator."""

    activity = models.ForeignKey(
        "workshops.Activity", on_delete=models.CASCADE, related_name="norm_shifts"
    )
    note = models.ForeignKey(
        "workshops.Note",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="norm_shifts",
    )
    from_text = models.TextField("From")
    to_text = models.TextField("To")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_text} → {self.to_text}"
