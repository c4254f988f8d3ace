"""Files the app writes for itself in var/: secrets no one else on the machine may read."""

from __future__ import annotations

import os
from pathlib import Path


def write_private_file(path: Path, content: str) -> None:
    """Create ``path`` readable by its owner alone (0600), unless it exists already.

    The mode is given when the file is created, so it is never readable by others, not even
    for a moment. Another process creating it first wins; its content is kept.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w") as handle:
        handle.write(content)


def read_private_file(path: Path) -> str:
    """The content of a file ``write_private_file`` made; one that others could read (made by
    an older version) is made private first."""
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path.read_text().strip()


def private_secret(path: Path, make) -> str:
    """The secret kept at ``path``, made with ``make()`` the first time."""
    if not path.exists():
        write_private_file(path, make())
    return read_private_file(path)
