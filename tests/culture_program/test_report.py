from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from culture_program import report, services

from .helpers import pdf_pages, pdf_text, pdf_to_pngs

OUT = Path(__file__).resolve().parents[2] / "test-results" / "report"


def test_the_report_has_its_sections_in_order(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    pdf = report.render_pdf(program)
    assert pdf.startswith(b"%PDF")
    pdf_to_pngs(pdf, OUT, "sections")
    text = pdf_text(pdf)
    assert pdf_pages(pdf) > 5
    headings = [
        title for _, title in report.SECTIONS if title != "Appendix: every note of the workshop"
    ]
    positions = [text.rindex(title) for title in headings]
    assert positions == sorted(positions)


def test_rendering_leaves_pillows_truncated_image_check_alone(results_workshop, facilitator):
    """WeasyPrint's import relaxes Pillow for the whole process; picture uploads rely on it."""
    from PIL import ImageFile

    report.render_pdf(services.create_program(results_workshop, facilitator))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_the_cover_names_one_year_or_two(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    program.start_date = dt.date(2027, 1, 1)  # to 31 December 2027
    assert report.program_years(program) == "2027"
    program.start_date = dt.date(2027, 3, 1)  # to 29 February 2028
    assert report.program_years(program) == "2027–2028"
    services.update_program(program, facilitator, start_date=dt.date(2027, 1, 1))
    program.refresh_from_db()
    text = pdf_text(report.render_pdf(program))
    cover = text.split("\f")[0]
    assert report.program_years(program) in cover
    assert "2027–2027" not in cover and "2027-2027" not in cover


def test_the_gap_chart_and_table_name_pillars_not_slugs(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    context = report.report_context(program)
    chart = context["gap_chart"]
    assert [row["name"] for row in chart["rows"]][:2] == ["Customer metrics", "Rewards"]
    # The projector's scale: 88 units a point, today's dot left of the target's on a gain.
    first = chart["rows"][0]
    assert first["target_x"] - first["today_x"] == pytest.approx((6.2 - 2.1) * 88, abs=0.2)
    assert chart["rows"][-1]["backward"]  # "Product roadmap": the target is below today
    html = report.render_html(program)
    assert html.count("<circle") == 2 * len(chart["rows"])
    text = pdf_text(report.render_pdf(program))
    assert "Shared responsibility" in text  # "Rewards"' pillar, in the gap table
    assert "way-of-working" not in text
