"""The morning's story in real browsers: the explainer's slides on the projector and a phone,
speaker notes for the facilitator only, the full package on one slide; and the pages the
facilitator uses around it (agenda editor, results)."""

from __future__ import annotations

from playwright.sync_api import expect

from workshops.explainers import PARADIGM_EXPLAINER

from .helpers import join_as

EXPLAINER = "Why customer culture?"


def test_the_explainer_steps_on_every_screen_and_keeps_its_notes_on_the_projector(
    presenter, new_phone, screenshot
):
    code = presenter.locator(".room-code").inner_text().strip()
    phone = new_phone().new_page()
    join_as(phone, code, "Amira")
    expect(presenter.locator("#participants")).to_contain_text("Amira")

    presenter.locator(f'.step[title="{EXPLAINER}"]').click()
    first, second = PARADIGM_EXPLAINER[0]["heading"], PARADIGM_EXPLAINER[1]["heading"]
    for page in (presenter, phone):
        expect(page.get_by_role("heading", name=first, level=1)).to_be_visible()
    notes = presenter.locator(".speaker-notes")
    expect(notes.locator(".speaker-notes__text")).to_be_hidden()
    notes.get_by_text("Speaker notes").click()
    expect(notes.locator(".speaker-notes__text")).to_be_visible()
    assert "Speaker notes" not in phone.content()
    screenshot(presenter, "explainer-1440")
    screenshot(phone, "explainer-390")

    presenter.keyboard.press("ArrowRight")
    for page in (presenter, phone):
        expect(page.get_by_role("heading", name=second, level=1)).to_be_visible()

    presenter.locator('.step[title="The full package"]').click()
    for page in (presenter, phone):
        expect(
            page.get_by_role("heading", name="Two paradigms, each a coherent whole")
        ).to_be_visible()
    screenshot(presenter, "package-1440")
    screenshot(phone, "package-390")


def test_the_agenda_editor_and_results_show_every_kind(presenter, screenshot):
    presenter.goto(presenter.url.replace("present/", ""))
    expect(presenter.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(presenter.locator(".badge", has_text="Explainer slides")).to_have_count(3)
    expect(presenter.locator(".badge", has_text="Design rituals in groups")).to_be_visible()
    expect(presenter.get_by_text("Planned: about")).to_be_visible()
    screenshot(presenter, "workshop-agenda-1440")
    presenter.set_viewport_size({"width": 390, "height": 844})
    screenshot(presenter, "workshop-agenda-390")
    presenter.set_viewport_size({"width": 1440, "height": 900})
    presenter.get_by_role("link", name="Results").click()
    expect(presenter.get_by_role("heading", name="Results", level=1)).to_be_visible()
    screenshot(presenter, "results-1440")
