"""The year-long culture program of a workshop: rituals, milestones, metrics, share links."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from . import cadence as cadences


class Pillar(models.TextChoices):
    """The four pillars of a customer culture; the slugs match the ritual library's data-pillar."""

    STORIES = "stories", _("Sharing customer stories")
    LISTENING = "listening", _("Listening to customers")
    RESPONSIBILITY = "responsibility", _("Shared responsibility")
    WAY_OF_WORKING = "way-of-working", _("Customer-centred way of working")


class Cadence(models.TextChoices):
    DAILY = cadences.DAILY, _("Every working day")
    WEEKLY = cadences.WEEKLY, _("Every week")
    FORTNIGHTLY = cadences.FORTNIGHTLY, _("Every two weeks")
    MONTHLY_WEEKDAY = cadences.MONTHLY_WEEKDAY, _("Monthly, on a weekday (e.g. 2nd Tuesday)")
    MONTHLY_DAY = cadences.MONTHLY_DAY, _("Monthly, on a day of the month")
    QUARTERLY = cadences.QUARTERLY, _("Every quarter")
    YEARLY = cadences.YEARLY, _("Once a year")


# Weekday names from Django's own catalogue: they read in the active language.
WEEKDAY_CHOICES = list(WEEKDAYS.items())
WEEK_OF_MONTH_CHOICES = [
    (1, _("1st")),
    (2, _("2nd")),
    (3, _("3rd")),
    (4, _("4th")),
    (cadences.LAST, _("last")),
]
DAY_OF_MONTH_CHOICES = [(day, str(day)) for day in range(1, 29)] + [(cadences.LAST, _("last day"))]


class CultureProgram(models.Model):
    """The next twelve months of one workshop's client: one program per workshop."""

    workshop = models.OneToOneField(
        "workshops.Workshop", on_delete=models.CASCADE, related_name="culture_program"
    )
    start_date = models.DateField(_("Program starts"))
    customer_owner = models.CharField(
        _("C-level owner of customer responsibility"),
        max_length=200,
        blank=True,
        help_text=_("The board member who answers for doing best for customers."),
    )
    executive_summary = models.TextField(blank=True)
    # More ritual sessions than this in a month, and the month stands out as overloaded.
    monthly_capacity = models.PositiveSmallIntegerField(
        _("Sessions a month the organisation can carry"), default=20
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Culture program · {self.workshop}"

    @property
    def end_date(self) -> datetime.date:
        return cadences.program_end(self.start_date)


class ProgramRitual(models.Model):
    program = models.ForeignKey(CultureProgram, on_delete=models.CASCADE, related_name="rituals")
    name = models.CharField(max_length=200)
    pillar = models.CharField(max_length=20, choices=Pillar.choices, blank=True)
    purpose = models.TextField(blank=True)
    cadence = models.CharField(max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY_DAY)
    # The cadence's detail; empty means "as on the first date" (its weekday, its week, its day).
    weekday = models.PositiveSmallIntegerField(null=True, blank=True, choices=WEEKDAY_CHOICES)
    week_of_month = models.SmallIntegerField(null=True, blank=True, choices=WEEK_OF_MONTH_CHOICES)
    day_of_month = models.SmallIntegerField(null=True, blank=True, choices=DAY_OF_MONTH_CHOICES)
    first_date = models.DateField(null=True, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    sponsor = models.CharField(max_length=200, blank=True)
    success_signal = models.TextField(blank=True)
    # Extra text handed over from the workshop (who takes part, the steps) for the report.
    participants = models.TextField(blank=True)
    steps = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    is_started = models.BooleanField(_("Started in the workshop"), default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def rule(self) -> cadences.Rule | None:
        """The cadence as the engine reads it, or None while there is no first date."""
        if self.first_date is None:
            return None
        return cadences.Rule(
            cadence=self.cadence,
            first_date=self.first_date,
            weekday=self.weekday,
            week_of_month=self.week_of_month,
            day_of_month=self.day_of_month,
        )

    @property
    def cadence_text(self) -> str:
        rule = self.rule
        return cadences.describe(rule) if rule else self.get_cadence_display()


class Milestone(models.Model):
    program = models.ForeignKey(CultureProgram, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=200)
    date = models.DateField()
    # The default reviews keep their distance from the start when the start moves.
    days_after_start = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.name


class ProgramMetric(models.Model):
    """A customer metric that shows whether the culture is moving."""

    program = models.ForeignKey(CultureProgram, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(max_length=200)
    baseline = models.CharField(max_length=100, blank=True)
    target = models.CharField(max_length=100, blank=True)
    how_measured = models.TextField(_("How it is measured"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ShareLink(models.Model):
    """A read-only link for the client: the program page and its downloads, no log-in."""

    program = models.ForeignKey(
        CultureProgram, on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Share link for {self.program.workshop}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
