"""The paradigm story on real screens: a rewritten dimension on the projector and on a phone,
what "target" means, and the full package on one slide, readable from the back of the room."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import join_as

PARADIGM = "Two paradigms, dimension by dimension"
FIRST = "Purpose and strategy"
DEMO_TITLE = "Customer culture day (demo)"

# The package partial for the demo workshop, rendered by the server's own Django (its database).
SMALLEST_TEXT = """
(selector) => Math.min(...Array.from(document.querySelectorAll(selector + ' *'))
  .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim()))
  .map((el) => parseFloat(getComputedStyle(el).fontSize)))
"""


@pytest.fixture
def app_server(fresh_server):
    return fresh_server


def test_a_rewritten_dimension_reads_well_on_the_projector_and_the_phone(
    presenter: Page, new_phone, screenshot
):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    presenter.locator(f'.step[title="{PARADIGM}"]').click()
    expect(presenter.get_by_role("heading", name=FIRST, level=1)).to_be_visible()
    expect(presenter.get_by_role("region", name="Product-centred")).to_contain_text(
        "because that is where the revenue comes from"
    )
    expect(presenter.get_by_role("region", name="Customer-centred")).to_contain_text(
        "customer problems we choose to solve better than anyone else"
    )
    # The agenda's current step carries its planned time.
    expect(presenter.locator(".step--current")).to_contain_text("· 50 min")
    expect(presenter.locator(".deck__pillar")).to_have_text("Way of working")
    screenshot(presenter, "paradigm-story-dimension-presenter")

    phone = new_phone().new_page()
    join_as(phone, code, "Amira")
    expect(phone.get_by_role("heading", name=FIRST, level=1)).to_be_visible()
    target = phone.get_by_role("group", name="Where we must be in two years")
    expect(target).to_contain_text("to keep our customers, not where a perfect company would be")
    screenshot(phone, "paradigm-story-dimension-phone")


def test_the_full_package_fits_the_projector_with_nothing_under_24px(presenter: Page, screenshot):
    presenter.locator('.step[title="The full package"]').click()
    table = presenter.get_by_role("table", name="Product-centred and customer-centred")
    expect(table).to_be_visible()
    for pillar in ("Sharing customer stories", "Listening to customers", "Way of working"):
        expect(table).to_contain_text(pillar)
    assert presenter.evaluate(SMALLEST_TEXT, ".package") >= 24

    # The slide stays within the projector; the table scrolls inside it.
    box = table.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900
    screenshot(presenter, "paradigm-story-full-package")
    table.evaluate("(el) => el.scrollTo(0, el.scrollHeight)")
    expect(table).to_contain_text("Internal communication")
    screenshot(presenter, "paradigm-story-full-package-end")
