"""Designing rituals in groups on real screens: a facilitator at 1440×900 and three phones at
390 px. The room splits into two groups from the projector, a late joiner is placed, edits
travel from one member's phone to the other's and to the projector's overview, two people
typing in one field merge instead of overwriting, and bad input is explained under the field."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from .helpers import join_as, log_in

# A "Customer rituals" workshop for the demo facilitator, with the design activity added to its
# agenda and three ideas promoted into it by the services, on screen. Prints its pk and code.
SETUP = """
import json
from django.contrib.auth import get_user_model
from rituals import services as rituals
from workshops import services
from workshops.models import WorkshopTemplate
user = get_user_model().objects.get(email="demo@culture-room.test")
template = WorkshopTemplate.objects.get(slug="customer-rituals")
workshop = services.create_workshop(user, template=template, title="Rituals at Acme")
activity = services.add_activity(
    workshop, user, kind="ritual_design", title="Design rituals in groups"
)
board = workshop.activities.get(title="Invent customer rituals")
ideas = []
for text in ["Customer story to open the week", "Listening hour", "Empty chair"]:
    note, _ = services.add_note(
        workshop, participant=None, by=user, activity_id=board.pk,
        column_id=board.columns.first().pk, text=text, client_id="idea-" + text,
    )
    ideas.append(note.pk)
rituals.promote_ideas(activity, user, ideas)
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


def canvas_input(phone: Page, label: str):
    return phone.locator(".design-canvas:visible").get_by_label(label, exact=True)


def test_groups_design_their_rituals_on_phones_and_the_projector_shows_every_canvas(
    laptop, new_phone, app_server, screenshot
):
    demo = app_server.seed_demo()
    room = json.loads(app_server.manage("shell", "--verbosity", "0", "-c", SETUP))
    presenter = laptop.new_page()
    log_in(presenter, *demo)
    presenter.goto(f"/workshops/{room['pk']}/present/")
    expect(presenter.get_by_role("status").filter(has_text="Live")).to_be_visible()
    expect(presenter.locator(".design__rituals")).to_contain_text("Listening hour")

    amira, bea, chen = (new_phone().new_page() for _ in range(3))
    join_as(amira, room["code"], "Amira")
    join_as(bea, room["code"], "Bea")
    expect(amira.get_by_text("In a moment the facilitator splits the room")).to_be_visible()
    expect(presenter.locator("#participant-count")).to_have_text("2")

    # The facilitator splits the room into two groups from the projector.
    presenter.get_by_label("Split the room into").select_option("2")
    presenter.get_by_role("button", name="Split", exact=True).click()
    overview = presenter.locator(".overview")
    expect(overview.locator(".overview-card")).to_have_count(2)
    expect(amira.get_by_role("region", name="Your group")).to_contain_text("Group 1")
    expect(bea.get_by_role("region", name="Your group")).to_contain_text("Group 2")
    expect(canvas_input(amira, "Name (needed)")).to_have_value("Customer story to open the week")
    expect(canvas_input(bea, "Name (needed)")).to_have_value("Listening hour")
    expect(amira.locator(".design-canvas:visible")).to_have_count(1)

    # Chen arrives late and is placed in the smallest group (both have one: the first).
    join_as(chen, room["code"], "Chen")
    expect(chen.get_by_role("region", name="Your group")).to_contain_text("Group 1")
    expect(amira.get_by_role("region", name="Your group")).to_contain_text("Chen")
    group_one = overview.locator(".overview-card").first
    expect(group_one.locator(".overview-card__members")).to_have_text("Amira, Chen")

    # An edit on Amira's phone reaches Chen's phone and the projector; Bea's canvas is another.
    purpose = "Every Monday the team opens with one customer's story, in the customer's words"
    canvas_input(amira, "Purpose").fill(purpose)
    canvas_input(amira, "Purpose").blur()
    expect(amira.locator(f"#canvas-{_designed(amira)}-purpose")).to_contain_text("✓ Saved · Amira")
    expect(canvas_input(chen, "Purpose")).to_have_value(purpose)
    expect(group_one).to_contain_text(purpose)
    expect(canvas_input(bea, "Purpose")).not_to_have_value(purpose)

    canvas_input(chen, "Owner").fill("Head of Customer Service")
    canvas_input(chen, "Owner").press("Enter")
    canvas_input(chen, "Pillar").select_option(label="Sharing customer stories")
    canvas_input(chen, "Cadence").select_option(label="Weekly")
    expect(canvas_input(amira, "Owner")).to_have_value("Head of Customer Service")
    expect(canvas_input(amira, "Pillar")).to_have_value("stories")
    expect(group_one).to_contain_text("Head of Customer Service")
    expect(group_one.locator(".overview-card__tags")).to_contain_text("Weekly")

    # Two people type in one field: the second keeps their words and merges the first's.
    canvas_input(chen, "Trigger").fill("Monday team meeting")
    canvas_input(amira, "Trigger").fill("The first ten minutes")
    canvas_input(amira, "Trigger").blur()
    expect(chen.locator(".canvas-field__note--info")).to_contain_text("Amira changed this")
    expect(canvas_input(chen, "Trigger")).to_have_value("Monday team meeting")
    canvas_input(chen, "Trigger").blur()
    merge = chen.locator(".canvas-merge")
    expect(merge).to_contain_text("The first ten minutes")
    expect(canvas_input(chen, "Trigger")).to_have_value("Monday team meeting")
    merge.scroll_into_view_if_needed()
    screenshot(chen, "ritual-design-merge-phone")
    merge.get_by_role("button", name="Add theirs to mine").click()
    chen.locator(".canvas-merge").get_by_role("button", name="Save mine").click()
    merged = "Monday team meeting\nThe first ten minutes"
    expect(canvas_input(amira, "Trigger")).to_have_value(merged)
    expect(chen.locator(".canvas-merge")).to_have_count(0)

    # Bad input is explained under the field, and nothing changes.
    canvas_input(amira, "Name (needed)").fill("")
    canvas_input(amira, "Name (needed)").blur()
    expect(amira.locator(".canvas-field__note--error")).to_contain_text("Give the ritual a name")
    expect(canvas_input(chen, "Name (needed)")).to_have_value("Customer story to open the week")
    canvas_input(amira, "Name (needed)").fill("Monday customer story")
    canvas_input(amira, "Name (needed)").blur()
    expect(canvas_input(chen, "Name (needed)")).to_have_value("Monday customer story")
    canvas_input(amira, "First date").fill((date.today() - timedelta(days=3)).isoformat())
    expect(amira.locator(".canvas-field__note--error")).to_contain_text("already passed")
    first = date.today() + timedelta(days=7)
    canvas_input(amira, "First date").fill(first.isoformat())
    expect(group_one).to_contain_text(f"First {first.day} {first:%b}")
    expect(amira.locator("#live-message")).to_be_hidden()
    canvas_input(bea, "How we know it works").fill("Customers who call twice about one thing")
    canvas_input(bea, "How we know it works").blur()
    expect(overview.locator(".overview-card").nth(1)).to_contain_text("Customers who call twice")

    amira.evaluate("document.activeElement && document.activeElement.blur()")
    screenshot(amira, "ritual-design-canvas-phone")
    screenshot(presenter, "ritual-design-overview-presenter")
    assert presenter.evaluate(SMALLEST_TEXT, ".overview") >= 24
    assert presenter.evaluate("document.documentElement.scrollWidth") <= 1440
    assert amira.evaluate("document.documentElement.scrollWidth") <= 390


def _designed(phone: Page) -> str:
    return phone.locator(".design-canvas:visible").get_attribute("id").removeprefix("canvas-")
