"""Validation for every input: page forms and live socket messages alike."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from . import kinds, languages
from .models import (
    ROOM_CODE_ALPHABET,
    ROOM_CODE_LENGTH,
    SCALE_MAX,
    SCALE_MIN,
    Activity,
    BoardColumn,
    ParadigmDimension,
    Slide,
    Workshop,
    WorkshopDimension,
    WorkshopTemplate,
)
from .services import ServiceError, check_display_name, normalise_room_code

DISPLAY_NAME_MAX_LENGTH = 40


# Facilitator accounts -------------------------------------------------------------------------


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this email. Log in?"))
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            user = get_user_model()(username=cleaned.get("email", ""), email=cleaned.get("email"))
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    """Facilitators log in with their email; it is their username."""

    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That email and password do not match an account. Try again?"),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def clean(self):
        """Django's check of the password, unless this address or this account has failed too
        often lately: then even the right password waits, so guessing is not practical."""
        username = self.cleaned_data.get("username")
        if self.request is None or not username:
            return super().clean()
        if login_failures_exceeded(self.request, username):
            raise forms.ValidationError(too_many_login_failures(), code="throttled")
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                login_failures_exceeded(self.request, username, count=True)
            raise


def too_many_login_failures() -> str:
    minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
    return ngettext(
        "Too many failed log-ins from this network or for this account. Wait %(minutes)s "
        "minutes and try again, or reset your password.",
        "Too many failed log-ins from this network or for this account. Wait %(minutes)s "
        "minutes and try again, or reset your password.",
        minutes,
    ) % {"minutes": minutes}


def login_failures_exceeded(request, username: str, *, count: bool = False) -> bool:
    """Failed log-ins are counted per client address and per account, in the cache."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    exceeded = False
    for group, key, limit in (
        ("login-address", "ip", settings.LOGIN_FAILURES_PER_ADDRESS),
        ("login-account", lambda group, request: username, settings.LOGIN_FAILURES_PER_ACCOUNT),
    ):
        usage = get_usage(request, group=group, key=key, rate=f"{limit}/{window}s", increment=count)
        exceeded = exceeded or usage["count"] >= usage["limit"]
    return exceeded


# Workshops ----------------------------------------------------------------------------------


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "client_organisation", "date", "language"]
        labels = {
            "title": _("Title"),
            "client_organisation": _("Client organisation"),
            "date": _("Date"),
            "language": _("Language"),
        }
        help_texts = {
            "language": _(
                "The presenter screen, the report and the built-in content use this language. "
                "Phones follow each person's own setting."
            )
        }
        error_messages = {
            "language": {"invalid_choice": _("Pick one of the languages in the list.")},
        }
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A post without a language (an older page, a script) keeps the workshop's language.
        self.fields["language"].required = False

    def clean_language(self) -> str:
        language = self.cleaned_data.get("language") or self.instance.language
        return language if language in languages.LANGUAGE_CODES else settings.LANGUAGE_CODE


class NewWorkshopForm(WorkshopForm):
    template = forms.ModelChoiceField(
        queryset=WorkshopTemplate.objects.all(),
        required=False,
        empty_label=_("Blank workshop"),
        label=_("Start from"),
        widget=forms.RadioSelect,
        blank=True,
    )

    class Meta(WorkshopForm.Meta):
        pass


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "prompt", "duration_minutes"]
        labels = {"title": _("Title"), "prompt": _("Prompt")}
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3}),
            "duration_minutes": forms.NumberInput(attrs={"min": 1, "max": 240}),
        }
        error_messages = {
            "duration_minutes": {
                "min_value": _("Plan at least 1 minute, or leave it empty."),
                "max_value": _("Plan at most 240 minutes (4 hours) for one item."),
                "invalid": _("Type the planned minutes as a whole number."),
            }
        }


class NewActivityForm(forms.ModelForm):
    # Whatever kinds are registered, read when the form is built.
    kind = forms.ChoiceField(label=_("Type"), choices=kinds.choices)

    def __init__(self, *args, **kwargs):
        # Its own ids: the workshop's details form on the same page has a title too, and two
        # `id_title`s send a label (and a screen reader) to the wrong field. The field names,
        # what a post carries, stay as they are.
        kwargs.setdefault("auto_id", "new-activity-%s")
        super().__init__(*args, **kwargs)

    class Meta:
        model = Activity
        fields = ["kind", "title", "prompt"]
        labels = {"title": _("Title"), "prompt": _("Prompt")}
        widgets = {"prompt": forms.Textarea(attrs={"rows": 2})}


class MoveActivityForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


# Joining a room -----------------------------------------------------------------------------


class RoomCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Room code"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "error_messages", {"required": _("Type the room code shown on the big screen.")}
        )
        super().__init__(**kwargs)

    def clean(self, value):
        code = normalise_room_code(super().clean(value) or "")
        if len(code) != ROOM_CODE_LENGTH or any(c not in ROOM_CODE_ALPHABET for c in code):
            raise forms.ValidationError(
                gettext("A room code has %(length)s letters and digits, like K7PM3Q.")
                % {"length": ROOM_CODE_LENGTH}
            )
        return code


class JoinCodeForm(forms.Form):
    code = RoomCodeField(
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "spellcheck": "false",
                "inputmode": "text",
                "placeholder": "K7PM3Q",
            }
        )
    )


class DisplayNameForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        error_messages={
            "required": _("Type the name the others will see."),
            "max_length": _("Keep your name to %(limit_value)d characters or fewer."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "autocapitalize": "words"}),
    )

    def clean_name(self) -> str:
        # Collapse runs of spaces and drop control characters someone pasted in.
        name = " ".join("".join(c for c in self.cleaned_data["name"] if c.isprintable()).split())
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        try:
            check_display_name(name)
        except ServiceError as error:
            raise forms.ValidationError(str(error)) from None
        return name


# Live socket messages -----------------------------------------------------------------------


class GotoActivityMessage(forms.Form):
    activity = forms.IntegerField(
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), _("Which activity?")),
    )


class RemoveParticipantMessage(forms.Form):
    participant = forms.IntegerField(
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), _("Which participant?")),
    )


# Board messages -----------------------------------------------------------------------------


# One whole sentence per thing (a translation cannot fill in a noun).
WHICH = {
    "board": _("Which board? Reload the page and try again."),
    "column": _("Which column? Reload the page and try again."),
    "dimension": _("Which dimension? Reload the page and try again."),
    "note": _("Which note? Reload the page and try again."),
    "comparison": _("Which comparison? Reload the page and try again."),
    # The rituals app's fields.
    "activity": _("Which activity? Reload the page and try again."),
    "norm": _("Which norm? Reload the page and try again."),
    "pair": _("Which pair? Reload the page and try again."),
    "ritual": _("Which ritual? Reload the page and try again."),
    "line": _("Which line? Reload the page and try again."),
}


def id_field(what: str, *, required: bool = True) -> forms.IntegerField:
    message = WHICH.get(what, f"Which {what}? Reload the page and try again.")
    return forms.IntegerField(
        min_value=1,
        required=required,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), message),
    )


class NoteTextField(forms.CharField):
    """A note's text as the phone typed it: a string, without control characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Write something on the note first."),
                "max_length": _("That note is far too long."),
                "invalid": _("Write your note as plain text."),
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def clean(self, value):
        # Keep line breaks; drop other control characters (they would make invisible notes).
        text = super().clean(value)
        text = "".join(c for c in text if c.isprintable() or c == "\n").strip()
        if not text:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return text


class SystemDoesField(NoteTextField):
    """The second half of a mixed-signals note; the service says when it is required."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        if value is None or (
            isinstance(value, str) and not "".join(c for c in value if c.isprintable()).strip()
        ):
            return ""
        return super().clean(value)


class BoardMessage(forms.Form):
    """Facilitator controls that act on a board: the one on screen unless one is named."""

    activity = id_field("board", required=False)


class NoteAddMessage(forms.Form):
    activity = id_field("board")
    column = id_field("column")
    dimension = id_field("dimension", required=False)
    text = NoteTextField()
    system_does = SystemDoesField()
    client_id = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{8,64}$",
        error_messages={
            "required": _("Reload the page and try again."),
            "invalid": _("Reload the page and try again."),
        },
    )


class NoteMessage(forms.Form):
    note = id_field("note")


class NoteEditMessage(NoteMessage):
    text = NoteTextField()
    system_does = SystemDoesField()


class NoteMoveMessage(NoteMessage):
    column = id_field("column")


class NoteGroupMessage(NoteMessage):
    group = forms.CharField(
        max_length=80,
        required=False,
        error_messages={"max_length": _("Keep cluster names under 80 characters.")},
    )


class NoteSpotlightMessage(forms.Form):
    note = id_field("note", required=False)


class TimerStartMessage(forms.Form):
    seconds = forms.IntegerField(
        min_value=1,
        max_value=3600,
        error_messages={
            "required": _("How long should the timer run?"),
            "invalid": _("How long should the timer run?"),
            "min_value": _("A timer runs from 1 second to 60 minutes."),
            "max_value": _("A timer runs from 1 second to 60 minutes."),
        },
    )


class BoardSortMessage(BoardMessage):
    order = forms.ChoiceField(
        choices=[("votes", _("By votes")), ("time", _("By time"))],
        error_messages={
            "required": _("Sort by votes or by time?"),
            "invalid_choice": _("Sort by votes or by time?"),
        },
    )


class BoardNamesMessage(BoardMessage):
    show = forms.BooleanField(required=False)


# Setting a board up on the workshop page -----------------------------------------------------

MAX_COLUMNS = 6


class BoardSettingsForm(forms.ModelForm):
    """A board's rules and its 1–6 named, coloured columns."""

    class Meta:
        model = Activity
        fields = [
            "max_note_length",
            "notes_per_person",
            "votes_per_person",
            "multiple_votes_per_note",
            "hide_until_reveal",
            "show_names",
            "allow_pictures",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = list(self.instance.columns.all()) if self.instance.pk else []
        for index in range(MAX_COLUMNS):
            column = existing[index] if index < len(existing) else None
            self.fields[f"column_{index}_title"] = forms.CharField(
                label=_("Column %(number)s") % {"number": index + 1},
                max_length=80,
                required=False,
                initial=column.title if column else "",
                error_messages={"max_length": _("Keep a column's name to 80 characters or fewer.")},
            )
            self.fields[f"column_{index}_colour"] = forms.ChoiceField(
                label=_("Colour of column %(number)s") % {"number": index + 1},
                choices=BoardColumn.Colour.choices,
                error_messages={"invalid_choice": _("Pick one of the colours in the list.")},
                initial=column.colour if column else BoardColumn.Colour.choices[index][0],
            )

    def column_rows(self):
        return [
            (self[f"column_{index}_title"], self[f"column_{index}_colour"])
            for index in range(MAX_COLUMNS)
        ]

    def settings_fields(self):
        return [self[name] for name in self.Meta.fields]

    def clean(self):
        cleaned = super().clean()
        columns = [
            (
                " ".join(cleaned.get(f"column_{i}_title", "").split()),
                cleaned.get(f"column_{i}_colour"),
            )
            for i in range(MAX_COLUMNS)
        ]
        cleaned["columns"] = [(title, colour) for title, colour in columns if title]
        if not cleaned["columns"]:
            raise forms.ValidationError(_("A board needs at least one column with a name."))
        return cleaned

    @property
    def board_settings(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# Paradigm comparison messages -----------------------------------------------------------------


def _scale_field(message) -> forms.IntegerField:
    return forms.IntegerField(
        min_value=SCALE_MIN,
        max_value=SCALE_MAX,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), message),
    )


class RatingMessage(forms.Form):
    activity = id_field("comparison", required=False)
    dimension = id_field("dimension")
    today = _scale_field(
        format_lazy(
            _("Pick where we are today on the scale from {low} to {high}."),
            low=SCALE_MIN,
            high=SCALE_MAX,
        )
    )
    target = _scale_field(
        format_lazy(
            _("Pick where we want to be on the scale from {low} to {high}."),
            low=SCALE_MIN,
            high=SCALE_MAX,
        )
    )


class DimensionGotoMessage(forms.Form):
    dimension = id_field("dimension")


class DimensionForm(forms.ModelForm):
    class Meta:
        model = WorkshopDimension
        fields = ["name", "pillar", "product_centred", "customer_centred", "question"]
        labels = {"name": _("Name"), "pillar": _("Pillar"), "question": _("Question")}
        widgets = {
            "product_centred": forms.Textarea(attrs={"rows": 2}),
            "customer_centred": forms.Textarea(attrs={"rows": 2}),
            "question": forms.Textarea(attrs={"rows": 2}),
        }


class AddDimensionForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=ParadigmDimension.objects.all(),
        label=_("Add a dimension"),
        empty_label=_("Pick one from the library"),
        error_messages={
            "required": _("Pick a dimension to add."),
            "invalid_choice": _("Pick a dimension to add."),
        },
    )


class SlideForm(forms.ModelForm):
    class Meta:
        model = Slide
        fields = ["heading", "body", "speaker_notes"]
        labels = {"heading": _("Heading"), "body": _("Body"), "speaker_notes": _("Speaker notes")}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 4}),
            "speaker_notes": forms.Textarea(attrs={"rows": 3}),
        }


class NewSlideForm(forms.Form):
    heading = forms.CharField(
        max_length=200,
        error_messages={
            "required": _("Give the new slide a heading."),
            "max_length": _("Keep the heading under 200 characters."),
        },
    )
