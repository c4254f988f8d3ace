"""The walking skeleton in a real browser: a facilitator opens a room, two phones follow it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from rituals.content import WHAT_CULTURE_IS

from .conftest import PHONE
from .helpers import CuttableSocket, join_as

FIRST_SLIDE = WHAT_CULTURE_IS["slides"][0]["heading"]
THIRD_SLIDE = WHAT_CULTURE_IS["slides"][2]["heading"]


def test_facilitator_runs_a_room_that_two_phones_follow(laptop, new_phone, screenshot):
    presenter = laptop.new_page()

    # Sign up, create a workshop from a template, open the presenter view.
    presenter.goto("/accounts/signup/")
    presenter.get_by_label("Your name").fill("Fran Facilitator")
    presenter.get_by_label("Email").fill("fran@example.com")
    presenter.get_by_label("Password").fill("customer-first-always")
    presenter.get_by_role("button", name="Create account").click()
    expect(presenter.get_by_role("heading", name="Your workshops")).to_be_visible()
    presenter.get_by_role("link", name="Create your first workshop").click()
    presenter.get_by_label("Title").fill("Customer rituals at Acme")
    presenter.get_by_label("Client organisation").fill("Acme Insurance")
    presenter.get_by_label("Customer rituals").check()
    presenter.get_by_role("button", name="Create workshop").click()
    expect(presenter.get_by_role("heading", name="Customer rituals at Acme")).to_be_visible()
    presenter.get_by_role("link", name="Present").click()
    expect(presenter.get_by_role("status").filter(has_text="Live")).to_be_visible()
    code = presenter.locator(".room-code").inner_text().strip()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    expect(presenter.get_by_role("img", name=re.compile("QR code"))).to_be_visible()

    # Two phones join with the code; the presenter lists both names.
    amira, ben = new_phone().new_page(), new_phone().new_page()
    cut = CuttableSocket()
    ben.route_web_socket(re.compile(r"/ws/rooms/"), cut.handle)
    join_as(amira, code, "Amira")
    join_as(ben, code, "Ben")
    people = presenter.get_by_role("complementary", name="People in the room")
    expect(people.get_by_text("Amira")).to_be_visible()
    expect(people.get_by_text("Ben")).to_be_visible()
    expect(presenter.locator("#participant-count")).to_have_text("2")
    screenshot(presenter, "presenter-lobby-1440")
    screenshot(amira, "phone-lobby-390")

    # Mark the phone pages: a reload would lose the mark.
    for phone in (amira, ben):
        phone.evaluate("window.__noReload = true")

    # The facilitator advances with the keyboard; both phones follow without reloading.
    # The afternoon opens with the "What culture is" explainer, one slide at a time.
    presenter.keyboard.press("ArrowRight")
    expect(presenter.get_by_role("heading", name=FIRST_SLIDE)).to_be_visible()
    for phone in (amira, ben):
        expect(phone.get_by_role("heading", name=FIRST_SLIDE)).to_be_visible()
        assert phone.evaluate("window.__noReload") is True
    screenshot(presenter, "presenter-activity-1440")
    screenshot(amira, "phone-activity-390")

    # Ben's phone loses its connection; meanwhile the room moves on twice.
    cut.cut()
    expect(ben.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    presenter.get_by_role("button", name="Next →").click()
    presenter.get_by_role("button", name="Next →").click()
    expect(amira.get_by_role("heading", name=THIRD_SLIDE)).to_be_visible()
    expect(ben.get_by_role("heading", name=FIRST_SLIDE)).to_be_visible()

    # Back online, Ben's phone resyncs by itself to what is on screen now.
    cut.restore()
    expect(ben.get_by_role("status").filter(has_text="Live")).to_be_visible(timeout=15_000)
    expect(ben.get_by_role("heading", name=THIRD_SLIDE)).to_be_visible()
    assert ben.evaluate("window.__noReload") is True


def test_phone_gets_a_clear_message_for_a_wrong_code(new_phone):
    page = new_phone().new_page()
    page.goto("/")
    page.get_by_label("Room code").fill("ZZZZZZ")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("There is no room with this code")


def test_phone_keeps_its_identity_after_a_reload(laptop, browser, app_server):
    facilitator = laptop.new_page()
    facilitator.goto("/accounts/signup/")
    facilitator.get_by_label("Your name").fill("Gus")
    facilitator.get_by_label("Email").fill("gus@example.com")
    facilitator.get_by_label("Password").fill("customer-first-always")
    facilitator.get_by_role("button", name="Create account").click()
    facilitator.get_by_role("link", name="Create your first workshop").click()
    facilitator.get_by_label("Title").fill("Reload check")
    facilitator.get_by_role("button", name="Create workshop").click()
    code = facilitator.locator(".room-code").inner_text().strip()

    phone = browser.new_context(base_url=app_server.url, **PHONE)
    page = phone.new_page()
    join_as(page, code, "Chloé")
    page.reload()
    expect(page.locator(".phone-bar__who")).to_have_text("Chloé")
    # The join link goes straight back into the room: no second name, no second identity.
    page.goto(f"/j/{code}/")
    expect(page).to_have_url(re.compile(rf"/r/{code}/$"))
    facilitator.get_by_role("link", name="Present").click()
    expect(facilitator.locator("#participant-count")).to_have_text("1")
    expect(facilitator.locator(".person")).to_have_count(1)
    phone.close()
