"""Every input to the program builder goes through one of these forms."""

from __future__ import annotations

from django import forms

from . import cadence
from .models import CultureProgram, Milestone, ProgramMetric, ProgramRitual


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ProgramForm(forms.ModelForm):
    class Meta:
        model = CultureProgram
        fields = ["start_date", "customer_owner", "monthly_capacity", "executive_summary"]
        widgets = {
            "start_date": DateInput(),
            "executive_summary": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "monthly_capacity": "A month with more ritual sessions than this is flagged.",
        }

    def clean_monthly_capacity(self) -> int:
        value = self.cleaned_data["monthly_capacity"]
        if value < 1:
            raise forms.ValidationError("A month can carry at least one session.")
        return value


class RitualForm(forms.ModelForm):
    """A ritual of the program; its cadence must give dates inside the program's year."""

    class Meta:
        model = ProgramRitual
        fields = [
            "name",
            "pillar",
            "cadence",
            "first_date",
            "weekday",
            "week_of_month",
            "day_of_month",
            "owner",
            "sponsor",
            "purpose",
            "success_signal",
            "is_started",
        ]
        widgets = {
            "first_date": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "success_signal": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "weekday": "On (weekday)",
            "week_of_month": "Which week",
            "day_of_month": "Day of the month",
            "success_signal": "We know it works when…",
        }
        help_texts = {"first_date": "The first session; the cadence counts from here."}

    def __init__(self, *args, program: CultureProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["pillar"].empty_label = None
        self.fields["pillar"].choices = [("", "Not yet chosen"), *self.fields["pillar"].choices[1:]]
        for name in ("weekday", "week_of_month", "day_of_month"):
            self.fields[name].choices = [
                ("", "As on the first date"),
                *self.fields[name].choices[1:],
            ]

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors.get("cadence") or self.errors.get("first_date"):
            return cleaned
        try:
            cadence.validate(
                cleaned.get("cadence"),
                cleaned.get("first_date"),
                self.program.end_date,
                weekday=cleaned.get("weekday"),
                week_of_month=cleaned.get("week_of_month"),
                day_of_month=cleaned.get("day_of_month"),
            )
        except cadence.CadenceError as error:
            self.add_error("first_date", str(error))
        return cleaned


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "date"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, program: CultureProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_date(self):
        date = self.cleaned_data["date"]
        start, end = self.program.start_date, self.program.end_date
        if not start <= date <= end:
            raise forms.ValidationError(
                f"Pick a date within the program, from {start:%-d %B %Y} to {end:%-d %B %Y}."
            )
        return date


class MetricForm(forms.ModelForm):
    class Meta:
        model = ProgramMetric
        fields = ["name", "baseline", "target", "how_measured"]
        widgets = {"how_measured": forms.Textarea(attrs={"rows": 2})}
        labels = {"name": "Customer metric"}

    def __init__(self, *args, program: CultureProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
