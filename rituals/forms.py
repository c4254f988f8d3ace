"""Validation for every input of the rituals module: the library pages now, socket messages
of the workshop activities later (each form's ``cleaned_data`` is what its service takes)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workshops import forms as core_forms
from workshops.models import Activity, Note, Participant
from workshops.services import ServiceError

from .models import (
    DesignedRitual,
    Pillar,
    Ritual,
    RitualGroup,
    WayOfWorkingLine,
)
from .services.canvas import CANVAS_FIELDS, FIELD_LABELS, TEXT_LIMIT, clean_canvas_value
from .services.commitments import COMMITMENT_LIMIT, PEOPLE_LIMIT
from .services.ideas import MAX_DESIGNED, MIN_DESIGNED
from .services.library import RITUAL_FIELDS
from .services.norms import BELIEF_LIMIT, SHIFT_LIMIT
from .services.way_of_working import LINE_LIMIT
from .texts import lazy_format

# The library --------------------------------------------------------------------------------


class PillarChoiceField(forms.ModelChoiceField):
    """A pillar chosen by its slug (stories, listening, responsibility, way-of-working)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Pillar.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs["error_messages"] = {
            "invalid_choice": _("Pick one of the four pillars."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Pillar) -> str:
        return gettext(obj.name)  # built-in content, in the screen's language


class RitualForm(forms.ModelForm):
    class Meta:
        model = Ritual
        fields = list(RITUAL_FIELDS)
        # The model's field names, as the form shows them (in the screen's language).
        labels = {
            "name": _("Name"),
            "pillar": _("Pillar"),
            "purpose": _("Purpose"),
            "cadence": _("Cadence"),
            "duration": _("Duration (minutes)"),
            "participants": _("Who takes part"),
            "steps": _("Steps"),
            "needs": _("What it needs"),
            "success_signal": _("The signal that it works"),
        }
        help_texts = {
            "purpose": _("Why the ritual exists, in a sentence or two."),
            "participants": _("Who takes part, and who leads it."),
            "steps": _("One step per line."),
            "needs": _("Time, people, tools or permissions it cannot do without."),
            "success_signal": _("What you will see or measure when it works."),
        }
        error_messages = {
            "name": {"required": _("Give the ritual a name.")},
            "pillar": {
                "required": _("Pick the pillar the ritual strengthens."),
                "invalid_choice": _("Pick one of the four pillars."),
            },
            "purpose": {"required": _("Say what the ritual is for.")},
            "cadence": {
                "required": _("Pick how often the ritual happens."),
                "invalid_choice": _("Pick how often the ritual happens from the list."),
            },
            "duration": {
                "required": _("Say how many minutes it takes."),
                "invalid": _("Write the duration as a whole number of minutes."),
                "min_value": _("A ritual takes at least one minute."),
                "max_value": _("Keep a ritual under 480 minutes (a full working day)."),
            },
            "participants": {"required": _("Say who takes part.")},
            "steps": {"required": _("Write the steps, one per line.")},
            "success_signal": {"required": _("Say how you will know the ritual works.")},
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "steps": forms.Textarea(attrs={"rows": 5}),
            "needs": forms.Textarea(attrs={"rows": 2}),
            "success_signal": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_steps(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Write the steps, one per line."))
        return "\n".join(lines)


class PillarFilterForm(forms.Form):
    """The library's filter: ?pillar=listening, or nothing for every pillar."""

    pillar = PillarChoiceField(required=False)


# Norms inventory ----------------------------------------------------------------------------


class NormDetailForm(forms.Form):
    note_id = forms.IntegerField(min_value=1)
    pillar = PillarChoiceField(error_messages={"required": _("Pick the pillar this norm touches.")})
    belief = forms.CharField(
        label=_("The belief behind it"), required=False, max_length=BELIEF_LIMIT
    )


class NormAddMessage(core_forms.NoteAddMessage):
    """``norm.add``: a note on the norms board, with its pillar and maybe the belief behind it."""

    pillar = PillarChoiceField(error_messages={"required": _("Pick the pillar this norm touches.")})
    belief = forms.CharField(
        required=False,
        max_length=BELIEF_LIMIT,
        error_messages={
            "max_length": lazy_format(
                _("Keep the belief under %(limit)s characters."), limit=BELIEF_LIMIT
            )
        },
    )


class ActivityMessage(forms.Form):
    """A socket message about one of the rituals activities."""

    activity = core_forms.id_field("activity")


class NormShiftMessage(ActivityMessage):
    """``norm.shift``: the selected norm (or a typed "from") and what it should become."""

    note = core_forms.id_field("norm", required=False)
    from_text = forms.CharField(
        required=False,
        max_length=SHIFT_LIMIT,
        error_messages={
            "max_length": lazy_format(
                _("Keep the “from” under %(limit)s characters."), limit=SHIFT_LIMIT
            )
        },
    )
    to_text = forms.CharField(
        max_length=SHIFT_LIMIT,
        error_messages={
            "required": _("Write what the norm should become (the “to”)."),
            "max_length": lazy_format(
                _("Keep the “to” under %(limit)s characters."), limit=SHIFT_LIMIT
            ),
        },
    )

    def clean(self):
        cleaned = super().clean()
        if "to_text" in cleaned and not cleaned.get("note") and not cleaned.get("from_text"):
            raise forms.ValidationError(
                _("Select a norm on the board, or write the norm as it is today (the “from”).")
            )
        return cleaned


class NormShiftRemoveMessage(ActivityMessage):
    shift = core_forms.id_field("pair")


class NormShiftForm(forms.Form):
    note_id = forms.IntegerField(min_value=1, required=False)
    from_text = forms.CharField(label=_("From"), required=False, max_length=SHIFT_LIMIT)
    to_text = forms.CharField(
        label=_("To"),
        max_length=SHIFT_LIMIT,
        error_messages={"required": _("Write what the norm should become (the “to”).")},
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("note_id") and not cleaned.get("from_text"):
            self.add_error("from_text", _("Write the norm as it is today (the “from”)."))
        return cleaned


# Ritual ideas -------------------------------------------------------------------------------


class PutRitualForm(forms.Form):
    """Put a library ritual on the ideas board."""

    ritual = forms.ModelChoiceField(
        queryset=Ritual.objects.all(),
        to_field_name="slug",
        error_messages={
            "required": _("Pick a ritual from the library."),
            "invalid_choice": _("That ritual is no longer in the library."),
        },
    )


class PutRitualMessage(PutRitualForm):
    """``library.put``: from the library (or the ideas board's library picker)."""

    activity = core_forms.id_field("activity")


class NoteIdsField(forms.ModelMultipleChoiceField):
    """Notes by id. An id larger than any database column holds is no note on the board:
    refused here, since looking it up makes SQLite raise OverflowError."""

    largest_id = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.isdigit() and int(text) > self.largest_id:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super()._check_values(value)


class PromoteIdeasForm(forms.Form):
    """The ideas the facilitator promotes into design, from the workshop's boards."""

    notes = NoteIdsField(
        queryset=Note.objects.none(),
        error_messages={
            "required": lazy_format(
                _("Pick %(min)s to %(max)s ideas to design."), min=MIN_DESIGNED, max=MAX_DESIGNED
            ),
            "invalid_choice": _("One of those ideas is no longer on the board."),
        },
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].queryset = Note.objects.filter(activity__workshop=workshop)


class PromoteTopForm(forms.Form):
    count = forms.IntegerField(
        min_value=MIN_DESIGNED,
        max_value=MAX_DESIGNED,
        error_messages={
            "required": lazy_format(
                _("Say how many ideas to design (%(min)s to %(max)s)."),
                min=MIN_DESIGNED,
                max=MAX_DESIGNED,
            ),
            "min_value": lazy_format(_("Design at least %(min)s rituals."), min=MIN_DESIGNED),
            "max_value": lazy_format(_("Design at most %(max)s rituals."), max=MAX_DESIGNED),
        },
    )


class PromoteTopMessage(PromoteTopForm):
    """``ideas.promote``: the top ``count`` ideas of this board go into design."""

    activity = core_forms.id_field("board")


# Groups -------------------------------------------------------------------------------------


class SplitGroupsForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of groups"),
        min_value=1,
        max_value=12,
        error_messages={
            "required": _("Say how many groups to make."),
            "min_value": _("Make at least one group."),
            "max_value": _("Make at most 12 groups."),
        },
    )


class MoveMemberForm(forms.Form):
    participant = forms.ModelChoiceField(
        queryset=Participant.objects.none(),
        error_messages={"invalid_choice": _("That person is no longer in the room.")},
    )
    group = forms.ModelChoiceField(
        queryset=RitualGroup.objects.none(),
        error_messages={"invalid_choice": _("That group no longer exists.")},
    )

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = activity.workshop.participants.filter(
            removed_at__isnull=True
        )
        self.fields["group"].queryset = RitualGroup.objects.filter(activity=activity)


# The ritual canvas --------------------------------------------------------------------------


class CanvasFieldForm(forms.Form):
    """One field of the canvas, with the version the phone's edit started from."""

    field = forms.ChoiceField(
        choices=list(FIELD_LABELS.items()),
        error_messages={"invalid_choice": _("That is not a field of the ritual canvas.")},
    )
    value = forms.CharField(required=False, strip=True, max_length=TEXT_LIMIT)
    base_version = forms.IntegerField(min_value=0)

    def clean(self):
        cleaned = super().clean()
        field = cleaned.get("field")
        if field in CANVAS_FIELDS and "value" in cleaned:
            try:
                clean_canvas_value(field, cleaned["value"])
            except ServiceError as error:
                self.add_error("value", str(error))
        return cleaned


# Start one ritual now -----------------------------------------------------------------------


class StartRitualForm(forms.Form):
    designed = forms.ModelChoiceField(
        label=_("Ritual"),
        queryset=DesignedRitual.objects.none(),
        error_messages={
            "required": _("Pick the ritual the room will start."),
            "invalid_choice": _("That ritual is no longer in the design."),
        },
    )
    first_occurrence = forms.DateTimeField(
        label=_("First occurrence"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Set when the ritual first happens: right now, in the room, is best."),
            "invalid": _("Pick the day and time from the calendar."),
        },
    )
    owner = forms.CharField(
        label=_("Owner (a role)"),
        max_length=PEOPLE_LIMIT,
        error_messages={"required": _("Name the owner: the role that makes sure it happens.")},
    )
    sponsor = forms.CharField(
        label=_("C-level sponsor"),
        max_length=PEOPLE_LIMIT,
        error_messages={"required": _("Name the C-level sponsor who stands behind the ritual.")},
    )

    def __init__(self, *args, workshop, **kwargs):
        kwargs.setdefault("initial", {"first_occurrence": timezone.localtime()})
        super().__init__(*args, **kwargs)
        self.fields["designed"].queryset = DesignedRitual.objects.filter(
            activity__workshop=workshop
        )


class RitualDetailsMessage(ActivityMessage):
    """``ritual.update``: when it first happens, its owner and its C-level sponsor."""

    first_occurrence = forms.DateTimeField(
        error_messages={
            "required": _("Set when the ritual first happens: right now, in the room, is best."),
            "invalid": _("Pick the day and time from the calendar."),
        },
    )
    owner = forms.CharField(
        max_length=PEOPLE_LIMIT,
        error_messages={
            "required": _("Name the owner: the role that makes sure it happens."),
            "max_length": lazy_format(
                _("Keep the owner under %(limit)s characters."), limit=PEOPLE_LIMIT
            ),
        },
    )
    sponsor = forms.CharField(
        max_length=PEOPLE_LIMIT,
        error_messages={
            "required": _("Name the C-level sponsor who stands behind the ritual."),
            "max_length": lazy_format(
                _("Keep the sponsor under %(limit)s characters."), limit=PEOPLE_LIMIT
            ),
        },
    )


class StartRitualMessage(RitualDetailsMessage):
    """``ritual.start``: the designed ritual the room chose, and its details."""

    designed = core_forms.id_field("ritual")


class CommitMessage(ActivityMessage):
    """``ritual.commit``: one's own "I will …"."""

    text = forms.CharField(
        max_length=COMMITMENT_LIMIT,
        error_messages={
            "required": _("Finish the sentence “I will …” with what you will do."),
            "max_length": lazy_format(
                _("Keep your commitment under %(limit)s characters."), limit=COMMITMENT_LIMIT
            ),
        },
    )


class ShowNamesMessage(ActivityMessage):
    show = forms.BooleanField(required=False)


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=_("I will …"),
        max_length=COMMITMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Finish the sentence “I will …” with what you will do.")},
    )


# Way of working -----------------------------------------------------------------------------


class LineMessage(ActivityMessage):
    line = core_forms.id_field("line")


class WayOfWorkingLineMessage(ActivityMessage):
    """``wow.suggest``, ``wow.add``: a line for one section of the draft."""

    section = forms.ChoiceField(
        choices=WayOfWorkingLine.Section.choices,
        error_messages={
            "required": _("Pick the part of the way of working your line belongs to."),
            "invalid_choice": _("Pick the part of the way of working your line belongs to."),
        },
    )
    text = forms.CharField(
        max_length=LINE_LIMIT,
        error_messages={
            "required": _("Write the line first."),
            "max_length": lazy_format(
                _("Keep a line of the draft under %(limit)s characters."), limit=LINE_LIMIT
            ),
        },
    )


class WayOfWorkingEditMessage(WayOfWorkingLineMessage):
    """``wow.edit``: the facilitator rewords a line (editing accepts it)."""

    line = core_forms.id_field("line")


class WayOfWorkingLineForm(forms.Form):
    section = forms.ChoiceField(
        choices=WayOfWorkingLine.Section.choices,
        error_messages={
            "required": _("Pick the part of the way of working your line belongs to."),
            "invalid_choice": _("Pick the part of the way of working your line belongs to."),
        },
    )
    text = forms.CharField(
        max_length=LINE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the line first.")},
    )
