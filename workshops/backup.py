"""A consistent copy of one workshop, and putting it back on this or another instance.

A workshop's rows are what deleting it deletes: every row, in any installed app, that hangs off
it through ``on_delete=CASCADE`` foreign keys (activities, participants, notes, votes, ratings,
the rituals module's designs and commitments, the culture program, ...). The core knows none of
those models by name: it walks Django's relations, so a module's new model is in the backup
without a line here.

Rows outside the workshop that it points to (the facilitator, the ritual library, pillars, the
paradigm library) are recorded by their natural key (their unique ``username`` / ``slug``) and
found again on restore; what is missing there is created (a facilitator inactive, with no
password), or left empty where the reference is optional.

The backup file is a zip: ``workshop.json`` (the rows, Django's serializer format, with their
original ids) and ``media/<name>`` for every picture. A restore gives every row a fresh id, so
it never clashes with what the other instance holds, and a fresh room code if the old one is
taken by an open room there.
"""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from .models import Workshop
from .services.rooms import unused_room_code

FORMAT = "culture-room-workshop-backup"
VERSION = 1
ROWS_FILE = "workshop.json"
MEDIA_DIR = "media/"


# Who is connected right now describes this server's sockets, not the workshop: never copied,
# so a restored room starts with nobody online.
LIVE_STATE = {"workshops.presence"}


class BackupError(Exception):
    """A backup or restore that cannot be done, with a message for the person running it."""


# Collecting ---------------------------------------------------------------------------------


def _owned_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Relations whose rows belong to a row of ``model``: deleting it deletes them."""
    return [
        rel
        for rel in model._meta.related_objects
        if not rel.many_to_many and rel.on_delete is models.CASCADE
    ]


def collect(root: models.Model) -> dict[type[models.Model], dict[int, models.Model]]:
    """Every row that belongs to ``root`` (a workshop, or a participant's own rows), by model
    and id, ``root`` included."""
    found: dict[type[models.Model], dict[int, models.Model]] = defaultdict(dict)
    found[type(root)][root.pk] = root
    queue: list[tuple[type[models.Model], set[int]]] = [(type(root), {root.pk})]
    while queue:
        model, pks = queue.pop()
        for rel in _owned_relations(model):
            related = rel.related_model
            if _label(related) in LIVE_STATE:
                continue
            rows = related._base_manager.filter(**{f"{rel.field.name}__in": pks}).order_by("pk")
            new = {row.pk: row for row in rows if row.pk not in found[related]}
            if new:
                found[related].update(new)
                queue.append((related, set(new)))
    return dict(found)


def _natural_key_field(model: type[models.Model]) -> models.Field | None:
    """The field that names a row across instances: its first unique field besides the id."""
    for candidate in model._meta.concrete_fields:
        if candidate.unique and not candidate.primary_key:
            return candidate
    return None


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _describe_external(model: type[models.Model], pk: int, externals: dict) -> None:
    """Record a row outside the workshop by its natural key, and what it points to in turn."""
    key = f"{_label(model)}:{pk}"
    if key in externals:
        return
    row = model._base_manager.filter(pk=pk).first()
    if row is None:
        return
    natural = _natural_key_field(model)
    if model is get_user_model():
        fields = {
            name: getattr(row, name)
            for name in ("username", "email", "first_name", "last_name")
            if hasattr(row, name)
        }
    else:
        fields = json.loads(serializers.serialize("json", [row], cls=DjangoJSONEncoder))[0][
            "fields"
        ]
    externals[key] = {
        "model": _label(model),
        "pk": pk,
        "natural_key": natural.name if natural else None,
        "value": getattr(row, natural.attname) if natural else None,
        "fields": fields,
    }
    for fk in _foreign_keys(model):
        target = getattr(row, fk.attname)
        if target is not None and model is not get_user_model():
            _describe_external(fk.related_model, target, externals)


@dataclass
class Backup:
    """What a backup holds: rows by model label, outside rows, picture files."""

    workshop_id: int
    rows: dict[str, list[dict]] = field(default_factory=dict)
    externals: dict[str, dict] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def _consistent_read(outermost: bool) -> None:
    """Every query of the backup sees the same moment (SQLite's transaction already does;
    inside someone else's transaction, theirs decides)."""
    if outermost and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def take(workshop_id: int) -> Backup:
    """Read one workshop, its rows in every app and its pictures, in one transaction."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        _consistent_read(outermost)
        workshop = Workshop.objects.filter(pk=workshop_id).first()
        if workshop is None:
            raise BackupError(f"There is no workshop {workshop_id}.")
        found = collect(workshop)
        backup = Backup(workshop_id=workshop.pk)
        for model, rows in found.items():
            ordered = [rows[pk] for pk in sorted(rows)]
            backup.rows[_label(model)] = json.loads(
                serializers.serialize("json", ordered, cls=DjangoJSONEncoder)
            )
            for fk in _foreign_keys(model):
                for row in ordered:
                    target = getattr(row, fk.attname)
                    if target is not None and target not in found.get(fk.related_model, {}):
                        _describe_external(fk.related_model, target, backup.externals)
            for file_field in _file_fields(model):
                for row in ordered:
                    name = getattr(row, file_field.attname).name
                    if not name:
                        continue
                    try:
                        with default_storage.open(name, "rb") as stored:
                            backup.files[name] = stored.read()
                    except FileNotFoundError:
                        backup.missing_files.append(name)
    return backup


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def write(backup: Backup, path) -> None:
    """The backup as a zip: the rows as JSON, each picture under ``media/``."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "workshop": backup.workshop_id,
        "rows": backup.rows,
        "externals": backup.externals,
        "files": sorted(backup.files),
        "missing_files": backup.missing_files,
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(ROWS_FILE, json.dumps(document, cls=DjangoJSONEncoder, indent=1))
        for name, content in sorted(backup.files.items()):
            # Pictures are already compressed.
            archive.writestr(MEDIA_DIR + name, content, compress_type=zipfile.ZIP_STORED)


def backup_workshop(workshop_id: int, path) -> Backup:
    backup = take(workshop_id)
    write(backup, path)
    return backup


# Restoring ----------------------------------------------------------------------------------


def read(path) -> Backup:
    try:
        with zipfile.ZipFile(path) as archive:
            document = json.loads(archive.read(ROWS_FILE))
            if document.get("format") != FORMAT or document.get("version") != VERSION:
                raise BackupError("This file is not a Culture Room workshop backup.")
            files = {}
            for name in document["files"]:
                safe = PurePosixPath(name)
                if safe.is_absolute() or ".." in safe.parts:
                    raise BackupError(
                        f"The backup names a picture outside the media folder: {name}"
                    )
                files[name] = archive.read(MEDIA_DIR + name)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise BackupError(f"This file is not a readable workshop backup ({error}).") from None
    return Backup(
        workshop_id=document["workshop"],
        rows=document["rows"],
        externals=document["externals"],
        files=files,
        missing_files=document.get("missing_files", []),
    )


@dataclass
class Restored:
    workshop: Workshop
    new_room_code: bool
    created_owner: bool
    files: int
    rows: int
    # Rows left out because a unique value of theirs (a share link's token) is taken here.
    skipped: list[str] = field(default_factory=list)


class _Restorer:
    def __init__(self, backup: Backup, owner_email: str | None) -> None:
        self.backup = backup
        self.owner_email = owner_email
        # (model label, old id) -> new id, for rows of the workshop and outside rows alike.
        self.ids: dict[tuple[str, Any], Any] = {}
        self.created_owner = False
        self.stored_files: list[str] = []
        self.user_model = get_user_model()

    # Outside rows --------------------------------------------------------------------------

    def owner(self, facilitator_pk: int):
        if self.owner_email:
            user = (
                self.user_model._base_manager.filter(
                    username__iexact=self.owner_email.strip()
                ).first()
                or self.user_model._base_manager.filter(
                    email__iexact=self.owner_email.strip()
                ).first()
            )
            if user is None:
                raise BackupError(f"There is no account {self.owner_email} on this instance.")
            return user
        return self.external(_label(self.user_model), facilitator_pk, create=True)

    def external(self, label: str, pk: Any, *, create: bool):
        """The row on this instance standing for an outside row of the backup, or None."""
        key = (label, pk)
        if key in self.ids:
            return self.ids[key]
        record = self.backup.externals.get(f"{label}:{pk}")
        if record is None:
            return None
        model = apps.get_model(label)
        found = None
        if record["natural_key"]:
            lookup = {record["natural_key"]: record["value"]}
            if model is self.user_model:
                lookup = {f"{record['natural_key']}__iexact": record["value"]}
            found = model._base_manager.filter(**lookup).first()
        if found is None and create:
            found = self._create_external(model, record)
        self.ids[key] = found.pk if found is not None else None
        return found

    def _create_external(self, model, record):
        if model is self.user_model:
            user = self.user_model(**record["fields"], is_active=False)
            user.set_unusable_password()
            user.save()
            self.created_owner = True
            return user
        row = model(**self._fields_for(model, record["fields"], external=True))
        row.save()
        return row

    # Rows of the workshop ------------------------------------------------------------------

    def _fields_for(self, model, fields: dict, *, external: bool = False) -> dict:
        """Field values for a new row: foreign keys point at this instance's rows."""
        values = {}
        by_name = {f.name: f for f in model._meta.concrete_fields}
        for name, value in fields.items():
            model_field = by_name.get(name)
            if model_field is None:
                continue
            if isinstance(model_field, models.ForeignKey):
                values[model_field.attname] = self._target(model_field, value, external)
            else:
                values[model_field.attname] = model_field.to_python(value)
        return values

    def _target(self, fk: models.ForeignKey, old: Any, external: bool) -> Any:
        if old is None:
            return None
        label = _label(fk.related_model)
        if (label, old) in self.ids:
            return self.ids[(label, old)]
        if label in self.backup.rows and not external:
            # A row of the workshop not restored yet: filled in once every row is in.
            raise _Deferred
        if fk.related_model is self.user_model and old == self.facilitator_pk:
            return self.owner_pk
        found = self.external(label, old, create=not fk.null)
        if found is None and not fk.null:
            raise BackupError(f"The backup refers to a {label} this instance lacks.")
        return found.pk if found is not None else None

    def restore(self) -> Restored:
        rows = self.backup.rows
        workshop_label = _label(Workshop)
        if workshop_label not in rows or len(rows[workshop_label]) != 1:
            raise BackupError("The backup holds no workshop.")
        missing = [label for label in rows if not _installed(label)]
        if missing:
            raise BackupError(f"This instance lacks the models {', '.join(sorted(missing))}.")
        workshop_row = rows[workshop_label][0]
        self.facilitator_pk = workshop_row["fields"]["facilitator"]
        self.owner_pk = self.owner(self.facilitator_pk).pk

        pending = [(label, row) for label in _insert_order(rows) for row in rows[label]]
        deferred: list[tuple[type[models.Model], Any, dict]] = []
        new_room_code = False
        skipped: list[str] = []
        for label, row in pending:
            model = apps.get_model(label)
            values, later = {}, {}
            by_name = {f.name: f for f in model._meta.concrete_fields}
            for name, value in row["fields"].items():
                model_field = by_name.get(name)
                if model_field is None:
                    continue
                if isinstance(model_field, models.ForeignKey):
                    try:
                        values[model_field.attname] = self._target(model_field, value, False)
                    except _Deferred:
                        if not model_field.null:
                            raise BackupError(
                                f"Cannot restore {label}: it needs a row restored after it."
                            ) from None
                        values[model_field.attname] = None
                        later[model_field] = value
                elif isinstance(model_field, models.FileField) and value:
                    values[model_field.attname] = self._store_file(value)
                else:
                    values[model_field.attname] = model_field.to_python(value)
            instance = model(**values)
            if model is Workshop:
                new_room_code = self._free_room_code(instance)
            if hasattr(instance, "connections"):
                # Nobody is connected to a room that was just restored.
                instance.connections = 0
            if model is not Workshop and _unique_value_taken(instance):
                skipped.append(f"{label} {row['pk']}")
                continue
            models.Model.save_base(instance, raw=True, force_insert=True)
            self.ids[(label, row["pk"])] = instance.pk
            if later:
                deferred.append((model, instance.pk, later))
        for model, pk, later in deferred:
            model._base_manager.filter(pk=pk).update(
                **{
                    fk.attname: self.ids.get((_label(fk.related_model), old))
                    for fk, old in later.items()
                }
            )
        workshop = Workshop.objects.get(pk=self.ids[(workshop_label, workshop_row["pk"])])
        return Restored(
            workshop=workshop,
            new_room_code=new_room_code,
            created_owner=self.created_owner,
            files=len(self.stored_files),
            rows=sum(len(r) for r in rows.values()) - len(skipped),
            skipped=skipped,
        )

    def _free_room_code(self, workshop: Workshop) -> bool:
        """Keep the room code unless an open room here has it; the previous code is dropped."""
        workshop.previous_room_code = ""
        taken = Workshop.objects.filter(room_code=workshop.room_code, is_closed=False).exists()
        if taken and not workshop.is_closed:
            workshop.room_code = unused_room_code()
            return True
        return False

    def _store_file(self, name: str) -> str:
        content = self.backup.files.get(name)
        if content is None:
            return ""
        stored = default_storage.save(name, ContentFile(content))
        self.stored_files.append(stored)
        return stored

    def discard_files(self) -> None:
        for name in self.stored_files:
            default_storage.delete(name)


def _unique_value_taken(instance: models.Model) -> bool:
    """A unique value of the row (not its id, not a foreign key) that a row here already has."""
    model = type(instance)
    for model_field in model._meta.concrete_fields:
        if model_field.unique and not model_field.primary_key and not model_field.is_relation:
            value = getattr(instance, model_field.attname)
            if model._base_manager.filter(**{model_field.attname: value}).exists():
                return True
    return False


class _Deferred(Exception):
    pass


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def _insert_order(rows: dict[str, list]) -> list[str]:
    """Models in an order where every required foreign key points at a model before it."""
    labels = set(rows)
    needs = {
        label: {
            _label(fk.related_model)
            for fk in _foreign_keys(apps.get_model(label))
            if not fk.null
            and _label(fk.related_model) in labels
            and _label(fk.related_model) != label
        }
        for label in labels
    }
    order: list[str] = []
    while needs:
        ready = sorted(label for label, before in needs.items() if before <= set(order))
        if not ready:
            raise BackupError(f"The rows of {sorted(needs)} depend on each other in a circle.")
        order.extend(ready)
        for label in ready:
            del needs[label]
    return order


def restore_workshop(path, *, owner_email: str | None = None) -> Restored:
    """Restore a backup with fresh ids, in one transaction; pictures go back to the media
    storage under their own names (or a free variant), and are removed again if it fails."""
    backup = read(path)
    restorer = _Restorer(backup, owner_email)
    try:
        with transaction.atomic():
            return restorer.restore()
    except Exception:
        restorer.discard_files()
        raise
