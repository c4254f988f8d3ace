"""The consultant's journey after the workshop, on the finished demo workshop of `seed_demo`
(what `make run` offers): the program builder, its calendar, the downloads."""

from __future__ import annotations

import re
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from culture_program.report import SECTIONS
from tests.culture_program.helpers import pdf_pages, pdf_text, pdf_to_pngs
from workshops.management.commands.seed_demo import FINISHED_TITLE

from .conftest import PHONE
from .helpers import log_in

ROOT = Path(__file__).resolve().parents[2]


def test_the_consultant_builds_the_program_and_downloads_it(
    app_server, laptop, browser, screenshot
):
    demo = app_server.seed_demo()
    page = laptop.new_page()
    log_in(page, *demo)
    page.get_by_role("link", name=FINISHED_TITLE).click()
    builder_url = page.url.rstrip("/") + "/program/"
    page.goto(builder_url)
    expect(page.get_by_role("heading", name="Culture program")).to_be_visible()
    # The program starts from the room's results: its four designed rituals are on the calendar.
    for name in ("A customer story opens the team meeting", "The close-the-loop call"):
        expect(page.locator(".year-table tbody tr", has_text=name)).to_have_count(1)
    screenshot(page, "program-builder-demo-laptop")
    # A program with no listening ritual is flagged.
    expect(page.locator(".coverage__item--missing[data-pillar='listening']")).to_contain_text(
        "No ritual yet"
    )

    page.get_by_text("Add a ritual").click()
    new = page.get_by_role("form", name="New ritual")
    new.get_by_label("Name").fill("Listening lab")
    new.get_by_label("Pillar").select_option("listening")
    new.get_by_label("Cadence").select_option("weekly")
    new.get_by_label("First date").fill("2030-01-01")  # after the program: refused in place
    new.get_by_role("button", name="Add the ritual").click()
    expect(page.get_by_role("alert").filter(has_text="after the program ends")).to_be_visible()

    start = page.get_by_label("Program starts").input_value()
    new = page.get_by_role("form", name="New ritual")
    new.get_by_label("First date").fill(start)
    new.get_by_role("button", name="Add the ritual").click()
    expect(page.get_by_role("status")).to_contain_text("Added the ritual “Listening lab”")
    expect(page.locator(".coverage__item[data-pillar='listening']")).to_contain_text("1 ritual")
    row = page.locator(".year-table tbody tr", has_text="Listening lab")
    expect(row.locator("td").first).to_contain_text(re.compile(r"\d+ \d+ \d+"))

    # Changing the cadence saves by itself and redraws the calendar.
    edit = page.get_by_role("form", name="Edit “Listening lab”")
    edit.get_by_label("Cadence").select_option("quarterly")
    expect(page.get_by_role("status")).to_contain_text("Saved “Listening lab”")
    cells = page.locator(".year-table tbody tr", has_text="Listening lab").locator("td")
    expect(cells.nth(0)).to_have_text(re.compile(r"^\s*\d+\s*$"))
    expect(cells.nth(1)).to_have_text(re.compile(r"^\s*$"))
    screenshot(page, "program-builder-laptop")

    with page.expect_download() as download:
        page.get_by_role("link", name="Calendar (.ics)").click()
    events = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    summaries = {str(event["summary"]) for event in events}
    assert {
        "Listening lab",
        "A customer story opens the team meeting",
        "The close-the-loop call",
        "An empty chair for the customer in planning",
        "Start with the customer's goal",
    } <= summaries
    lab = next(event for event in events if str(event["summary"]) == "Listening lab")
    assert lab["RRULE"]["FREQ"] == ["MONTHLY"] and lab["RRULE"]["INTERVAL"] == [3]

    # The PDF opens inline (a headless browser has no viewer): fetch what the link points to.
    report_link = page.get_by_role("link", name="Report (PDF)")
    response = page.request.get(report_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) >= 15
    text = pdf_text(pdf)
    positions = [text.rindex(title) for _, title in SECTIONS[:-1]]
    assert positions == sorted(positions)
    assert "Listening lab" in text and "Acme Insurance" in text
    pdf_to_pngs(pdf, ROOT / "test-results" / "screenshots" / "program-pdf", "demo")

    phone = browser.new_context(base_url=app_server.url, **PHONE)
    try:
        small = phone.new_page()
        log_in(small, *demo)
        small.goto(builder_url)
        expect(small.get_by_role("heading", name="The year at a glance")).to_be_visible()
        screenshot(small, "program-builder-phone")
    finally:
        phone.close()
