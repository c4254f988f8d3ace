"""The ritual library: facilitators add and edit the rituals every workshop draws on."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from ..models import Ritual
from .access import check_library_editor

RITUAL_FIELDS = (
    "name",
    "pillar",
    "purpose",
    "cadence",
    "duration",
    "participants",
    "steps",
    "needs",
    "success_signal",
)


def _unique_slug(name: str, *, me: int | None = None) -> str:
    base = slugify(name)[:120] or "ritual"
    slug, number = base, 2
    while Ritual.objects.filter(slug=slug).exclude(pk=me).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def create_ritual(by: AbstractBaseUser | None, **fields) -> Ritual:
    """A new library ritual, last in its pillar; its slug comes from its name."""
    check_library_editor(by)
    values = {name: fields[name] for name in RITUAL_FIELDS if name in fields}
    last = Ritual.objects.filter(pillar=values["pillar"]).aggregate(last=Max("position"))["last"]
    return Ritual.objects.create(
        slug=_unique_slug(values["name"]),
        position=0 if last is None else last + 1,
        **values,
    )


@transaction.atomic
def update_ritual(ritual: Ritual, by: AbstractBaseUser | None, **fields) -> Ritual:
    """Change a library ritual; its slug (its address) stays, so links keep working."""
    check_library_editor(by)
    changed = [name for name in RITUAL_FIELDS if name in fields]
    for name in changed:
        setattr(ritual, name, fields[name])
    ritual.save(update_fields=changed)
    return ritual
