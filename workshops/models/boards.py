"""Sticky-note boards: columns, notes, votes and the clusters notes are grouped into."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rooms import Activity, Participant


class BoardColumn(models.Model):
    class Colour(models.TextChoices):
        YELLOW = "yellow", _("Yellow")
        BLUE = "blue", _("Blue")
        GREEN = "green", _("Green")
        PINK = "pink", _("Pink")
        ORANGE = "orange", _("Orange")
        PURPLE = "purple", _("Purple")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="columns")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=80)
    colour = models.CharField(max_length=10, choices=Colour.choices, default=Colour.YELLOW)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Cluster(models.Model):
    """A named group of notes in one column, made by the facilitator."""

    column = models.ForeignKey(BoardColumn, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["column", "name"], name="unique_cluster_name_per_column"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Note(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="notes")
    column = models.ForeignKey(BoardColumn, on_delete=models.CASCADE, related_name="notes")
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    # None for the facilitator's own notes.
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    # On a mixed-signals board: the paradigm dimension the example is about.
    dimension = models.ForeignKey(
        "WorkshopDimension", null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    author_name = models.CharField(max_length=60)
    # On a mixed-signals board a note is a pair: `text` is what leaders say, and this is what
    # a system (a process, policy, reward or metric) does instead.
    text = models.TextField(blank=True)
    system_does = models.TextField(_("What the system does instead"), blank=True)
    # A picture note: re-encoded and stripped of metadata on upload (workshops/pictures.py).
    image = models.ImageField(upload_to="notes/%Y/%m/", blank=True)
    # Made on the phone: the same client_id sent twice is one note.
    client_id = models.CharField(max_length=64)
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "client_id"], name="one_note_per_client_id")
        ]

    def __str__(self) -> str:
        return self.text[:50]


class Vote(models.Model):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["participant", "note"])]
