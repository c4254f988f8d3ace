"""The report of the finished demo workshop: a full report from results a room really made
(the rituals module's shapes, not a test kind's)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from culture_program import report, services
from workshops.management.commands.seed_demo import FINISHED_TITLE
from workshops.models import Workshop

from .helpers import pdf_pages, pdf_text, pdf_to_pngs

OUT = Path(__file__).resolve().parents[2] / "test-results" / "report"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_program():
    call_command("seed_demo", "--port", "8000", "--host", "127.0.0.1", stdout=io.StringIO())
    workshop = Workshop.objects.get(title=FINISHED_TITLE)
    return services.create_program(workshop, workshop.facilitator)


def test_the_demo_workshops_report_has_every_section(demo_program):
    pdf = report.render_pdf(demo_program)
    pdf_to_pngs(pdf, OUT, "demo")
    assert pdf_pages(pdf) >= 15
    assert [key for key, _ in report.report_context(demo_program)["sections"]] == [
        key for key, _ in report.SECTIONS
    ]


def test_norms_print_their_from_to_pairs_handed_over_as_text(demo_program):
    text = " ".join(pdf_text(report.render_pdf(demo_program)).split())
    assert "A refund above 200 euros needs two signatures → Front-line staff settle" in text
    assert "Complaints are handled by a separate team nobody talks to → Every team" in text


def test_the_way_of_working_prints_section_names_once(demo_program):
    text = pdf_text(report.render_pdf(demo_program))
    draft = text[text.rindex("A customer-centred way of working: first draft") :]
    assert draft.count("Customer goals and metrics every piece of work starts from") == 1
    assert "\ngoals\n" not in draft


def test_the_appendix_prints_both_halves_of_a_mixed_signal(demo_program):
    text = " ".join(pdf_text(report.render_pdf(demo_program)).split())
    assert "The customer comes first — the system does: Bonuses pay for policies sold" in text


def test_the_summary_keeps_weekday_capitals(demo_program):
    assert "(every Friday)" in demo_program.executive_summary


@pytest.mark.parametrize(
    ("handed_over", "pairs"),
    [
        (
            ["We decide alone", "We ask a customer first"],
            [("We decide alone", "We ask a customer first")],
        ),
        ("Budget first → Goal first", [("Budget first", "Goal first")]),
        ("A → B; C → D", [("A", "B"), ("C", "D")]),
        ("", []),
        ("No arrow here", []),
    ],
)
def test_from_to_pairs_are_read_from_either_shape(handed_over, pairs):
    assert report.shifts_of(handed_over) == pairs
