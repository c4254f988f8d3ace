"""One room, two languages: a Dutch phone and an English phone follow the same presenter.

Each phone speaks its browser's language (and can switch); the room's changes reach each one
in its own; the workshop's language sets the projector's. The Dutch texts are read from the
catalogue, so the journey checks that they arrive, not how they are worded.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import join_as, say

VISION = "Vision: two years from now"


def nl(text: str) -> str:
    dutch = say(text, "nl")
    assert dutch != text, f"no Dutch for {text!r}"
    return dutch


def add_note(phone: Page, label: str, button: str, text: str) -> None:
    phone.get_by_label(label, exact=True).fill(text)
    phone.get_by_role("button", name=button).click()


def test_a_dutch_and_an_english_phone_follow_one_room(presenter, new_phone):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()

    dutch = new_phone(locale="nl-NL").new_page()
    dutch.goto("/")
    expect(dutch.locator("html")).to_have_attribute("lang", "nl")
    dutch.get_by_label(nl("Room code")).fill(code.lower())
    dutch.get_by_role("button", name=nl("Continue")).click()
    dutch.get_by_label(nl("Your name")).fill("Sanne")
    dutch.get_by_role("button", name=nl("Enter the room")).click()
    expect(dutch).to_have_url(re.compile(rf"/r/{code}/$"))
    expect(dutch.locator("html")).to_have_attribute("lang", "nl")
    english = new_phone(locale="en-GB").new_page()
    join_as(english, code, "Amira")

    # The presenter moves the room on: each phone gets the board in its own language.
    presenter.locator(f'.step[title="{VISION}"]').click()
    expect(presenter.locator("#stage h1")).to_have_text(VISION)
    expect(dutch.locator("#stage h1")).to_have_text(nl(VISION))
    expect(english.locator("#stage h1")).to_have_text(VISION)

    add_note(dutch, nl("Your note"), nl("Add note"), "Klanten horen van ons voordat ze bellen")
    add_note(english, "Your note", "Add note", "Customers hear from us first")
    for screen in (presenter, english, dutch):
        expect(screen.locator("#stage")).to_contain_text("Klanten horen van ons voordat ze bellen")
        expect(screen.locator("#stage")).to_contain_text("Customers hear from us first")
    expect(dutch.locator("#stage")).to_contain_text(nl("Add note"))

    # The switch on the phone: the same room, now in English.
    dutch.get_by_role("button", name="English").click()
    expect(dutch.locator("html")).to_have_attribute("lang", "en")
    expect(dutch.locator("#stage h1")).to_have_text(VISION)
    expect(dutch.get_by_role("button", name="Nederlands")).to_be_visible()


def test_the_workshop_language_sets_the_projector(presenter, laptop):
    workshop_page = presenter.url.replace("/present/", "/")
    presenter.goto(workshop_page)
    presenter.get_by_label("Language", exact=True).select_option("nl")
    presenter.get_by_role("button", name="Save details").click()
    expect(presenter.get_by_label("Language", exact=True)).to_have_value("nl")
    presenter.goto(workshop_page + "present/")
    expect(presenter.locator("html")).to_have_attribute("lang", "nl")
    expect(presenter.locator(".connection[data-state='online']")).to_be_visible()
    presenter.locator(f'.step[title="{nl(VISION)}"]').click()
    expect(presenter.locator("#stage h1")).to_have_text(nl(VISION))
