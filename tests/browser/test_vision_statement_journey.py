"""Our vision statement on real screens: a facilitator at 1440×900 and three phones at 390 px on
an "Understand customer culture" workshop. The vision board's notes are on the phones, the room
splits into two groups, each drafts its statement, everyone votes and the facilitator finalises
an edited statement, shown big on every screen."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .helpers import join_as, log_in

# The demo facilitator's "Understand customer culture" workshop with two vision notes, on its
# vision statement. Prints its pk and code.
SETUP = """
import json
from django.contrib.auth import get_user_model
from workshops import services
from workshops.models import WorkshopTemplate
user = get_user_model().objects.get(email="demo@culture-room.test")
template = WorkshopTemplate.objects.get(slug="understand-customer-culture")
workshop = services.create_workshop(user, template=template, title="Vision at Acme")
board = workshop.activities.get(kind="vision")
for text in ["Customers never have to repeat themselves", "We call back when we promised"]:
    services.add_note(
        workshop, participant=None, by=user, activity_id=board.pk,
        column_id=board.columns.first().pk, text=text, client_id="v-" + text,
    )
activity = workshop.activities.get(kind="vision_statement")
services.goto_activity(workshop, user, activity.pk)
print(json.dumps({"pk": workshop.pk, "code": workshop.room_code}))
"""
SMALLEST_TEXT = """
(selector) => Math.min(...Array.from(document.querySelectorAll(selector + ' *'))
  .filter((el) => el.offsetParent !== null)
  .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim()))
  .map((el) => parseFloat(getComputedStyle(el).fontSize)))
"""


@pytest.fixture
def app_server(fresh_server):
    return fresh_server


def test_groups_draft_the_room_votes_and_the_facilitator_finalises(
    laptop, new_phone, app_server, screenshot
):
    demo = app_server.seed_demo()
    room = json.loads(app_server.manage("shell", "--verbosity", "0", "-c", SETUP))
    presenter = laptop.new_page()
    log_in(presenter, *demo)
    presenter.goto(f"/workshops/{room['pk']}/present/")
    expect(presenter.get_by_role("status").filter(has_text="Live")).to_be_visible()

    amira, bea, chen = (new_phone().new_page() for _ in range(3))
    for page, name in ((amira, "Amira"), (bea, "Bea"), (chen, "Chen")):
        join_as(page, room["code"], name)
    expect(amira.locator(".vision-notes")).to_contain_text("Customers never have to repeat")
    expect(presenter.locator("#participant-count")).to_have_text("3")

    presenter.get_by_label("Split the room into").select_option("2")
    presenter.get_by_role("button", name="Split", exact=True).click()
    expect(presenter.locator(".vision-card")).to_have_count(2)
    # Joined in order: Amira and Chen in group 1, Bea in group 2.
    expect(amira.locator(".vision-draft:visible")).to_contain_text("Group 1")
    expect(bea.locator(".vision-draft:visible")).to_contain_text("Group 2")

    one = "Two years from now our customers never have to repeat themselves."
    amira.locator(".vision-draft:visible").get_by_label("Our statement").fill(one)
    amira.get_by_role("button", name="Save our draft").click()
    expect(chen.locator(".vision-draft:visible").get_by_label("Our statement")).to_have_value(one)
    expect(chen.locator(".vision-draft:visible")).to_contain_text("✓ Saved · Amira")
    expect(presenter.locator(".vision-card").first).to_contain_text(one)
    two = "Customers trust us to call back when we promised, every time."
    bea.locator(".vision-draft:visible").get_by_label("Our statement").fill(two)
    bea.get_by_role("button", name="Save our draft").click()
    expect(presenter.locator(".vision-card").nth(1)).to_contain_text(two)
    screenshot(amira, "vision-draft-phone")
    screenshot(presenter, "vision-drafts-presenter")
    assert presenter.evaluate(SMALLEST_TEXT, ".vision-drafts") >= 24

    presenter.get_by_text("Groups, voting and the final statement").click()
    presenter.get_by_role("button", name="Open voting").click()
    expect(amira.locator("#vision-ballot")).to_be_visible()
    for phone in (amira, bea, chen):
        phone.get_by_role("button", name="Vote for Group 1’s draft").click()
    # Bea changes her mind: her vote moves, it does not add.
    expect(bea.locator("#vision-ballot")).to_contain_text("your vote")
    bea.get_by_role("button", name="Vote for Group 2’s draft").click()
    cards = presenter.locator(".vision-card")
    expect(cards.first.locator(".vision-card__votes")).to_have_text("2 votes")
    expect(cards.nth(1).locator(".vision-card__votes")).to_have_text("1 vote")
    screenshot(bea, "vision-ballot-phone")
    screenshot(presenter, "vision-votes-presenter")

    final = "Two years from now, our customers never have to repeat themselves to us."
    statement = presenter.get_by_label("The statement", exact=False)
    expect(statement).to_have_value(one)
    statement.fill(final)
    presenter.get_by_role("button", name="Finalise").click()
    for page in (presenter, amira, bea, chen):
        expect(page.locator("#vision-final")).to_contain_text(final)
    presenter.locator(".vision-controls").evaluate("el => el.open = false")
    screenshot(presenter, "vision-final-presenter")
    screenshot(chen, "vision-final-phone")
    assert presenter.evaluate(SMALLEST_TEXT, "#vision-final") >= 24
    assert presenter.evaluate("document.documentElement.scrollWidth") <= 1440
    assert amira.evaluate("document.documentElement.scrollWidth") <= 390
