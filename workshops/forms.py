"""Validation for every input: page forms and live socket messages alike."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm

from .models import ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, Activity, Workshop, WorkshopTemplate
from .services import normalise_room_code

DISPLAY_NAME_MAX_LENGTH = 40


# Facilitator accounts -------------------------------------------------------------------------


class SignUpForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=150)
    email = forms.EmailField(label="Email")
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError("There is already an account with this email. Log in?")
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
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


# Workshops ----------------------------------------------------------------------------------


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "client_organisation", "date"]
        labels = {"client_organisation": "Client organisation"}
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class NewWorkshopForm(WorkshopForm):
    template = forms.ModelChoiceField(
        queryset=WorkshopTemplate.objects.all(),
        required=False,
        empty_label="Blank workshop",
        label="Start from",
        widget=forms.RadioSelect,
    )

    class Meta(WorkshopForm.Meta):
        pass


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "prompt"]
        widgets = {"prompt": forms.Textarea(attrs={"rows": 3})}


class NewActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "title", "prompt"]
        labels = {"kind": "Type"}
        widgets = {"prompt": forms.Textarea(attrs={"rows": 2})}


class MoveActivityForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


# Joining a room -----------------------------------------------------------------------------


class RoomCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Room code")
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "error_messages", {"required": "Type the room code shown on the big screen."}
        )
        super().__init__(**kwargs)

    def clean(self, value):
        code = normalise_room_code(super().clean(value) or "")
        if len(code) != ROOM_CODE_LENGTH or any(c not in ROOM_CODE_ALPHABET for c in code):
            raise forms.ValidationError(
                f"A room code has {ROOM_CODE_LENGTH} letters and digits, like K7PM3Q."
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
        label="Your name",
        max_length=DISPLAY_NAME_MAX_LENGTH,
        error_messages={
            "required": "Type the name the others will see.",
            "max_length": f"Keep your name under {DISPLAY_NAME_MAX_LENGTH} characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "autocapitalize": "words"}),
    )

    def clean_name(self) -> str:
        # Collapse runs of spaces and drop control characters someone pasted in.
        name = " ".join("".join(c for c in self.cleaned_data["name"] if c.isprintable()).split())
        if not name:
            raise forms.ValidationError("Type the name the others will see.")
        return name


# Live socket messages -----------------------------------------------------------------------


class GotoActivityMessage(forms.Form):
    activity = forms.IntegerField(
        min_value=1, error_messages={"required": "Which activity?", "invalid": "Which activity?"}
    )


class RemoveParticipantMessage(forms.Form):
    participant = forms.IntegerField(
        min_value=1,
        error_messages={"required": "Which participant?", "invalid": "Which participant?"},
    )
