"""What the ritual design activity accepts: its socket messages and the agenda editor's form.

Each message names the design activity it is for; the handlers look the rows up inside the
sender's workshop, so an id from another room is simply "no longer there".
"""

from __future__ import annotations

from django import forms

from workshops import kinds
from workshops.models import Activity

from ..services.canvas import FIELD_LABELS
from ..services.groups import MAX_GROUPS
from ..services.ideas import MAX_DESIGNED, MIN_DESIGNED

# The service says what is too long for each field; this only keeps a runaway message out.
VALUE_CEILING = 5000


class DesignMessage(forms.Form):
    activity = forms.IntegerField(
        min_value=1, error_messages={"required": "That did not work: reload the page."}
    )


class CanvasEditMessage(forms.Form):
    """``canvas.edit``: one field of a canvas, with the version the edit started from."""

    designed = forms.IntegerField(
        min_value=1, error_messages={"required": "That ritual is no longer being designed."}
    )
    field = forms.ChoiceField(
        choices=list(FIELD_LABELS.items()),
        error_messages={
            "required": "That is not a field of the ritual canvas.",
            "invalid_choice": "That is not a field of the ritual canvas.",
        },
    )
    value = forms.CharField(
        required=False,
        strip=False,
        max_length=VALUE_CEILING,
        error_messages={"max_length": "That text is far too long for the canvas."},
    )
    version = forms.IntegerField(
        min_value=0, error_messages={"required": "That did not work: reload the page."}
    )


class SplitMessage(DesignMessage):
    count = forms.IntegerField(
        min_value=1,
        max_value=MAX_GROUPS,
        error_messages={
            "required": "Say how many groups to make.",
            "invalid": "Say how many groups to make.",
            "min_value": "Make at least one group.",
            "max_value": f"Make at most {MAX_GROUPS} groups.",
        },
    )


class MoveMessage(DesignMessage):
    participant = forms.IntegerField(
        min_value=1, error_messages={"required": "Pick the person to move."}
    )
    group = forms.IntegerField(
        min_value=1, error_messages={"required": "Pick the group to move them to."}
    )


class AssignMessage(DesignMessage):
    group = forms.IntegerField(min_value=1, error_messages={"required": "Pick a group."})
    designed = forms.IntegerField(min_value=1, required=False)


class PromoteMessage(DesignMessage):
    board = forms.IntegerField(
        min_value=1, error_messages={"required": "Pick the board the ideas are on."}
    )
    count = forms.IntegerField(
        min_value=MIN_DESIGNED,
        max_value=MAX_DESIGNED,
        error_messages={
            "required": f"Say how many ideas to design ({MIN_DESIGNED} to {MAX_DESIGNED}).",
            "invalid": f"Say how many ideas to design ({MIN_DESIGNED} to {MAX_DESIGNED}).",
            "min_value": f"Design at least {MIN_DESIGNED} rituals.",
            "max_value": f"Design at most {MAX_DESIGNED} rituals.",
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
        label="Ideas from",
        coerce=int,
        error_messages={
            "required": "Pick the board the ideas are on.",
            "invalid_choice": "That board is no longer on the agenda.",
        },
    )
    count = forms.IntegerField(
        label="How many to design",
        initial=4,
        min_value=MIN_DESIGNED,
        max_value=MAX_DESIGNED,
        error_messages=PromoteMessage.base_fields["count"].error_messages,
    )

    def __init__(self, data=None, *, instance: Activity, **kwargs):
        super().__init__(data, **kwargs)
        self.instance = instance
        self.fields["board"].choices = [(board.pk, board.title) for board in idea_boards(instance)]
