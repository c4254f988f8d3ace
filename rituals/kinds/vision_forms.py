"""What the vision statement activity accepts over the socket. Each message names the activity;
the handlers look its rows up inside the sender's workshop."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.groups import MAX_GROUPS
from ..services.vision import STATEMENT_LIMIT
from ..texts import lazy_format

RELOAD = {"required": _("That did not work: reload the page.")}
TOO_LONG = lazy_format(_("Keep the statement under %(limit)s characters."), limit=STATEMENT_LIMIT)
# The service says when a statement is too long; this only keeps a runaway message out.
CEILING = 5000


class VisionMessage(forms.Form):
    activity = forms.IntegerField(min_value=1, error_messages=RELOAD)


class DraftMessage(VisionMessage):
    draft = forms.IntegerField(min_value=1, error_messages=RELOAD)


class DraftEditMessage(DraftMessage):
    text = forms.CharField(
        required=False,
        max_length=CEILING,
        error_messages={"max_length": TOO_LONG},
    )


class SplitMessage(VisionMessage):
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


class VotingMessage(VisionMessage):
    open = forms.TypedChoiceField(
        choices=[("1", "open"), ("0", "close")],
        coerce=lambda value: value == "1",
        error_messages={"required": RELOAD["required"], "invalid_choice": RELOAD["required"]},
    )


class FinaliseMessage(VisionMessage):
    text = forms.CharField(
        required=False,
        max_length=CEILING,
        error_messages={"max_length": TOO_LONG},
    )
