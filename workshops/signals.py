"""What goes with a row when it is saved or deleted, however it goes (a service, a cascade, the
admin)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import Note, Workshop


@receiver(post_delete, sender=Note, dispatch_uid="workshops.delete_picture_with_its_note")
def delete_picture_with_its_note(sender, instance: Note, using: str, **kwargs) -> None:
    """A picture note's file goes with the note: deleting a note, its board or its workshop
    leaves nothing on disk to be served from a URL someone kept. Only once the deletion is
    committed: a rolled-back deletion keeps its pictures."""
    if not instance.image:
        return
    storage, name = instance.image.storage, instance.image.name
    transaction.on_commit(lambda: storage.delete(name), using=using)


@receiver(post_save, sender=Workshop, dispatch_uid="workshops.forget_open_room_on_save")
@receiver(post_delete, sender=Workshop, dispatch_uid="workshops.forget_open_room_on_delete")
def forget_open_room(sender, instance: Workshop, using: str, **kwargs) -> None:
    """A room closed, renamed or given a new code is looked up afresh at once; again after the
    commit, in case a look-up in between read the rows from before it."""
    services.forget_open_room(instance)
    transaction.on_commit(lambda: services.forget_open_room(instance), using=using)
