"""Workshops, their agenda of activities, room codes and the participants in a room."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import kinds

# Six characters without look-alikes: no 0/O, no 1/I/L.
ROOM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ROOM_CODE_LENGTH = 6


class WorkshopTemplate(models.Model):
    """A ready-made agenda a facilitator starts a workshop from (content, edited in the admin)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    # A list of {"kind": ..., "title": ..., "prompt": ...}, one per activity, in order.
    agenda = models.JSONField(default=list)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Workshop(models.Model):
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(max_length=200)
    client_organisation = models.CharField(max_length=200, blank=True)
    date = models.DateField(null=True, blank=True)
    room_code = models.CharField(max_length=ROOM_CODE_LENGTH, db_index=True)
    # The code before the last "new room code": screens already in the room keep using it.
    previous_room_code = models.CharField(max_length=ROOM_CODE_LENGTH, blank=True, db_index=True)
    # The language of the presenter screen, the report and the built-in content.
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_closed = models.BooleanField(default=False)
    current_activity = models.ForeignKey(
        "Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The room's countdown: every screen counts down to this server-set moment.
    timer_ends_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["room_code"],
                condition=Q(is_closed=False),
                name="unique_room_code_among_open_workshops",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group_name(self) -> str:
        """The Channels group every screen of this room listens on."""
        return f"room-{self.pk}"


class Activity(models.Model):
    """One item of a workshop's agenda; its ``kind`` (a key of ``workshops.kinds``) says what
    it is and does. Board settings and state live here too, used by the kinds that are boards.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    prompt = models.TextField(blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Planned minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("How long this item is planned to take, from 1 to 240 minutes."),
    )

    # Board settings (the facilitator edits them on the workshop page).
    max_note_length = models.PositiveSmallIntegerField(
        _("Longest note (characters)"),
        default=280,
        validators=[MinValueValidator(20), MaxValueValidator(1000)],
    )
    notes_per_person = models.PositiveSmallIntegerField(
        _("Notes per person"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    votes_per_person = models.PositiveSmallIntegerField(
        _("Votes per person"), default=3, validators=[MaxValueValidator(50)]
    )
    multiple_votes_per_note = models.BooleanField(
        _("Several votes may go on one note"), default=False
    )
    hide_until_reveal = models.BooleanField(_("Hide notes until I reveal them"), default=False)
    show_names = models.BooleanField(_("Show who wrote each note"), default=False)
    allow_pictures = models.BooleanField(_("Participants may add picture notes"), default=False)
    ask_dimension = models.BooleanField(
        _("Each note names a paradigm dimension (mixed signals)"), default=False
    )

    # Board state during the workshop.
    is_locked = models.BooleanField(default=False)
    is_revealed = models.BooleanField(default=False)
    sort_by_votes = models.BooleanField(default=False)
    spotlight_note = models.ForeignKey(
        "Note", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Which step of an activity with steps is on screen (an explainer's slide).
    step = models.PositiveSmallIntegerField(default=0)
    # The paradigm comparison's slide on screen.
    current_dimension = models.ForeignKey(
        "WorkshopDimension", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.title

    @property
    def kind_spec(self):
        """What this activity's kind declares (``workshops.kinds.ActivityKind``)."""
        return kinds.get(self.kind)

    @property
    def kind_label(self) -> str:
        return self.kind_spec.label

    @property
    def is_board(self) -> bool:
        return self.kind_spec.uses_board

    @property
    def notes_hidden(self) -> bool:
        """Others' notes stay off every phone until the facilitator reveals them."""
        return self.hide_until_reveal and not self.is_revealed


class Participant(models.Model):
    """Someone in a room, known by the signed device key in their phone's cookie."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    device_key = models.CharField(max_length=64)
    display_name = models.CharField(max_length=60)
    joined_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "device_key"], name="one_participant_per_device_and_room"
            )
        ]

    def __str__(self) -> str:
        return self.display_name


class Presence(models.Model):
    """One open socket of a participant's phone: who is in the room right now.

    A row per socket, held by the server process that serves it (``server``) and renewed by
    that process's heartbeat. A process that crashes leaves its rows behind, and they stop
    counting once ``expires_at`` passes; a single process starting up clears its
    predecessor's at once. (A counter on the participant drifted for good after a crash.)
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="presences")
    channel_name = models.CharField(max_length=200, unique=True)
    server = models.CharField(max_length=32, db_index=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.participant} on {self.server}"
