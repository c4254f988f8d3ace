"""What the ritual design activity accepts: its socket messages and the agenda editor's form.

Each message names the design activity it is for; the handlers look the rows up inside the
sender's workshop, so an id from another room is simply "no longer there".
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workshops import kinds
from workshops.models import Activity

from ..services.canvas import FIELD_LABELS
from ..services.groups import MAX_GROUPS
from ..services.ideas import MAX_DESIGNED, MIN_DESIGNED
from ..texts import lazy_format

HOW_MANY_IDEAS = lazy_format(
    _("Say how many ideas to design (%(min)s to %(max)s)."), min=MIN_DESIGNED, max=MAX_DESIGNED
)
# The service says what is too long for each field; this only keeps a runaway message out.
VALUE_CEILING = 5000


class DesignMessage(forms.Form):
    activity = forms.IntegerField(
        min_value=1, error_messages={"required": _("That did not work: reload the page.")}
    )


class CanvasEditMessage(forms.Form):
    """``canvas.edit``: one field of a canvas, with the version the edit started from."""

    designed = forms.IntegerField(
        min_value=1, error_messages={"required": _("That ritual is no longer being designed.")}
    )
    field = forms.ChoiceField(
        choices=list(FIELD_LABELS.items()),
        error_messages={
            "required": _("That is not a field of the ritual canvas."),
            "invalid_choice": _("That is not a field of the ritual canvas."),
        },
    )
    value = forms.CharField(
        required=False,
        strip=False,
        max_length=VALUE_CEILING,
        error_messages={"max_length": _("That text is far too long for the canvas.")},
    )
    version = forms.IntegerField(
        min_value=0, error_messages={"required": _("That did not work: reload the page.")}
    )


class SplitMessage(DesignMessage):
    count = forms.IntegerField(
        min_value=1,
        max_value=MAX_GROUPS,
        error_messages={
            "required": _("Say how many groups to make."),
            "invalid": _("Say how many groups to make."),
            "min_value": _("Make at least one group."),
            "max_value": lazy_format(_("Make at most %(max)s groups."), max=MAX_GROUPS),
        },
    )


class MoveMessage(DesignMessage):
    participant = forms.IntegerField(
        min_value=1, error_messages={"required": _("Pick the person to move.")}
    )
    group = forms.IntegerField(
        min_value=1, error_messages={"required": _("Pick the group to move them to.")}
    )


class AssignMessage(DesignMessage):
    group = forms.IntegerField(min_value=1, error_messages={"required": _("Pick a group.")})
    designed = forms.IntegerField(min_value=1, required=False)


class PromoteMessage(DesignMessage):
    board = forms.IntegerField(
        min_value=1, error_messages={"required": _("Pick the board the ideas are on.")}
    )
    count = forms.IntegerField(
        min_value=MIN_DESIGNED,
        max_value=MAX_DESIGNED,
        error_messages={
            "required": HOW_MANY_IDEAS,
            "invalid": HOW_MANY_IDEAS,
            "min_value": lazy_format(_("Design at least %(min)s rituals."), min=MIN_DESIGNED),
            "max_value": lazy_format(_("Design at most %(max)s rituals."), max=MAX_DESIGNED),
        },
    )


def idea_boards(activity: Activity) -> list[Activity]:
    """The workshop's boards the ideas can come from, the nearest one before this activity
    first (on the "Customer rituals" agenda that is the ideas board)."""
    boards = list(
        activity.workshop.activities.filter(kind__in=kinds.board_kind_keys()).order_by(
            "position", "pk"
        )
    )
    before = [board for board in boards if board.position < activity.position]
    after = [board for board in boards if board.position >= activity.position]
    return list(reversed(before)) + after


class PromoteSettingsForm(forms.Form):
    """The agenda editor's settings of a design activity: promote the top ideas of a board."""

    board = forms.TypedChoiceField(
        label=_("Ideas from"),
        coerce=int,
        error_messages={
            "required": _("Pick the board the ideas are on."),
            "invalid_choice": _("That board is no longer on the agenda."),
        },
    )
    count = forms.IntegerField(
        label=_("How many to design"),
        initial=4,
        min_value=MIN_DESIGNED,
        max_value=MAX_DESIGNED,
        error_messages=PromoteMessage.base_fields["count"].error_messages,
    )

    def __init__(self, data=None, *, instance: Activity, **kwargs):
        super().__init__(data, **kwargs)
        self.instance = instance
        self.fields["board"].choices = [(board.pk, board.title) for board in idea_boards(instance)]
