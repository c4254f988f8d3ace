"""What goes with a row when it is deleted, however it goes (a service, a cascade, the admin)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Note


@receiver(post_delete, sender=Note, dispatch_uid="workshops.delete_picture_with_its_note")
def delete_picture_with_its_note(sender, instance: Note, using: str, **kwargs) -> None:
    """A picture note's file goes with the note: deleting a note, its board or its workshop
    leaves nothing on disk to be served from a URL someone kept. Only once the deletion is
    committed: a rolled-back deletion keeps its pictures."""
    if not instance.image:
        return
    storage, name = instance.image.storage, instance.image.name
    transaction.on_commit(lambda: storage.delete(name), using=using)
