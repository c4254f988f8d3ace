"""The Dutch catalogue is complete and the compiled one is up to date.

``makemessages`` runs on a copy of the project, so the check never edits the checkout: every
text marked for translation must have a Dutch msgstr, none fuzzy, none empty.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES"
SOURCES = ["config", "workshops", "rituals", "culture_program", "templates", "locale", "manage.py"]


def _entries(po_text: str) -> list[tuple[str, list[str], list[str]]]:
    """(msgid, msgstrs, flags) of each entry of a .po file: one msgstr per plural form."""
    entries = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        flags = [f.strip() for line in lines if line.startswith("#,") for f in line[2:].split(",")]
        msgid: list[str] = []
        msgstrs: list[list[str]] = []
        current = None
        for line in lines:
            if line.startswith("msgid "):
                current, line = msgid, line[len("msgid ") :]
            elif line.startswith("msgid_plural "):
                current = None
                continue
            elif line.startswith("msgstr"):
                msgstrs.append([])
                current, line = msgstrs[-1], line.split(" ", 1)[1]
            elif not line.startswith('"'):
                continue
            if current is not None:
                current.append(line.strip()[1:-1])
        if msgid or msgstrs:
            entries.append(("".join(msgid), ["".join(parts) for parts in msgstrs], flags))
    return entries


def test_makemessages_leaves_no_dutch_text_empty(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    entries = _entries((tmp_path / "locale/nl/LC_MESSAGES/django.po").read_text())
    assert len(entries) > 1
    untranslated = [
        msgid for msgid, msgstrs, _flags in entries[1:] if not all(s.strip() for s in msgstrs)
    ]
    fuzzy = [msgid for msgid, _msgstrs, flags in entries[1:] if "fuzzy" in flags]
    assert untranslated == [], f"{len(untranslated)} texts without Dutch: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy translations: {fuzzy[:10]}"


def test_the_committed_catalogue_is_compiled(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(CATALOGUE / "django.po")],
        check=True,
    )
    with (CATALOGUE / "django.mo").open("rb") as committed, compiled.open("rb") as fresh:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(fresh)._catalog
        ), "run `make messages`: locale/nl/LC_MESSAGES/django.mo is older than its .po"
