"""The consultant's report: the program and the workshop's results as an A4 PDF (WeasyPrint).

Everything the PDF needs is read from this machine: the print stylesheet from static/, picture
notes from MEDIA_ROOT, fonts installed on the system (DejaVu). Any other address is refused, so
a hostile note cannot make the server fetch from the network.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from workshops.models import Note

from . import services
from .models import CultureProgram, Pillar
from .year import year_plan

STYLESHEET = "css/report.css"
# The report's sections in order; one with nothing to say is left out, contents included.
SECTIONS = [
    ("summary", "Executive summary"),
    ("gaps", "Where the culture stands: the paradigm gaps"),
    ("vision", "The vision"),
    ("norms", "Norms to keep and norms to change"),
    ("rituals", "The customer rituals"),
    ("calendar", "The year at a glance"),
    ("started", "The ritual started in the room"),
    ("reviews", "Ownership, reviews and metrics"),
    ("way_of_working", "A customer-centred way of working: first draft"),
    ("appendix", "Appendix: every note of the workshop"),
]


def _local_file(url: str) -> Path | None:
    """The file behind a /media/ or /static/ address, or None for anything else."""
    path = unquote(urlparse(url).path)
    if path.startswith(settings.MEDIA_URL):
        root, rest = Path(settings.MEDIA_ROOT), path[len(settings.MEDIA_URL) :]
    elif path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        return Path(found) if found else None
    else:
        return None
    candidate = (root / rest).resolve()
    return candidate if candidate.is_relative_to(root.resolve()) and candidate.is_file() else None


def weasyprint():
    """WeasyPrint, imported on first use (daphne starts faster without it).

    Importing it sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let the picture
    notes' check accept a truncated upload; this puts the flag back. Stored pictures were all
    re-encoded on upload, so the report loses nothing.
    """
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint as module

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return module


def local_fetcher():
    """A WeasyPrint fetcher that reads /static/ and /media/ from disk and refuses the rest."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"})

        def fetch(self, url: str, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            local = _local_file(url)
            if local is None:
                raise ValueError(f"The report only reads local files, not {url!r}")
            return super().fetch(local.as_uri(), headers)

    return LocalFetcher()


def gap_bars(gaps: list[dict]) -> list[dict]:
    """The gaps on the 1–7 scale, as on the projector: a bar from today to the target."""
    bars = []
    for gap in gaps:
        today, target = services.as_number(gap.get("today")), services.as_number(gap.get("target"))
        if today is None or target is None:
            continue
        low, high = sorted((today, target))
        bars.append(
            {
                **gap,
                "left": round((low - 1) / 6 * 100, 1),
                "width": max(round((high - low) / 6 * 100, 1), 1.0),
                "backward": target < today,
            }
        )
    return sorted(bars, key=lambda bar: -(services.as_number(bar.get("gap")) or 0))


def norms_by_pillar(norms: list[dict]) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for norm in norms:
        grouped[services.pillar_slug(norm.get("pillar"))].append(norm)
    labels = dict(Pillar.choices) | {"": "Other norms"}
    order = [*Pillar.values, ""]
    return [(labels[slug], grouped[slug]) for slug in order if grouped.get(slug)]


def appendix_boards(program: CultureProgram) -> list[dict]:
    """Every board's notes with their votes; names only where the board showed them."""
    notes = (
        Note.objects.filter(activity__workshop=program.workshop)
        .select_related("activity", "column", "dimension")
        .order_by("activity__position", "column__position", "-vote_count", "created_at")
    )
    boards: dict[int, dict] = {}
    for note in notes:
        board = boards.setdefault(
            note.activity_id, {"title": note.activity.title, "columns": defaultdict(list)}
        )
        board["columns"][note.column.title].append(
            {
                "text": note.text,
                "votes": note.vote_count,
                "picture": bool(note.image),
                "dimension": note.dimension.name if note.dimension else "",
                "author": note.author_name if note.activity.show_names else "",
            }
        )
    return [
        {"title": board["title"], "columns": list(board["columns"].items())}
        for board in boards.values()
    ]


def report_context(program: CultureProgram) -> dict:
    inputs = services.program_inputs(program.workshop)
    rituals = list(program.rituals.all())
    plan = year_plan(program, rituals)
    started = [ritual for ritual in rituals if ritual.is_started]
    context = {
        "workshop": program.workshop,
        "program": program,
        "generated": timezone.localdate(),
        "inputs": inputs,
        "gaps": gap_bars(inputs["gaps"]),
        "norms": norms_by_pillar(inputs["norms"]),
        "vision": inputs["vision"],
        "rituals": rituals,
        "plan": plan,
        "started": started,
        "commitments": [c for item in inputs["started"] for c in item.get("commitments") or []],
        "way_of_working": inputs["way_of_working"],
        "metrics": list(program.metrics.all()),
        "milestones": list(program.milestones.all()),
        "appendix": appendix_boards(program),
    }
    present = {
        "summary": bool(program.executive_summary.strip()),
        "gaps": bool(context["gaps"]),
        "vision": bool(context["vision"]),
        "norms": bool(context["norms"]),
        "rituals": bool(rituals),
        "calendar": bool(rituals or context["milestones"]),
        "started": bool(started or context["commitments"]),
        "reviews": bool(context["milestones"] or context["metrics"] or program.customer_owner),
        "way_of_working": bool(context["way_of_working"]),
        "appendix": bool(context["appendix"]),
    }
    context["sections"] = [(key, title) for key, title in SECTIONS if present[key]]
    context["shown"] = {key for key, _ in context["sections"]}
    return context


def render_html(program: CultureProgram) -> str:
    return render_to_string("culture_program/report.html", report_context(program))


def render_pdf(program: CultureProgram) -> bytes:
    module = weasyprint()
    fetcher = local_fetcher()
    stylesheet = module.CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher)
    html = module.HTML(string=render_html(program), base_url="/", url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet])
