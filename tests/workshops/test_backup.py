"""``backup_workshop`` and ``restore_workshop``: a round trip leaves the same results, the same
pictures and the same program, with fresh ids; a clash with what is there is handled."""

from __future__ import annotations

import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from culture_program.models import CultureProgram, ShareLink
from rituals.models import Commitment, DesignedRitual, NormDetail, VisionVote, WayOfWorkingLine
from tests.conftest import make_facilitator
from tests.filled import fill_workshop
from workshops import backup
from workshops.models import Note, Participant, Rating, Vote, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def what_the_facilitator_sees(user, workshop: Workshop) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    pages = {}
    for name, url in {
        "results": f"/workshops/{workshop.pk}/results/",
        "notes.csv": f"/workshops/{workshop.pk}/notes.csv",
        "ratings.csv": f"/workshops/{workshop.pk}/ratings.csv",
        "program": f"/workshops/{workshop.pk}/program/",
        "agenda": f"/workshops/{workshop.pk}/",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        text = response.content.decode()
        pages[name] = text if name.endswith(".csv") else visible_text(text)
    return pages


def pictures_of(workshop: Workshop) -> list[bytes]:
    notes = Note.objects.filter(activity__workshop=workshop).exclude(image="").order_by("text")
    return [note.image.read() for note in notes]


def counts(workshop: Workshop) -> dict[str, int]:
    """Rows of the workshop per model (ids aside)."""
    return {model._meta.label: len(rows) for model, rows in backup.collect(workshop).items()}


def without_room_code(pages: dict[str, str], code: str) -> dict[str, str]:
    return {name: text.replace(code, "ROOMCODE") for name, text in pages.items()}


def test_a_workshop_survives_backup_deletion_and_restore_into_a_clean_instance(
    facilitator, tmp_path, media_root
):
    filled = fill_workshop(facilitator)
    workshop = filled.workshop
    before = what_the_facilitator_sees(facilitator, workshop)
    before_counts = counts(workshop)
    pictures = pictures_of(workshop)
    assert pictures, "the filled workshop has a picture note"
    # Every app's rows are in it.
    for label in (
        "workshops.Rating",
        "workshops.Vote",
        "workshops.Cluster",
        "rituals.NormDetail",
        "rituals.NormShift",
        "rituals.Commitment",
        "rituals.VisionVote",
        "rituals.GroupMember",
        "rituals.WayOfWorkingLine",
        "culture_program.CultureProgram",
        "culture_program.ShareLink",
        "culture_program.Milestone",
    ):
        assert before_counts.get(label), label
    email, code, title = facilitator.email, workshop.room_code, workshop.title
    file = tmp_path / "acme.zip"

    call_command("backup_workshop", str(workshop.pk), str(file))

    # Another instance: none of it, not even the facilitator's account or the picture files.
    workshop.delete()
    facilitator.delete()
    for stored in media_root.rglob("*"):
        if stored.is_file():
            stored.unlink()
    assert not Note.objects.exists() and not Participant.objects.exists()

    call_command("restore_workshop", str(file))

    restored = Workshop.objects.get(title=title)
    owner = restored.facilitator
    assert owner.email == email
    # The account is made, but nobody can log in with it until someone activates it.
    assert not owner.is_active and not owner.has_usable_password()
    owner.is_active = True
    owner.save()
    assert restored.room_code == code
    assert counts(restored) == before_counts
    assert what_the_facilitator_sees(owner, restored) == before
    assert pictures_of(restored) == pictures
    # Nobody is online in a room that was just restored.
    assert not any(getattr(p, "connections", 0) for p in restored.participants.all())


def test_a_restore_beside_the_original_gets_fresh_ids_and_a_free_room_code(facilitator, tmp_path):
    filled = fill_workshop(facilitator)
    workshop = filled.workshop
    before = what_the_facilitator_sees(facilitator, workshop)
    file = tmp_path / "copy.zip"
    call_command("backup_workshop", str(workshop.pk), str(file))
    original_ids = {model: set(rows) for model, rows in backup.collect(workshop).items()}

    call_command("restore_workshop", str(file))

    copy = Workshop.objects.exclude(pk=workshop.pk).get()
    assert copy.facilitator == facilitator
    assert copy.room_code != workshop.room_code
    for model, rows in backup.collect(copy).items():
        assert not set(rows) & original_ids[model], f"{model.__name__} reused an id"
    # The share link's token belongs to the original's link: the copy gets none.
    assert ShareLink.objects.filter(program__workshop=copy).count() == 0
    assert ShareLink.objects.filter(program__workshop=workshop).count() == 1
    after = what_the_facilitator_sees(facilitator, copy)
    for name in ("results", "notes.csv", "ratings.csv"):
        assert after[name] == before[name], name
    # The original is untouched by its copy: the same pages, the same rows.
    assert what_the_facilitator_sees(facilitator, workshop) == before
    # Both have their own rows, and the copy's votes, ratings and commitments are its own.
    for model, field in (
        (Vote, "note__activity__workshop"),
        (Rating, "participant__workshop"),
        (Commitment, "participant__workshop"),
        (VisionVote, "participant__workshop"),
        (NormDetail, "note__activity__workshop"),
        (DesignedRitual, "activity__workshop"),
        (WayOfWorkingLine, "activity__workshop"),
    ):
        assert (
            model.objects.filter(**{field: copy}).count()
            == model.objects.filter(**{field: workshop}).count()
        )
    for vote in Vote.objects.filter(note__activity__workshop=copy):
        assert vote.participant.workshop_id == copy.pk


def test_restore_gives_the_workshop_to_the_owner_named(facilitator, tmp_path):
    workshop = fill_workshop(facilitator).workshop
    file = tmp_path / "w.zip"
    call_command("backup_workshop", str(workshop.pk), str(file))
    colleague = make_facilitator("Carla")

    call_command("restore_workshop", str(file), "--owner", colleague.email)

    copy = Workshop.objects.exclude(pk=workshop.pk).get()
    assert copy.facilitator == colleague
    assert CultureProgram.objects.filter(workshop=copy).exists()


def test_the_backup_file_holds_the_rows_and_the_pictures(facilitator, tmp_path):
    workshop = fill_workshop(facilitator).workshop
    file = tmp_path / "w.zip"
    call_command("backup_workshop", str(workshop.pk), str(file))
    with zipfile.ZipFile(file) as archive:
        names = archive.namelist()
        document = json.loads(archive.read("workshop.json"))
    assert "workshop.json" in names
    assert document["files"] and all(f"media/{name}" in names for name in document["files"])
    assert [row["pk"] for row in document["rows"]["workshops.workshop"]] == [workshop.pk]
    assert not set(document["rows"]) & backup.LIVE_STATE
    # The facilitator is named, never their password hash.
    (user,) = [v for v in document["externals"].values() if v["model"] == "auth.user"]
    assert user["value"] == facilitator.username
    assert "password" not in json.dumps(document["externals"])


def test_bad_input_to_the_commands_is_a_clear_error_and_changes_nothing(facilitator, tmp_path):
    with pytest.raises(CommandError, match="no workshop 999"):
        call_command("backup_workshop", "999", str(tmp_path / "x.zip"))
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(CommandError, match="not a readable workshop backup"):
        call_command("restore_workshop", str(junk))
    workshop = fill_workshop(facilitator).workshop
    file = tmp_path / "w.zip"
    call_command("backup_workshop", str(workshop.pk), str(file))
    before = Workshop.objects.count()
    with pytest.raises(CommandError, match="no account nobody@example.com"):
        call_command("restore_workshop", str(file), "--owner", "nobody@example.com")
    assert Workshop.objects.count() == before
    assert get_user_model().objects.count() == 1
    # A picture path that leaves the media folder is refused.
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(evil, "w") as target:
        document = json.loads(source.read("workshop.json"))
        document["files"] = ["../../escape.jpg"]
        target.writestr("workshop.json", json.dumps(document))
        target.writestr("media/../../escape.jpg", b"x")
    with pytest.raises(CommandError, match="outside the media folder"):
        call_command("restore_workshop", str(evil))
    assert Workshop.objects.count() == before
