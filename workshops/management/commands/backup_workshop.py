"""``manage.py backup_workshop <id> <file>``: one workshop, its rows in every app and its
pictures, as a zip another instance can restore (``restore_workshop``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from workshops.backup import BackupError, backup_workshop


class Command(BaseCommand):
    help = "Write a consistent copy of one workshop (rows and pictures) to a zip file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("workshop_id", type=int, help="The workshop's id (in its URL)")
        parser.add_argument("file", help="Where to write the backup, e.g. acme-2026-11.zip")

    def handle(self, *args, workshop_id: int, file: str, **options) -> None:
        try:
            backup = backup_workshop(workshop_id, file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name in backup.missing_files:
            self.stderr.write(f"Picture {name} is missing from the media folder; not copied.")
        self.stdout.write(
            f"Wrote workshop {workshop_id} to {file}: {backup.row_count} rows, "
            f"{len(backup.files)} pictures."
        )
