"""The report of a full workshop: hostile text, anonymous boards, and the render time measured.

The time is written to test-results/report-bench.json and reported, not asserted: a shared
2-core machine makes a timed assertion flaky.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image

from culture_program import report, services
from workshops import kinds
from workshops.models import Activity, BoardColumn, Note

from .helpers import pdf_fonts, pdf_pages, pdf_text, pdf_to_pngs

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-results" / "report"
HOSTILE_WORD = "Customer" * 62 + "end"  # a 500-character word
PILLARS = ["stories", "listening", "responsibility", "way-of-working"]
CADENCES = ["weekly", "every two weeks", "monthly", "quarterly", "monthly on a Tuesday"]


def full_inputs(picture_urls: list[str]) -> dict:
    return {
        "gaps": [
            {
                "name": f"Dimension {n + 1}",
                "pillar": PILLARS[n % 4],
                "today": 2 + (n % 4) * 0.5,
                "target": 6 - (n % 3) * 0.4,
                "gap": 4 - (n % 4) * 0.5 - (n % 3) * 0.4,
                "spread": 1.1,
                "n": 14,
            }
            for n in range(15)
        ],
        "norms": [
            {
                "text": f"Norm {n + 1}: we check with the customer before we decide",
                "pillar": PILLARS[n % 4],
                "column": "Helps" if n % 2 else "Gets in the way",
                "belief": "",
                "from_to": ["We decide alone", "We ask a customer first"] if n % 3 == 0 else "",
                "votes": n % 7,
            }
            for n in range(30)
        ],
        "vision": [
            {
                "text": f"Picture {n + 1} of the customer's day",
                "picture_url": url,
                "votes": n,
                "kind": "picture",
            }
            for n, url in enumerate(picture_urls)
        ],
        "rituals": [
            {
                "name": f"Ritual {n + 1}: customer hour",
                "pillar": PILLARS[n % 4],
                "purpose": "Bring a customer's voice into the room where decisions are made. " * 3,
                "cadence": CADENCES[n % 5],
                "participants": "Leadership team and one guest",
                "steps": ["Pick a customer", "Listen for ten minutes", "Agree one change"],
                "owner": f"Owner {n + 1}",
                "sponsor": "Chief Executive",
                "first_date": dt.date(2027, 1, 4 + n),
                "success_signal": "Decisions cite customers.",
            }
            for n in range(12)
        ],
        "started": [
            {
                "name": "Ritual 1: customer hour",
                "owner": "Owner 1",
                "sponsor": "CEO",
                "first_date": dt.date(2027, 1, 4),
                "commitments": [{"text": f"Commitment {n}", "name": f"P{n}"} for n in range(10)],
            }
        ],
        "way_of_working": [
            {"section": f"Step {n + 1}", "text": "Start from the customer goal and its metric."}
            for n in range(5)
        ],
    }


def _pictures(settings, tmp_path, count: int) -> list[str]:
    settings.MEDIA_ROOT = str(tmp_path)
    folder = tmp_path / "notes"
    folder.mkdir()
    urls = []
    for n in range(count):
        buffer = io.BytesIO()
        Image.new("RGB", (480, 360), (40 + n * 9, 120, 160 - n * 5)).save(buffer, "JPEG")
        (folder / f"p{n}.jpg").write_bytes(buffer.getvalue())
        urls.append(f"{settings.MEDIA_URL}notes/p{n}.jpg")
    return urls


@pytest.fixture
def full_workshop(workshop, settings, tmp_path):
    urls = _pictures(settings, tmp_path, 20)
    data = full_inputs(urls)
    kinds.register(
        kinds.ActivityKind(key="test_full", label="Full", program_inputs=lambda w, a: data)
    )
    workshop.client_organisation = "Acme Insurance"
    workshop.date = dt.date(2026, 12, 3)
    workshop.save()
    Activity.objects.create(workshop=workshop, kind="test_full", title="Results")
    yield workshop
    kinds.unregister("test_full")


def _board(workshop, title: str, show_names: bool) -> tuple[Activity, list[BoardColumn]]:
    board = Activity.objects.create(
        workshop=workshop, kind="board", title=title, show_names=show_names
    )
    columns = [
        BoardColumn.objects.create(activity=board, title=name, position=n)
        for n, name in enumerate(["What we see", "What we hear"])
    ]
    return board, columns


def _notes(board, columns, texts: list[str], author: str = "Someone"):
    Note.objects.bulk_create(
        Note(
            activity=board,
            column=columns[n % len(columns)],
            text=text,
            author_name=author,
            client_id=f"{board.pk}-{n}",
            vote_count=n % 5,
        )
        for n, text in enumerate(texts)
    )


def test_a_full_workshop_renders_and_its_time_is_recorded(full_workshop, facilitator):
    board, columns = _board(full_workshop, "Vision board", show_names=False)
    _notes(board, columns, [f"Note {n}: customers tell us what they need" for n in range(300)])
    program = services.create_program(full_workshop, facilitator)
    assert program.rituals.count() == 12
    started = time.perf_counter()
    pdf = report.render_pdf(program)
    seconds = time.perf_counter() - started
    pages = pdf_pages(pdf)
    OUT.mkdir(parents=True, exist_ok=True)
    (ROOT / "test-results" / "report-bench.json").write_text(
        json.dumps(
            {
                "scenario": "report",
                "n": 300,
                "rituals": 12,
                "seconds": round(seconds, 2),
                "pages": pages,
            }
        )
    )
    pdf_to_pngs(pdf, OUT, "full")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Note 299" in text and "Ritual 12: customer hour" in text
    assert pages >= 12 + 8


def test_hostile_text_is_printed_as_text_and_wrapped(results_workshop, facilitator):
    board, columns = _board(results_workshop, "Hostile board", show_names=True)
    _notes(
        board,
        columns,
        [
            "<script>alert('x')</script>",
            HOSTILE_WORD,
            "خدمة العملاء أولاً",
            "שירות 🙂 לקוחות",
            "Customers 🎉 first",
        ],
        author="Named <b>Nora</b>",
    )
    program = services.create_program(results_workshop, facilitator)
    services.update_program(program, facilitator, customer_owner="<img src=x onerror=alert(1)>")
    pdf = report.render_pdf(program)
    pdf_to_pngs(pdf, OUT, "hostile")
    text = pdf_text(pdf)
    assert "<script>alert('x')</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "Named <b>Nora</b>" in text
    assert HOSTILE_WORD not in text.replace(" ", "")  # broken across lines, not cut off
    assert HOSTILE_WORD[:60] in text.replace("\n", "")
    # Arabic comes out in presentation forms; the Hebrew word survives as written.
    assert "לקוחות" in text or "תוחוקל" in text


def test_anonymous_boards_print_no_names(results_workshop, facilitator):
    board, columns = _board(results_workshop, "Anonymous board", show_names=False)
    _notes(board, columns, ["A quiet truth"], author="Secret Sam")
    program = services.create_program(results_workshop, facilitator)
    text = pdf_text(report.render_pdf(program))
    assert "A quiet truth" in text
    assert "Secret Sam" not in text


def test_emoji_print_in_an_emoji_font(results_workshop, facilitator):
    """The report's fonts come from the system (.ci/run installs them): emoji in a note print
    from Noto Color Emoji or Symbola, not as DejaVu's empty box."""
    board, columns = _board(results_workshop, "Emoji board", show_names=False)
    _notes(board, columns, ["Customers 🎉 first 🙂"])
    pdf = report.render_pdf(services.create_program(results_workshop, facilitator))
    assert "Customers 🎉 first 🙂" in pdf_text(pdf)
    fonts = pdf_fonts(pdf)
    assert "Noto-Color-Emoji" in fonts or "Symbola" in fonts
