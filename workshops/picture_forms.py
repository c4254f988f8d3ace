"""The picture-note upload form: the fields a phone posts with a picture."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import id_field
from .pictures import max_bytes, too_large_message


class CaptionField(forms.CharField):
    """An optional caption: plain text, line breaks kept, other control characters dropped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("error_messages", {"max_length": _("That caption is far too long.")})
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        return "".join(c for c in text if c.isprintable() or c == "\n").strip()


class PictureNoteForm(forms.Form):
    activity = id_field("board")
    column = id_field("column")
    dimension = id_field("dimension", required=False)
    client_id = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{8,64}$",
        error_messages={
            "required": _("Reload the page and try again."),
            "invalid": _("Reload the page and try again."),
        },
    )
    image = forms.FileField(
        error_messages={
            "required": _("Choose a picture first."),
            "invalid": _("Choose a picture first."),
            "missing": _("Choose a picture first."),
            "empty": _("That file is empty. Take the photo again, or choose another picture."),
        }
    )
    caption = CaptionField()

    def clean_image(self):
        image = self.cleaned_data["image"]
        # The size is known from the upload itself: refuse before a byte of it is read.
        if image.size > max_bytes():
            raise forms.ValidationError(too_large_message(), code="too_large")
        return image
