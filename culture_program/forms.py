"""Every input to the program builder goes through one of these forms."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
        labels = {"executive_summary": _("Executive summary")}
        help_texts = {
            "monthly_capacity": _("A month with more ritual sessions than this is flagged."),
        }

    def clean_monthly_capacity(self) -> int:
        value = self.cleaned_data["monthly_capacity"]
        if value < 1:
            raise forms.ValidationError(gettext("A month can carry at least one session."))
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
            "name": _("Name"),
            "pillar": _("Pillar"),
            "cadence": _("Cadence"),
            "first_date": _("First date"),
            "weekday": _("On (weekday)"),
            "week_of_month": _("Which week"),
            "day_of_month": _("Day of the month"),
            "owner": _("Owner"),
            "sponsor": _("Sponsor"),
            "purpose": _("Purpose"),
            "success_signal": _("We know it works when…"),
        }
        help_texts = {"first_date": _("The first session; the cadence counts from here.")}

    def __init__(self, *args, program: CultureProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["pillar"].empty_label = None
        self.fields["pillar"].choices = [
            ("", _("Not yet chosen")),
            *self.fields["pillar"].choices[1:],
        ]
        for name in ("weekday", "week_of_month", "day_of_month"):
            self.fields[name].choices = [
                ("", _("As on the first date")),
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
        labels = {"name": _("Name"), "date": _("Date")}

    def __init__(self, *args, program: CultureProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_date(self):
        date = self.cleaned_data["date"]
        start, end = self.program.start_date, self.program.end_date
        if not start <= date <= end:
            raise forms.ValidationError(
                gettext("Pick a date within the program, from %(start)s to %(end)s.")
                % {"start": date_format(start, "j F Y"), "end": date_format(end, "j F Y")}
            )
        return date


class MetricForm(forms.ModelForm):
    class Meta:
        model = ProgramMetric
        fields = ["name", "baseline", "target", "how_measured"]
        widgets = {"how_measured": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "name": _("Customer metric"),
            "baseline": _("Baseline"),
            "target": _("Target"),
        }

    def __init__(self, *args, program: CultureProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
