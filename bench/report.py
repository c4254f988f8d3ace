"""The ``report`` scenario's inside: build a full workshop, then time the consultant's PDF.

Run by ``bench.scenarios.report`` as ``python -m bench.report`` in the environment of a fresh
deployment (its own SQLite file and media folder, already migrated). The workshop is built
through the services, as a room would fill it: a paradigm comparison of 15 dimensions rated
by 14 phones, two boards of notes (``--notes`` in all, 20 of them picture notes sent as phone
photos), and a program of 12 rituals. The rituals module's kinds hand the program its norms,
rituals and commitments in a real room; here a bench-only kind hands over the same shapes.
Prints one JSON line: the render times and the PDF's page count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PILLARS = ["stories", "listening", "responsibility", "way-of-working"]
CADENCES = ["weekly", "every two weeks", "monthly", "quarterly", "monthly on a Tuesday"]
RATERS = 14
NOTE_TEXTS = (
    "Customers get one named person who follows their case to the end",
    "We call back the same day and say what happens next, every time",
    "Front-line staff may refund up to a limit without asking anyone",
    "Every team meeting opens with a real customer story from the week, told by the person "
    "who heard it, and the team agrees one thing it will do differently",
)


def photo(number: int) -> io.BytesIO:
    """A phone photo's size (the upload keeps at most 1600 px a side) with some detail in it."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (1600, 1200), (40 + number * 9 % 200, 120, 160))
    draw = ImageDraw.Draw(picture)
    for step in range(0, 1600, 40):
        draw.line((step, 0, 1600 - step, 1200), fill=(200, 90 + step % 120, 60), width=6)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    buffer.seek(0)
    buffer.name = f"photo-{number}.jpg"
    return buffer


def build(notes: int, pictures: int = 20, rituals: int = 12):
    """The workshop and its program; returns the program."""
    from culture_program import services as program_services
    from workshops import kinds, services
    from workshops.models import Activity

    facilitator = services.create_facilitator(
        name="Bench Facilitator", email="bench-report@example.org", password="bench-report-pw"
    )
    workshop = services.create_workshop(
        facilitator,
        title="Customer culture leadership day",
        client_organisation="Northwind Mutual",
        date=dt.date(2026, 12, 3),
    )
    phones = [
        services.join_room(workshop.room_code, f"Leader {n + 1}", services.new_device_key())
        for n in range(RATERS)
    ]
    paradigm = services.add_activity(
        workshop, facilitator, kind=services.PARADIGM_KIND, title="Paradigm comparison"
    )
    dimensions = list(paradigm.dimensions.all()[:15])
    for index, dimension in enumerate(dimensions):
        for rater, phone in enumerate(phones):
            services.set_rating(
                workshop,
                participant=phone,
                activity_id=paradigm.pk,
                dimension_id=dimension.pk,
                today=1 + (index + rater) % 4,
                target=4 + (index * 2 + rater) % 4,
            )

    boards = []
    for title, allow_pictures in (("Vision: two years from now", True), ("Norms", False)):
        board = services.add_activity(workshop, facilitator, kind=services.BOARD_KIND, title=title)
        if allow_pictures:
            Activity.objects.filter(pk=board.pk).update(allow_pictures=True)
            board.refresh_from_db()
        boards.append((board, list(board.columns.all())))
    vision, vision_columns = boards[0]
    picture_notes = []
    for n in range(pictures):
        note, _created = services.add_picture_note(
            workshop,
            participant=phones[n % RATERS],
            activity_id=vision.pk,
            column_id=vision_columns[0].pk,
            image_file=photo(n),
            client_id=f"picture-{n}",
            caption=f"What a customer sees on day {n + 1}",
        )
        picture_notes.append(note)
    for n in range(notes - pictures):
        board, columns = boards[n % 2]
        services.add_note(
            workshop,
            participant=phones[n % RATERS],
            activity_id=board.pk,
            column_id=columns[n % len(columns)].pk,
            text=f"{NOTE_TEXTS[n % len(NOTE_TEXTS)]} ({n + 1})",
            client_id=f"note-{n}",
        )

    inputs = {
        "vision": [
            {"text": note.text, "picture_url": note.image.url, "votes": n % 5, "kind": "picture"}
            for n, note in enumerate(picture_notes)
        ],
        "norms": [
            {
                "text": f"{NOTE_TEXTS[n % 3]} ({n + 1})",
                "pillar": PILLARS[n % 4],
                "column": "Helps" if n % 2 else "Gets in the way",
                "belief": "Bad news travels slowly" if n % 5 == 0 else "",
                "from_to": ["We decide alone", "We ask a customer first"] if n % 3 == 0 else "",
                "votes": n % 7,
            }
            for n in range(30)
        ],
        "rituals": [
            {
                "name": f"Customer hour {n + 1}",
                "pillar": PILLARS[n % 4],
                "purpose": "Bring one customer's voice into the room where decisions are made. "
                * 3,
                "cadence": CADENCES[n % len(CADENCES)],
                "participants": "The leadership team and one guest from the front line",
                "steps": ["Pick a customer", "Listen for ten minutes", "Agree one change"],
                "owner": f"Owner {n + 1}",
                "sponsor": "Chief Executive",
                "first_date": dt.date(2027, 1, 4 + n),
                "success_signal": "Decisions in the minutes name the customers they serve.",
            }
            for n in range(rituals)
        ],
        "started": [
            {
                "name": "Customer hour 1",
                "owner": "Owner 1",
                "sponsor": "Chief Executive",
                "first_date": dt.date(2027, 1, 4),
                "commitments": [f"I bring a customer story to session {n + 1}" for n in range(8)],
            }
        ],
        "way_of_working": [
            {"section": f"Step {n + 1}", "text": "Start from the customer's goal and its metric."}
            for n in range(5)
        ],
    }
    kinds.register(
        kinds.ActivityKind(
            key="bench_results", label="Bench results", program_inputs=lambda w, a: inputs
        )
    )
    Activity.objects.create(workshop=workshop, kind="bench_results", title="Results", position=99)
    return program_services.create_program(workshop, facilitator)


def pages(pdf: bytes) -> int | None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        try:
            info = subprocess.run(["pdfinfo", handle.name], capture_output=True, check=True)
        except (OSError, subprocess.CalledProcessError):
            return None
    for line in info.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report")
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from culture_program import report

    started = time.perf_counter()
    program = build(args.notes)
    build_seconds = time.perf_counter() - started
    # The first render pays for importing WeasyPrint and loading the fonts, as a server's first
    # download does; the figure is the median of the renders after it.
    started = time.perf_counter()
    pdf = report.render_pdf(program)
    first = time.perf_counter() - started
    times, cpu = [], []
    for _ in range(args.repeat):
        started, used = time.perf_counter(), time.process_time()
        pdf = report.render_pdf(program)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    figures = {
        "notes": args.notes,
        "rituals": program.rituals.count(),
        "seconds": round(statistics.median(times), 2),
        "best_seconds": round(min(times), 2),
        "first_seconds": round(first, 2),
        # The process's own CPU time: on a shared machine the wall clock also counts the
        # others' work.
        "cpu_seconds": round(statistics.median(cpu), 2),
        "render_seconds": [round(t, 2) for t in times],
        "build_seconds": round(build_seconds, 1),
        "pages": pages(pdf),
        "pdf_kb": round(len(pdf) / 1024, 1),
    }
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
