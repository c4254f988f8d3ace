"""The consultant's report: the program and the workshop's results as an A4 PDF (WeasyPrint).

Everything the PDF needs is read from this machine: the print stylesheet from static/, picture
notes from MEDIA_ROOT, fonts installed on the system (DejaVu). Any other address is refused, so
a hostile note cannot make the server fetch from the network.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from workshops import languages, paradigm_stats
from workshops.models import Note
from workshops.models.paradigm import SCALE_MAX, SCALE_MIN

from . import services
from .models import CultureProgram, Pillar
from .year import year_plan

STYLESHEET = "css/report.css"
# The report's sections in order; one with nothing to say is left out, contents included.
# The titles are English here and translated as the report is rendered (``report_context``).
SECTIONS = [
    ("summary", gettext_noop("Executive summary")),
    ("gaps", gettext_noop("Where the culture stands: the paradigm gaps")),
    ("vision", gettext_noop("The vision")),
    ("norms", gettext_noop("Norms to keep and norms to change")),
    ("rituals", gettext_noop("The customer rituals")),
    ("calendar", gettext_noop("The year at a glance")),
    ("started", gettext_noop("The ritual started in the room")),
    ("reviews", gettext_noop("Ownership, reviews and metrics")),
    ("way_of_working", gettext_noop("A customer-centred way of working: first draft")),
    ("appendix", gettext_noop("Appendix: every note of the workshop")),
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


# Pictures print at most 48 mm wide: 400 px is 210 dpi there. A phone's 1600 px photo would
# put 850 dpi and a quarter of a megabyte per picture into the PDF, and cost time to embed.
PRINTED_SIDE = 400
PRINTED_FOLDER = "report-pictures"


def printed_picture(url: str) -> str:
    """The address of the picture at its printed size, made once and kept beside the notes'
    pictures (the same random name, so it is no easier to guess); "" if there is no picture."""
    source = _local_file(url) if url else None
    if source is None or not str(url).lstrip("/").startswith(settings.MEDIA_URL.lstrip("/")):
        return ""
    media_root = Path(settings.MEDIA_ROOT).resolve()
    relative = source.relative_to(media_root)
    target = printed_copy(str(relative))
    if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
        from PIL import Image

        try:
            with Image.open(source) as picture:
                picture.draft("RGB", (PRINTED_SIDE, PRINTED_SIDE))  # JPEG: decode at 1/2…1/8
                small = picture.convert("RGB")
                small.thumbnail((PRINTED_SIDE, PRINTED_SIDE))
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_suffix(".part")
                small.save(partial, "JPEG", quality=82, optimize=True)
                partial.replace(target)
        except OSError:
            return ""
    return settings.MEDIA_URL + str(Path(PRINTED_FOLDER) / relative.with_suffix(".jpg"))


def printed_copy(name: str) -> Path:
    """Where the printed-size copy of a stored picture (its storage name) is kept."""
    return Path(settings.MEDIA_ROOT) / PRINTED_FOLDER / Path(name).with_suffix(".jpg")


def delete_printed_picture(sender, instance: Note, using: str, **kwargs) -> None:
    """A deleted picture note's printed copy goes with it (after the commit, as the picture)."""
    if not instance.image:
        return
    copy = printed_copy(instance.image.name)
    transaction.on_commit(lambda: copy.unlink(missing_ok=True), using=using)


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


# The gap chart uses the projector's scale (workshops.paradigm_stats.x_for: 88 units a point,
# the means as dots joined by a dashed gap line), shifted right to make room for the names.
NAME_SPACE, ROW_HEIGHT, CHART_TOP = 230, 34, 30
PRODUCT, CUSTOMER, INK, SOFT, RULE = "#a4501c", "#134e4a", "#1d2433", "#4a5368", "#e4dccf"


def gap_chart(gaps: list[dict]) -> dict | None:
    """Geometry of the report's gap chart: one row per dimension, largest gap first."""
    rows = []
    for gap in gaps:
        today, target = services.as_number(gap.get("today")), services.as_number(gap.get("target"))
        if today is None or target is None:
            continue
        rows.append({**gap, "today": today, "target": target})
    if not rows:
        return None
    rows.sort(key=lambda row: -(services.as_number(row.get("gap")) or 0))
    x = lambda point: round(NAME_SPACE + paradigm_stats.x_for(point), 1)  # noqa: E731
    for index, row in enumerate(rows):
        row.update(
            y=CHART_TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2,
            today_x=x(row["today"]),
            target_x=x(row["target"]),
            backward=row["target"] < row["today"],
            # Dimension names are built-in content, stored in English.
            label=shorten(gettext(str(row["name"])) if row.get("name") else "", 36),
        )
    bottom = CHART_TOP + len(rows) * ROW_HEIGHT
    return {
        "width": round(x(SCALE_MAX) + 40),
        "height": bottom + 26,
        "legend_y": bottom + 20,
        "name_x": NAME_SPACE + paradigm_stats.LEFT - 40,
        "top": CHART_TOP - 6,
        "bottom": bottom,
        "ticks": [{"x": x(point), "point": point} for point in range(SCALE_MIN, SCALE_MAX + 1)],
        "rows": rows,
        "colours": {"today": PRODUCT, "target": CUSTOMER, "ink": INK, "soft": SOFT, "rule": RULE},
    }


def shorten(text: str, most: int) -> str:
    """SVG text does not wrap: a long name is cut at a word, with an ellipsis."""
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def program_years(program: CultureProgram) -> str:
    """ "2027" for a program inside one year, "2027–2028" across two."""
    first, last = program.start_date.year, program.end_date.year
    return str(first) if first == last else f"{first}–{last}"


def pillar_label(value) -> str:
    return dict(Pillar.choices).get(services.pillar_slug(value), "")


def shifts_of(value) -> list[tuple[str, str]]:
    """A norm's from → to pairs: a kind hands over a ``[from, to]`` pair or the text
    "from → to" (several joined by "; ")."""
    if isinstance(value, (list, tuple)):
        if len(value) == 2 and all(isinstance(part, str) for part in value):
            return [(value[0], value[1])]
        return [pair for item in value for pair in shifts_of(item)]
    pairs = []
    for part in str(value or "").split("; "):
        if "→" in part:
            before, after = part.split("→", 1)
            pairs.append((before.strip(), after.strip()))
    return pairs


def norms_by_pillar(norms: list[dict]) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for norm in norms:
        grouped[services.pillar_slug(norm.get("pillar"))].append(
            {**norm, "shifts": shifts_of(norm.get("from_to"))}
        )
    labels = dict(Pillar.choices) | {"": gettext("Other norms")}
    order = [*Pillar.values, ""]
    return [(labels[slug], grouped[slug]) for slug in order if grouped.get(slug)]


def by_section(parts: list[dict]) -> list[tuple[str, list[str]]]:
    """The way-of-working draft's lines under their sections, each section once, in order."""
    sections: dict[str, list[str]] = {}
    for part in parts:
        sections.setdefault(str(part.get("section") or ""), []).append(str(part.get("text") or ""))
    return list(sections.items())


def has_long_words(text: str, longest: int = 40) -> bool:
    """Whether a text needs breaking inside words (a pasted link, a hostile 500-letter word).

    Only such texts get ``overflow-wrap: anywhere``: on every line of every note it costs
    WeasyPrint a second measurement, a fifth of the appendix's time.
    """
    return any(len(word) > longest for word in text.split())


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
                "system_does": note.system_does,
                "long_words": has_long_words(note.text + " " + note.system_does),
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
        "program_years": program_years(program),
        "printing": True,  # plain text where the pages on screen use boxes (year.html)
        "generated": timezone.localdate(),
        "inputs": inputs,
        "gaps": sorted(
            ({**gap, "pillar": pillar_label(gap.get("pillar"))} for gap in inputs["gaps"]),
            key=lambda gap: -(services.as_number(gap.get("gap")) or 0),
        ),
        "gap_chart": gap_chart(inputs["gaps"]),
        "norms": norms_by_pillar(inputs["norms"]),
        "vision": [
            {**item, "picture_url": printed_picture(item.get("picture_url") or "")}
            for item in inputs["vision"]
        ],
        "rituals": rituals,
        "plan": plan,
        "started": started,
        "commitments": [c for item in inputs["started"] for c in item.get("commitments") or []],
        "way_of_working": by_section(inputs["way_of_working"]),
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
    context["sections"] = [(key, gettext(title)) for key, title in SECTIONS if present[key]]
    context["shown"] = {key for key, _ in context["sections"]}
    return context


def render_html(program: CultureProgram) -> str:
    """The report's HTML, in the workshop's language whatever the browser asking for it says:
    the report is the client's (workshops/languages.py)."""
    with languages.for_workshop(program.workshop):
        return render_to_string("culture_program/report.html", report_context(program))


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for the length of a render.

    WeasyPrint makes hundreds of thousands of boxes and style dicts that all live until the PDF
    is written; the collector kept scanning them as they piled up, a fifth of the render's time.
    Reference counting still frees what it can, and the collector catches up once switched on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(program: CultureProgram) -> bytes:
    module = weasyprint()
    fetcher = local_fetcher()
    with collector_paused():
        stylesheet = module.CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher)
        html = module.HTML(string=render_html(program), base_url="/", url_fetcher=fetcher)
        return html.write_pdf(stylesheets=[stylesheet])
