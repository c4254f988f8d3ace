"""Explainer slides (the method told on the projector, with speaker notes for the
facilitator) and the full package of both paradigms on one slide."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .. import forms, services
from ..live import paradigm as paradigm_live
from ..models import Activity
from . import ActivityKind, register


def setup(activity: Activity, item: dict) -> None:
    services.create_slides(activity, item.get("slides", []))


def context(activity: Activity) -> dict:
    slides = list(activity.slides.all())
    index = min(activity.step, len(slides) - 1) if slides else -1
    return {
        "slides": slides,
        "slide": slides[index] if slides else None,
        "slide_number": index + 1,
    }


def slide_form(slide, data=None) -> forms.SlideForm:
    return forms.SlideForm(data, instance=slide, prefix=f"slide-{slide.pk}")


def editor_context(activity: Activity, invalid: dict) -> dict:
    return {
        "slide_forms": [
            (slide, invalid.get((forms.SlideForm, slide.pk)) or slide_form(slide))
            for slide in activity.slides.all()
        ]
    }


EXPLAINER = register(
    ActivityKind(
        key=services.EXPLAINER_KIND,
        label=_("Explainer slides"),
        position=15,
        setup=setup,
        phone_partial="workshops/explainer.html#phone",
        presenter_partial="workshops/explainer.html#presenter",
        context=context,
        step=services.step_slide,
        editor_partial="workshops/explainer.html#editor",
        editor_context=editor_context,
    )
)

PACKAGE = register(
    ActivityKind(
        key="package",
        label=_("The full package (both paradigms)"),
        position=45,
        phone_partial="workshops/paradigm.html#phone_package",
        presenter_partial="workshops/paradigm.html#presenter_package",
        context=lambda activity: paradigm_live.package_context(activity.workshop),
    )
)
