"""``manage.py restore_workshop <file> [--owner email]``: put a backed-up workshop back, on this
instance or another, with fresh ids (and a fresh room code if an open room has the old one)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from workshops.backup import BackupError, restore_workshop


class Command(BaseCommand):
    help = "Restore a workshop written by backup_workshop, with fresh ids."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="A zip written by backup_workshop")
        parser.add_argument(
            "--owner",
            metavar="EMAIL",
            help="The facilitator account that gets the workshop (default: the one in the "
            "backup, found by e-mail, or created without a password and inactive)",
        )

    def handle(self, *args, file: str, owner: str | None, **options) -> None:
        try:
            restored = restore_workshop(file, owner_email=owner)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        workshop = restored.workshop
        self.stdout.write(
            f"Restored “{workshop.title}” as workshop {workshop.pk}: {restored.rows} rows, "
            f"{restored.files} pictures; room code {workshop.room_code}."
        )
        if restored.new_room_code:
            self.stdout.write("Its old room code is in use here, so it has a new one.")
        if restored.created_owner:
            self.stdout.write(
                f"Created the facilitator account {workshop.facilitator.email}, inactive and "
                "without a password: activate it in the admin and send a password reset."
            )
        for row in restored.skipped:
            self.stdout.write(f"Left out {row}: a unique value of it is already taken here.")
