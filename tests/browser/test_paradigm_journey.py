"""The paradigm comparison in real browsers: the presenter's deck, two phones rating three
dimensions, the live chart on the projector, and the gaps slide."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import join_as

PARADIGM = "Two paradigms, dimension by dimension"
GAPS = "Where the gaps are"
TODAY = "Where we are today"
TARGET = "Where we must be in two years"

# (dimension, Amira's (today, target), Ben's (today, target), the caption the projector shows)
RATINGS = [
    ("Purpose and strategy", (3, 6), (3, 6), "2 ratings · today 3.0 · target 6.0 · gap 3.0"),
    ("Structure", (2, 7), (1, 7), "2 ratings · today 1.5 · target 7.0 · gap 5.5"),
    ("Leadership behaviour", (6, 6), (2, 6), "2 ratings · today 4.0 · target 6.0 · gap 2.0"),
]


@pytest.fixture
def app_server(fresh_server):
    """A server of its own for each paradigm journey: nobody has rated anything yet."""
    return fresh_server


def goto_step(presenter: Page, title: str, heading: str | None = None) -> None:
    """Click a step of the agenda; the comparison's heading is its first dimension."""
    presenter.locator(f'.step[title="{title}"]').click()
    expect(presenter.get_by_role("heading", name=heading or title, level=1)).to_be_visible()


def caption(text: str) -> re.Pattern[str]:
    """The chart's caption, whatever white space the template puts between its parts."""
    return re.compile(r"\s*".join(re.escape(part) for part in text.split()))


def pick(phone: Page, row: str, point: int) -> None:
    # The visible number is a span over an invisible radio: check the radio by its role.
    radio = phone.get_by_role("group", name=row).get_by_role("radio", name=str(point), exact=True)
    # A fragment arriving mid-tap can re-render the control (as on a real phone): tap again.
    for _attempt in range(3):
        radio.check()
        if radio.is_checked():
            break
    expect(radio).to_be_checked()


def rate(phone: Page, dimension: str, today: int, target: int) -> None:
    expect(phone.get_by_role("heading", name=dimension, level=1)).to_be_visible()
    pick(phone, TODAY, today)
    expect(phone.get_by_role("status").filter(has_text="Now pick the other row")).to_be_visible()
    # The second tap saves: no button to press (the button stays for a change of mind).
    pick(phone, TARGET, target)
    expect(phone.get_by_role("status").filter(has_text="Saved:")).to_have_text(
        f"Saved: today {today}, target {target}"
    )
    expect(phone.get_by_role("button", name="Update my rating")).to_be_visible()


def test_two_phones_rate_three_dimensions_and_the_projector_shows_the_gaps(
    presenter, new_phone, screenshot
):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    goto_step(presenter, PARADIGM, heading=RATINGS[0][0])
    expect(presenter.get_by_role("figure")).to_contain_text("Waiting for the first rating")

    phones = []
    for name in ("Amira", "Ben"):
        page = new_phone().new_page()
        join_as(page, code, name)
        phones.append(page)
    amira, ben = phones
    for phone in phones:
        expect(phone.get_by_role("heading", name=RATINGS[0][0], level=1)).to_be_visible()
        expect(phone.get_by_role("button", name="Save my rating")).to_be_visible()

    # The projector's chart changes live: the page is never reloaded.
    presenter.evaluate("window.stillTheSamePage = true")
    for index, (dimension, amira_rating, ben_rating, summary) in enumerate(RATINGS):
        rate(amira, dimension, *amira_rating)
        expect(presenter.get_by_role("figure")).to_contain_text(caption("1 rating · today"))
        rate(ben, dimension, *ben_rating)

        chart = presenter.get_by_role("figure")
        expect(chart).to_contain_text(caption(summary))
        expect(presenter.get_by_role("heading", name=dimension, level=1)).to_be_visible()
        assert presenter.evaluate("window.stillTheSamePage") is True
        if index == 0:
            expect(chart.locator("circle")).to_have_count(2)
            screenshot(presenter, "paradigm-chart-1440")
            screenshot(amira, "paradigm-rating-390")

        if index < len(RATINGS) - 1:
            # The clicker (or the keyboard) moves the deck on, and every phone follows.
            following = RATINGS[index + 1][0]
            presenter.keyboard.press("ArrowRight")
            expect(presenter.get_by_role("heading", name=following, level=1)).to_be_visible()
            expect(presenter.get_by_role("figure")).to_contain_text("Waiting for the first")
            for phone in phones:
                expect(phone.get_by_role("heading", name=following, level=1)).to_be_visible()
                expect(phone.get_by_role("button", name="Save my rating")).to_be_visible()

    # Going back shows the first dimension's chart and each phone's own rating again.
    presenter.keyboard.press("ArrowLeft")
    presenter.keyboard.press("ArrowLeft")
    expect(presenter.get_by_role("heading", name=RATINGS[0][0], level=1)).to_be_visible()
    expect(presenter.get_by_role("figure")).to_contain_text(caption(RATINGS[0][3]))
    expect(ben.get_by_role("status").filter(has_text="Saved:")).to_have_text(
        "Saved: today 3, target 6"
    )

    # The gaps slide ranks the rated dimensions on the projector and on the phones.
    goto_step(presenter, GAPS)
    by_gap = presenter.get_by_role("region", name="Biggest gaps").get_by_role("listitem")
    expect(by_gap).to_have_count(3)
    for position, name in enumerate(["Structure", "Purpose and strategy", "Leadership behaviour"]):
        expect(by_gap.nth(position)).to_contain_text(name)
    expect(by_gap.first).to_contain_text(caption("1.5 → 7.0 +5.5"))
    by_spread = presenter.get_by_role(
        "region", name="Where we disagree most about today"
    ).get_by_role("listitem")
    for position, name in enumerate(["Leadership behaviour", "Structure", "Purpose and strategy"]):
        expect(by_spread.nth(position)).to_contain_text(name)
    expect(by_spread.first).to_contain_text(caption("spread 2.0 · 2 ratings"))
    for phone in phones:
        expect(phone.get_by_role("heading", name=GAPS, level=1)).to_be_visible()
        expect(
            phone.get_by_role("region", name="Biggest gaps").get_by_role("listitem").first
        ).to_contain_text("Structure")
    screenshot(presenter, "paradigm-gaps-1440")
