"""The first draft of a customer-centred way of working, line by line."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WayOfWorkingLine(models.Model):
    class Section(models.TextChoices):
        GOALS = (
            "goals",
            _("Customer goals and metrics every piece of work starts from and is judged by"),
        )
        INSIGHT = (
            "insight",
            _(
                "How customer insight enters the work: understand, define, ideate, prototype, "
                "test with customers"
            ),
        )
        OWNERSHIP = "ownership", _("Who owns customer responsibility at C-level")
        RITUALS = "rituals", _("Which of our designed rituals support it")

    activity = models.ForeignKey(
        "workshops.Activity", on_delete=models.CASCADE, related_name="way_of_working_lines"
    )
    section = models.CharField(max_length=12, choices=Section.choices)
    text = models.TextField()
    # None for a line the facilitator wrote.
    suggested_by = models.ForeignKey(
        "workshops.Participant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="way_of_working_lines",
    )
    accepted = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
