from __future__ import annotations

from pathlib import Path

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
