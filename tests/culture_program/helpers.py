"""Reading PDFs back with poppler's command-line tools (pypdf is not a dependency)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True
        )
    return result.stdout.decode()


def pdf_fonts(pdf: bytes) -> str:
    """pdffonts' table: the name of every font embedded in the PDF."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(["pdffonts", handle.name], capture_output=True, check=True)
    return result.stdout.decode()


def pdf_pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(["pdfinfo", handle.name], capture_output=True, check=True)
    for line in result.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo found no page count")


def pdf_to_pngs(pdf: bytes, directory: Path, prefix: str = "page") -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / f"{prefix}.pdf"
    source.write_bytes(pdf)
    for old in directory.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(source), str(directory / prefix)], check=True
    )
    return sorted(directory.glob(f"{prefix}-*.png"))
