"""The whole morning module in real browsers: "Understand customer culture" with a
facilitator at 1440×900 and three phones at 390 px, from the explainer to the room's final
vision statement, which ends the results page together with the mixed signals as pairs."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from workshops.explainers import PARADIGM_EXPLAINER

from .helpers import join_as, log_in
from .test_paradigm_journey import pick

SETUP = """
import json
from django.contrib.auth import get_user_model
from workshops import services
from workshops.models import WorkshopTemplate
user = get_user_model().objects.get(email="demo@culture-room.test")
template = WorkshopTemplate.objects.get(slug="understand-customer-culture")
workshop = services.create_workshop(user, template=template, title="Morning at Acme")
print(json.dumps({"pk": workshop.pk, "code": workshop.room_code}))
"""
PAIR = ("Customers come first", "Bonuses pay for new contracts only")
FINAL = "Two years from now, no customer has to tell us their story twice."


@pytest.fixture
def app_server(fresh_server):
    return fresh_server


def goto(presenter: Page, title: str) -> None:
    presenter.locator(f'.step[title="{title}"]').click()


def test_a_room_goes_from_the_explainer_to_its_vision_statement(
    laptop, new_phone, app_server, screenshot
):
    demo = app_server.seed_demo()
    room = json.loads(app_server.manage("shell", "--verbosity", "0", "-c", SETUP))
    presenter = laptop.new_page()
    log_in(presenter, *demo)
    presenter.goto(f"/workshops/{room['pk']}/present/")
    expect(presenter.get_by_role("status").filter(has_text="Live")).to_be_visible()
    phones = [new_phone().new_page() for _ in range(3)]
    for phone, name in zip(phones, ("Amira", "Bea", "Chen"), strict=True):
        join_as(phone, room["code"], name)
    expect(presenter.locator("#participant-count")).to_have_text("3")
    amira, bea, chen = phones

    # The explainer: slides on every screen, the clicker steps through them.
    presenter.keyboard.press("ArrowRight")
    for page in (presenter, *phones):
        expect(page.get_by_role("heading", name=PARADIGM_EXPLAINER[0]["heading"])).to_be_visible()
    presenter.keyboard.press("ArrowRight")
    expect(amira.get_by_role("heading", name=PARADIGM_EXPLAINER[1]["heading"])).to_be_visible()

    # The comparison: each phone rates the first dimension.
    goto(presenter, "Two paradigms, dimension by dimension")
    first = presenter.locator(".deck__title").inner_text()
    for phone, (today, target) in zip(phones, ((2, 6), (3, 6), (2, 5)), strict=True):
        expect(phone.get_by_role("heading", name=first, level=1)).to_be_visible()
        pick(phone, "Where we are today", today)
        pick(phone, "Where we must be in two years", target)
        expect(phone.get_by_role("status").filter(has_text="Saved:")).to_be_visible()
    expect(presenter.locator(".chart")).to_contain_text("3 ratings")

    goto(presenter, "The full package")
    expect(bea.get_by_role("heading", name="Two paradigms, each a coherent whole")).to_be_visible()
    goto(presenter, "Where the gaps are")
    expect(presenter.get_by_role("heading", name="Biggest gaps")).to_be_visible()
    expect(presenter.locator(".gaps")).to_contain_text(first)

    # Mixed signals: a note holds both halves.
    goto(presenter, "Mixed signals")
    chen.get_by_label("Leaders say…").fill(PAIR[0])
    chen.get_by_role("textbox", name="…but the system does (a").fill(PAIR[1])
    chen.get_by_role("button", name="Add note").click()
    expect(presenter.locator(".board--presenter")).to_contain_text(PAIR[1])

    # The vision board, then the statement drafted from it.
    goto(presenter, "Vision: two years from now")
    amira.get_by_label("Your note", exact=True).fill("Nobody has to repeat themselves")
    amira.get_by_role("button", name="Add note").click()
    expect(presenter.locator(".board--presenter")).to_contain_text("Nobody has to repeat")

    goto(presenter, "Our vision statement")
    expect(amira.locator(".vision-notes")).to_contain_text("Nobody has to repeat")
    presenter.get_by_label("Split the room into").select_option("2")
    presenter.get_by_role("button", name="Split", exact=True).click()
    expect(presenter.locator(".vision-card")).to_have_count(2)
    amira.locator(".vision-draft:visible").get_by_label("Our statement").fill(FINAL)
    amira.get_by_role("button", name="Save our draft").click()
    expect(presenter.locator(".vision-card").first).to_contain_text(FINAL)
    presenter.get_by_text("Groups, voting and the final statement").click()
    presenter.get_by_role("button", name="Open voting").click()
    for phone in phones:
        phone.get_by_role("button", name="Vote for Group 1’s draft").click()
    expect(presenter.locator(".vision-card").first.locator(".vision-card__votes")).to_have_text(
        "3 votes"
    )
    presenter.get_by_role("button", name="Finalise").click()
    for page in (presenter, *phones):
        expect(page.locator("#vision-final")).to_contain_text(FINAL)
    presenter.locator(".vision-controls").evaluate("el => el.open = false")
    screenshot(presenter, "understand-vision-statement-1440")
    screenshot(amira, "understand-vision-statement-390")

    # The results keep the pairs and end with the room's statement.
    presenter.goto(f"/workshops/{room['pk']}/results/")
    results = presenter.locator("main")
    expect(results).to_contain_text(PAIR[0])
    expect(results).to_contain_text(PAIR[1])
    expect(results).to_contain_text(FINAL)
    sections = presenter.locator("main section.card h2").all_inner_texts()
    assert any("vision statement" in heading.lower() for heading in sections[-2:]), sections
    screenshot(presenter, "understand-results-1440")
