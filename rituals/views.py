"""The ritual library for facilitators: browse by pillar, add and edit rituals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .forms import PillarFilterForm, RitualForm
from .models import Pillar, Ritual


def _get_ritual(slug: str) -> Ritual:
    """A library ritual by its slug, or 404."""
    return get_object_or_404(Ritual, slug=slug)


@login_required
def ritual_list(request: HttpRequest) -> HttpResponse:
    """The library as cards, all of them or one pillar's (?pillar=listening)."""
    form = PillarFilterForm(request.GET)
    pillar = form.cleaned_data["pillar"] if form.is_valid() else None
    rituals = Ritual.objects.select_related("pillar")
    if pillar is not None:
        rituals = rituals.filter(pillar=pillar)
    template_name = "rituals/ritual_list.html"
    if request.htmx:
        template_name += "#library"
    context = {
        "rituals": rituals,
        "pillars": Pillar.objects.all(),
        "current": pillar,
        "filter_error": not form.is_valid(),
    }
    return render(request, template_name, context)


@login_required
def ritual_new(request: HttpRequest) -> HttpResponse:
    form = RitualForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ritual = services.create_ritual(request.user, **form.cleaned_data)
        messages.success(request, _("“%(name)s” is in the library.") % {"name": ritual.name})
        return redirect(f"{reverse('ritual_list')}#ritual-{ritual.slug}")
    return render(request, "rituals/ritual_form.html", {"form": form, "ritual": None})


@login_required
def ritual_edit(request: HttpRequest, slug: str) -> HttpResponse:
    ritual = _get_ritual(slug)
    # The form works on its own copy: a half-valid post must not rename the page's heading.
    form = RitualForm(request.POST or None, instance=_get_ritual(slug))
    if request.method == "POST" and form.is_valid():
        ritual = services.update_ritual(_get_ritual(slug), request.user, **form.cleaned_data)
        messages.success(request, _("“%(name)s” is saved.") % {"name": ritual.name})
        return redirect(f"{reverse('ritual_list')}#ritual-{ritual.slug}")
    return render(request, "rituals/ritual_form.html", {"form": form, "ritual": ritual})
