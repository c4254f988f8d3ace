"""The "Customer rituals" afternoon in real browsers: a facilitator on a 1440×900 projector and
three phones at 390 px, from the norms inventory to a first line of the way of working."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import join_as

NORMS = "Our norms today"
LIBRARY = "The ritual library"
IDEAS = "Invent customer rituals"
START = "Start one ritual now"
WAY = "Way of working, first draft"


@pytest.fixture
def app_server(fresh_server):
    return fresh_server


def open_rituals_workshop(presenter: Page) -> str:
    """Sign up, create a workshop from the "Customer rituals" template, present it."""
    presenter.goto("/accounts/signup/")
    presenter.get_by_label("Your name").fill("Fran Facilitator")
    presenter.get_by_label("Email").fill("fran@example.com")
    presenter.get_by_label("Password").fill("customer-first-always")
    presenter.get_by_role("button", name="Create account").click()
    presenter.get_by_role("link", name="Create your first workshop").click()
    presenter.get_by_label("Title").fill("Customer rituals at Acme")
    presenter.get_by_label("Customer rituals").check()
    presenter.get_by_role("button", name="Create workshop").click()
    presenter.get_by_role("link", name="Present").click()
    expect(presenter.get_by_role("status").filter(has_text="Live")).to_be_visible()
    return presenter.locator(".room-code").inner_text().strip()


def goto_step(presenter: Page, title: str, phones: list[Page]) -> None:
    presenter.locator(f'.step[title="{title}"]').click()
    expect(presenter.locator(".stage--presenter h1").first).to_contain_text(title)
    for phone in phones:
        expect(phone.locator(".stage--phone h1").first).to_contain_text(
            re.compile(f"{re.escape(title)}|We start")
        )


def add_norm(phone: Page, text: str, column: str, pillar: str, belief: str = "") -> None:
    phone.get_by_role("radio", name=column).check()
    phone.get_by_label("Your note", exact=True).fill(text)
    phone.get_by_role("radio", name=pillar).check()
    if belief:
        phone.get_by_label("The belief behind it").fill(belief)


def test_the_customer_rituals_afternoon_end_to_end(laptop, new_phone, screenshot):
    presenter = laptop.new_page()
    code = open_rituals_workshop(presenter)
    names = ("Amira", "Ben", "Chloé")
    phones = []
    for name in names:
        page = new_phone().new_page()
        join_as(page, code, name)
        phones.append(page)
    amira, ben, chloe = phones

    # Norms: each names its pillar, one adds the belief behind it.
    goto_step(presenter, NORMS, phones)
    add_norm(
        amira,
        "Every project starts with the budget",
        "Gets in their way",
        "A customer-centred way of working",
        "Keeping costs down keeps us safe",
    )
    screenshot(amira, "rituals-norm-composer-390")
    amira.get_by_role("button", name="Add note").click()
    add_norm(
        ben,
        "We call back every complaint the same day",
        "Helps customers",
        "Listening to customers",
    )
    ben.get_by_role("button", name="Add note").click()
    add_norm(
        chloe, "Only service hears what customers say", "Gets in their way", "Shared responsibility"
    )
    chloe.get_by_role("button", name="Add note").click()
    tally = presenter.get_by_role("list", name="Norms per pillar")
    expect(tally).to_contain_text("1 Listening to customers")
    expect(tally).to_contain_text("1 Shared responsibility")
    expect(tally).to_contain_text("1 A customer-centred way of working")

    # The facilitator reveals the norms and turns one into a from → to pair.
    presenter.get_by_role("button", name="Reveal notes").click()
    presenter.locator(".board--presenter .note", has_text="starts with the budget").click()
    presenter.get_by_label("To", exact=True).fill("Every project starts with the customer's goal")
    presenter.get_by_role("button", name="Make it a from → to pair").click()
    for phone in phones:
        pair = phone.get_by_role("region", name="From → to")
        expect(pair).to_contain_text("starts with the customer's goal")
        expect(pair).to_contain_text("Every project starts with the budget")
    screenshot(presenter, "rituals-norms-1440")

    # The library: filtered by pillar with one thumb, put on the ideas board from a phone.
    goto_step(presenter, LIBRARY, phones)
    ben.get_by_role("radio", name="Listening to customers").check()
    expect(ben.locator('.ritual-card[data-pillar="stories"]').first).to_be_hidden()
    card = ben.locator('.ritual-card[data-pillar="listening"]').first
    expect(card).to_be_visible()
    ritual = card.locator(".ritual-card__name").inner_text()
    card.get_by_role("button", name=re.compile("Put on the ideas board")).click()
    projector_card = presenter.locator(".ritual-card", has_text=ritual)
    expect(projector_card).to_contain_text("On the ideas board")
    screenshot(presenter, "rituals-library-1440")
    screenshot(ben, "rituals-library-390")

    # Ideas: two more of the room's own, dot votes, the top three promoted.
    goto_step(presenter, IDEAS, phones)
    expect(presenter.locator(".board--presenter .note", has_text=ritual)).to_be_visible()
    for phone, idea in (
        (amira, "A customer story opens every team meeting"),
        (chloe, "An empty chair for the customer in planning"),
    ):
        phone.get_by_label("Your note", exact=True).fill(idea)
        phone.get_by_role("button", name="Add note").click()
    for phone, text in ((amira, ritual), (ben, ritual), (chloe, "A customer story opens")):
        note = phone.locator(".note", has_text=text)
        note.get_by_role("button", name="Vote for this note").click()
        expect(note.get_by_role("button", name="Take back a vote")).to_be_visible()
    presenter.get_by_label("Promote the top").select_option("3")
    presenter.get_by_role("button", name="ideas into design").click()
    for phone in phones:
        design = phone.get_by_role("region", name="Into design")
        expect(design.locator("li")).to_have_count(3)
        expect(design.locator("li").first).to_contain_text(ritual)

    # The group design comes from another module; without it the agenda goes on to the start.
    goto_step(presenter, START, phones)
    presenter.get_by_label("The ritual the room chose").select_option(label=ritual)
    presenter.get_by_label("Owner (a role)").fill("Head of customer service")
    presenter.get_by_label("C-level sponsor").fill("Chief Customer Officer")
    presenter.get_by_role("button", name="Mark it started").click()
    for phone, promise in zip(
        phones,
        (
            "I will listen in on two calls this week",
            "I will share what I heard at Monday's meeting",
            "I will book the first session today",
        ),
        strict=True,
    ):
        expect(phone.get_by_role("heading", name=f"We start: {ritual}")).to_be_visible()
        phone.get_by_label("What will you do for this ritual?").fill(promise)
        phone.get_by_role("button", name="Commit").click()
        expect(phone.get_by_role("alert")).to_contain_text("Your commitment is on the wall.")
    wall = presenter.get_by_role("region", name="Commitments")
    expect(wall.locator(".commitment")).to_have_count(3)
    expect(wall).not_to_contain_text("Amira")  # names hidden until the facilitator shows them
    presenter.get_by_role("button", name="Show names").click()
    expect(wall).to_contain_text("Amira")
    amira.get_by_label("Your commitment").fill("I will listen in on three calls this week")
    amira.get_by_role("button", name="Update my commitment").click()
    expect(wall).to_contain_text("three calls")
    expect(wall.locator(".commitment")).to_have_count(3)
    screenshot(presenter, "rituals-commitments-wall-1440")
    screenshot(amira, "rituals-commitment-390")

    # Way of working: a phone suggests a line, the facilitator accepts it, phones see it.
    goto_step(presenter, WAY, phones)
    chloe.get_by_label("Which part of the draft?").select_option(label="Customer goals and metrics")
    chloe.get_by_label("Your line").fill("Every brief names the customer goal it serves")
    chloe.get_by_role("button", name="Suggest this line").click()
    presenter.get_by_role("button", name=re.compile("Accept")).click()
    for phone in phones:
        draft = phone.get_by_role("region", name="The draft so far")
        expect(draft).to_contain_text("Every brief names the customer goal it serves")
    presenter.get_by_label("Add a line to Ownership at C-level").fill(
        "The Chief Customer Officer owns the customer metrics"
    )
    presenter.get_by_role("button", name="Add", exact=True).nth(2).click()
    expect(ben.get_by_role("region", name="The draft so far")).to_contain_text(
        "owns the customer metrics"
    )
    screenshot(presenter, "rituals-way-of-working-1440")
    screenshot(ben, "rituals-way-of-working-390")
